/**
 * What every verb that changes a resource in place shares, after it has validated its input and
 * read the resource: the before → after diff on stderr, then `--dry-run` (stop: exit 0, or 2 with
 * --detailed-exitcode when something would change) or the confirmation (on a terminal it asks;
 * otherwise -y; with input off and no -y, exit 64). The command writes only once this returns.
 */
import { usageError } from '../../core/errors';
import { fieldLines } from '../../core/stack/describe';
import { renderModification } from '../../ui/modify-view';
import type { Result, View } from '../../ui/render';
import { confirmOrAbort } from '../confirm';
import type { Context } from '../context';

export interface DryRunFlags {
  dryRun?: boolean | undefined;
  detailedExitcode?: boolean | undefined;
}

/** --detailed-exitcode means something only with --dry-run (a run that writes exits 0 or fails). */
export function checkDryRunFlags(flags: DryRunFlags): void {
  if (flags.detailedExitcode && !flags.dryRun) {
    throw usageError('E_USAGE', '--detailed-exitcode: only with --dry-run; add --dry-run to see what would change');
  }
}

export interface Modification {
  /** What kind of resource: `load balancer`, `listener`, … */
  kind: string;
  /** How the user names it: `web`, `web:443`, `web:443:10`. */
  name: string;
  arn: string;
  /** The fields that change, as the plan view writes them (`before` old values, `after` new ones). */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** The same fields as the diff lines read them, when the JSON form differs (actions: ARNs in JSON, names in lines). */
  display?: { before: Record<string, unknown>; after: Record<string, unknown> } | undefined;
  /** Lines beyond the fields (what a change keeps, a note). */
  notes?: readonly string[] | undefined;
  /** What it removes for good: shown in red, always asked about. */
  destructive?: readonly string[] | undefined;
  warnings?: readonly string[] | undefined;
}

/** The JSON every modify verb prints: what changed (or would), and whether it was written. */
interface ModifyData {
  kind: string;
  name: string;
  arn: string;
  changed: boolean;
  dryRun: boolean;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** JSON keeps a field that changes to nothing (a TLS policy AWS drops) as null rather than leaving it out. */
const withNulls = (side: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(side).map(([k, v]) => [k, v === undefined ? null : v]));

const isEmptyModification = (m: Modification): boolean =>
  Object.keys(m.after).length === 0 && Object.keys(m.before).length === 0 && (m.destructive ?? []).length === 0;

function diffLines(m: Modification): string[] {
  return [...fieldLines(m.display?.before ?? m.before, m.display?.after ?? m.after), ...(m.notes ?? [])];
}

/** The result of a modify verb, in every output format. */
export function modifyResult(m: Modification, state: { changed: boolean; dryRun: boolean }): Result {
  const data: ModifyData = {
    kind: m.kind,
    name: m.name,
    arn: m.arn,
    changed: state.changed,
    dryRun: state.dryRun,
    before: withNulls(m.before),
    after: withNulls(m.after),
  };
  const verdict = !state.changed
    ? 'nothing to change'
    : state.dryRun
      ? 'would change (dry run: nothing was written)'
      : 'changed in place';
  const view: View = {
    kind: 'fields',
    fields: [
      [m.kind, m.name],
      ['arn', m.arn],
      ['result', verdict],
      ...diffLines(m).map((l): [string, string] => ['', l]),
    ],
  };
  return { data, view };
}

/** A modify result with more of the resource's state in its JSON (its tags, its certificates, as they are or would be). */
export function withData(result: Result, extra: Record<string, unknown>): Result {
  return { ...result, data: { ...(result.data as object), ...extra } };
}

/**
 * Shows the change and gets the go-ahead. Returns the result to print instead of writing when
 * there is nothing to change or it is a dry run; returns undefined when the caller may write.
 */
export async function approveModification(
  ctx: Context,
  m: Modification,
  flags: DryRunFlags,
): Promise<Result | undefined> {
  if (isEmptyModification(m)) {
    ctx.progress.info(`${m.kind} ${m.name}: already as asked; nothing to change`);
    return modifyResult(m, { changed: false, dryRun: flags.dryRun === true });
  }
  for (const w of m.warnings ?? []) ctx.progress.warn(w);
  // The diff goes to stderr: it is what the user approves, not the command's result.
  if (!(ctx.yes && ctx.quiet) || flags.dryRun) {
    ctx.io.stderr.write(
      renderModification(
        { title: `${m.kind} ${m.name}`, lines: diffLines(m), destructive: m.destructive ?? [] },
        ctx.theme,
      ),
    );
  }
  if (flags.dryRun) {
    const result = modifyResult(m, { changed: true, dryRun: true });
    return flags.detailedExitcode ? { ...result, exitCode: 2 } : result;
  }
  const removes = (m.destructive ?? []).length > 0 ? ' (this removes what cannot be restored by running it again)' : '';
  await confirmOrAbort(ctx, `Change ${m.kind} ${m.name} in place${removes}?`, `modify ${m.kind} ${m.name}`);
  return undefined;
}
