/**
 * The ELBv2 API as the pinned SDK models it, read from its type declarations: every operation,
 * and every field a write operation takes (its input and the structures under it). Used by the
 * API coverage test, so docs/api-coverage.md lists exactly what the SDK has — a new SDK with a
 * new field fails the test until the table says where the field is covered or why it is not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The types next to the code the client resolves to (dist-cjs/index.js → dist-types). */
const SDK = join(dirname(require.resolve('@aws-sdk/client-elastic-load-balancing-v2')), '..', 'dist-types');

/** Paging fields every Describe* takes; elbctl pages through everything (src/aws/paging.ts). */
const PAGING = new Set(['Marker', 'PageSize']);

function interfaces(): Map<string, Array<{ name: string; type: string }>> {
  const dir = join(SDK, 'models');
  const text = readdirSync(dir)
    .filter((f) => f.startsWith('models') && f.endsWith('.d.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const out = new Map<string, Array<{ name: string; type: string }>>();
  for (const m of text.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    const members = [...(m[2] as string).matchAll(/^ {4}(\w+)\??:\s*([^;]+);/gm)].map((x) => ({
      name: x[1] as string,
      type: x[2] as string,
    }));
    out.set(m[1] as string, members);
  }
  return out;
}

/** Every operation of the client (AddTags, CreateListener, …), sorted. */
export function sdkOperations(): string[] {
  return readdirSync(join(SDK, 'commands'))
    .filter((f) => f.endsWith('Command.d.ts'))
    .map((f) => f.replace(/Command\.d\.ts$/, ''))
    .sort();
}

/** Operations that only read (their input fields are filters, not settings). */
const isReadOperation = (op: string): boolean => /^(Describe|Get)/.test(op);

/**
 * `Structure.Field` for every field of every write operation's input (named by the operation:
 * `CreateLoadBalancer.Name`) and of every structure reachable from one (`SubnetMapping.AllocationId`).
 */
export function sdkWriteFields(): string[] {
  const all = interfaces();
  const seen = new Set<string>();
  const fields: string[] = [];
  const visit = (iface: string, label: string): void => {
    if (seen.has(iface)) return;
    seen.add(iface);
    for (const m of all.get(iface) ?? []) {
      if (PAGING.has(m.name)) continue;
      fields.push(`${label}.${m.name}`);
      for (const ref of m.type.match(/\b[A-Z]\w+\b/g) ?? []) if (all.has(ref)) visit(ref, ref);
    }
  };
  for (const op of sdkOperations().filter((o) => !isReadOperation(o))) visit(`${op}Input`, op);
  return fields;
}
