/**
 * OIDC client secrets in a plan. A stack names the environment variable a secret comes from
 * (`clientSecretEnv`); AWS needs the secret to create an OIDC action and never returns it, so:
 * - creating an OIDC action (a new listener or rule, or one that had none) sends the secret;
 * - an existing one keeps the secret AWS holds (UseExistingClientSecret), unless the apply is
 *   told to rotate secrets (`apply --rotate-secrets`), which sends it again.
 * Which variables an apply needs is known from the plan alone, so a missing one is refused
 * before the first AWS write.
 */
import type { LeadingSpec } from '../actions';
import type { Change } from './plan';

const hasOidc = (specs: readonly LeadingSpec[] | undefined) =>
  (specs ?? []).some((a) => a.type === 'authenticate-oidc');

/** Whether an OIDC action in this change's `after` must carry its secret. */
export function sendsSecret(change: Change, rotate: boolean): boolean {
  if (change.type !== 'listener' && change.type !== 'rule') return false;
  const after = change.after?.authenticate;
  if (!hasOidc(after)) return false;
  if (change.action === 'create' || rotate) return true;
  return !hasOidc(change.before?.authenticate);
}

/** The variables an apply of this plan reads, each with the changes that need it (in plan order). */
export function secretVariables(changes: readonly Change[], rotate: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of changes) {
    if (!sendsSecret(c, rotate)) continue;
    const specs = (c.type === 'listener' || c.type === 'rule' ? c.after?.authenticate : undefined) ?? [];
    for (const a of specs) {
      if (a.type !== 'authenticate-oidc' || a.clientSecretEnv === undefined) continue;
      out.set(a.clientSecretEnv, [...(out.get(a.clientSecretEnv) ?? []), c.name]);
    }
  }
  return out;
}
