/**
 * docs/api-coverage.md is the table of every ELBv2 API operation and write field and where elbctl
 * covers it (command, stack file, export, test). It is checked against the pinned SDK's own
 * model: a field the SDK has and the table does not list fails here, as does a row for a field
 * the SDK no longer has, a row with an empty cell, or a test file the table names that does not exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sdkOperations, sdkWriteFields } from '../support/sdk-model';

const ROOT = join(__dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'api-coverage.md'), 'utf8');

/** Table rows whose first cell is a code span: `| \`Key\` | … |` → key and the other cells. */
function rows(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of DOC.split('\n')) {
    const m = /^\| `([A-Za-z0-9.]+)` \|(.*)\|\s*$/.exec(line);
    if (!m) continue;
    const key = m[1] as string;
    if (out.has(key)) throw new Error(`docs/api-coverage.md lists ${key} twice`);
    out.set(
      key,
      (m[2] as string).split(' | ').map((c) => c.trim()),
    );
  }
  return out;
}

describe('docs/api-coverage.md', () => {
  const table = rows();

  it('GIVEN the pinned SDK WHEN its operations are listed THEN the table has a row for each, and none for an operation it lacks', () => {
    const ops = sdkOperations();
    expect(ops.length).toBeGreaterThan(40);
    expect(ops.filter((op) => !table.has(op))).toEqual([]);
    expect([...table.keys()].filter((k) => !k.includes('.') && !ops.includes(k))).toEqual([]);
  });

  it('GIVEN the pinned SDK WHEN every write field is listed THEN the table has exactly those fields', () => {
    const fields = sdkWriteFields();
    expect(fields.length).toBeGreaterThan(200);
    const listed = [...table.keys()].filter((k) => k.includes('.'));
    expect(fields.filter((f) => !table.has(f))).toEqual([]);
    expect(listed.filter((f) => !fields.includes(f))).toEqual([]);
  });

  it('GIVEN every row WHEN read THEN no cell is empty and every test file it names exists', () => {
    const absent: string[] = [];
    for (const [key, cells] of table) {
      expect({ key, empty: cells.some((c) => c.length === 0) }).toEqual({ key, empty: false });
      for (const path of cells.join(' ').match(/test\/[\w./-]+\.test\.ts/g) ?? []) {
        if (!existsSync(join(ROOT, path))) absent.push(`${key}: ${path}`);
      }
    }
    expect(absent).toEqual([]);
  });
});
