/**
 * Where SARIF puts a finding: the stack file in the working tree that owns its resource (by the
 * `elbctl:stack` tag), at the line declaring the load balancer or target group; otherwise the
 * pseudo-path `aws/ACCOUNT/REGION/NAME` (src/ui/sarif.ts). Stack files are the YAML files under
 * the current directory (a few levels deep, skipping dependencies and build output) that load as
 * stacks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Finding, RegionSnapshot } from '../../core/audit';
import { loadStack } from '../../core/stack/load';
import { STACK_TAG } from '../../core/stack/model';
import type { SarifLocation } from '../../ui/sarif';

const MAX_DEPTH = 4;
const MAX_FILE_BYTES = 1_000_000;
const SKIPPED = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.terraform', 'cdk.out']);

interface StackFileIndex {
  file: string;
  loadBalancers: Map<string, number>;
  targetGroups: Map<string, number>;
}

function yamlFiles(root: string, dir: string, depth: number, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    if (SKIPPED.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory() && depth < MAX_DEPTH) yamlFiles(root, path, depth + 1, out);
    else if (stat.isFile() && /\.ya?ml$/.test(name) && stat.size <= MAX_FILE_BYTES) out.push(path);
  }
}

/** Every stack file under `root`, by stack name (the first file wins when two declare one stack). */
function indexStackFiles(root: string): Map<string, StackFileIndex> {
  const files: string[] = [];
  yamlFiles(root, root, 0, files);
  const byStack = new Map<string, StackFileIndex>();
  for (const path of files) {
    const file = relative(root, path).split(sep).join('/');
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    if (!/^\s*stack\s*:/m.test(text)) continue;
    const loaded = loadStack(text, file);
    if (!loaded.ok || byStack.has(loaded.stack.stack)) continue;
    const line = (path: Array<string | number>) => loaded.locate(path).line;
    byStack.set(loaded.stack.stack, {
      file,
      loadBalancers: new Map(loaded.stack.loadBalancers.map((lb, i) => [lb.name, line(['loadBalancers', i])])),
      targetGroups: new Map(loaded.stack.targetGroups.map((tg, i) => [tg.name, line(['targetGroups', i])])),
    });
  }
  return byStack;
}

/** `…:listener/app/NAME/ID/LID` → `…:loadbalancer/app/NAME/ID`. */
const loadBalancerOfListener = (arn: string) =>
  arn.replace(/:listener\/((?:app|net|gwy)\/[^/]+\/[^/]+)\/[^/]+$/, ':loadbalancer/$1');

/** A locator for the findings of these snapshots, from the stack files under `root`. */
export function stackLocator(
  root: string,
  snapshots: readonly RegionSnapshot[],
): (f: Finding) => SarifLocation | undefined {
  const owners = new Map<string, { stack: string; kind: 'lb' | 'tg'; name: string }>();
  for (const s of snapshots) {
    for (const a of s.loadBalancers) {
      const stack = a.tags[STACK_TAG];
      if (stack) owners.set(a.loadBalancer.arn, { stack, kind: 'lb', name: a.loadBalancer.name });
    }
    for (const t of s.targetGroups) {
      const stack = t.tags[STACK_TAG];
      if (stack) owners.set(t.targetGroup.arn, { stack, kind: 'tg', name: t.targetGroup.name });
    }
  }
  if (owners.size === 0) return () => undefined;
  const files = indexStackFiles(root);
  return (f) => {
    const owner = owners.get(f.resource) ?? owners.get(loadBalancerOfListener(f.resource));
    const index = owner ? files.get(owner.stack) : undefined;
    if (!owner || !index) return undefined;
    const line = (owner.kind === 'lb' ? index.loadBalancers : index.targetGroups).get(owner.name);
    return line === undefined ? undefined : { uri: index.file, line };
  };
}
