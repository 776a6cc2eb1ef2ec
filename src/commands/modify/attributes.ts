/**
 * `lb|tg|listener attributes --set` and `cross-zone`: the attributes that change, shown before →
 * after and approved like every other change in place. The result is every attribute: as AWS
 * reports it after the write, or (a dry run, nothing to change) as it would be.
 */
import type { Result } from '../../ui/render';
import type { Context } from '../context';
import { attributesResult } from '../lb/attributes';
import { type DryRunFlags, approveModification } from './flow';

export interface AttributeChange extends DryRunFlags {
  /** `load balancer`, `target group`, `listener` */
  kind: string;
  name: string;
  arn: string;
  current: Readonly<Record<string, string>>;
  wanted: Readonly<Record<string, string>>;
  /** Printed before the diff (an inter-AZ charge). */
  warnings?: readonly string[] | undefined;
}

/** The keys whose value changes: old values before, new ones after. */
function changedAttributes(c: Pick<AttributeChange, 'current' | 'wanted'>): {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
} {
  const keys = Object.keys(c.wanted).filter((k) => c.current[k] !== c.wanted[k]);
  return {
    before: Object.fromEntries(keys.map((k) => [k, c.current[k]])),
    after: Object.fromEntries(keys.map((k) => [k, c.wanted[k]])),
  };
}

/**
 * Shows the change and gets the go-ahead: the result to print instead of writing (nothing to
 * change, a dry run), or undefined when the caller may write.
 */
export async function approveAttributes(ctx: Context, c: AttributeChange): Promise<Result | undefined> {
  const { before, after } = changedAttributes(c);
  const early = await approveModification(
    ctx,
    { kind: c.kind, name: c.name, arn: c.arn, before, after, warnings: c.warnings },
    c,
  );
  if (!early) return undefined;
  const result = attributesResult({ ...c.current, ...(c.dryRun ? c.wanted : {}) });
  return early.exitCode === undefined ? result : { ...result, exitCode: early.exitCode };
}
