/**
 * `--actions-file FILE` (rule add|modify, listener create|modify): what a rule or a listener's
 * default action runs, written exactly as in a stack file — `authenticate:`, `action:` and, on a
 * rule, `transforms:` — read by the stack file's parser, checked against the stack file's schema
 * and judged by its rules (validate-actions.ts). Every problem comes back as FILE:LINE:COL.
 *
 *   authenticate:
 *     - oidc: { issuer: https://idp.example.com, …, clientSecretEnv: ADMIN_OIDC_SECRET }
 *   action: { forward: admin }
 *   transforms:
 *     - urlRewrite: { regex: "^/admin/(.*)$", replace: "/$1" }
 */
import type { ActionSpec, LeadingSpec } from '../actions';
import type { LoadBalancerType, Transform } from '../model';
import { problem } from '../rules/problem';
import { toLeadingSpec, toTransformSpec } from './action-files';
import { readYamlDocument } from './load';
import { GENERIC, issuesToProblems, type PathProblem, type StackProblem } from './problems';
import { ruleSchema, type TransformFile } from './schema';
import { actionFileProblems, leadingActionProblems, transformProblems } from './validate-actions';

export interface ActionsFile {
  /** The actions before routing; undefined when the file has no `authenticate:` (the live ones are kept). */
  authenticate?: LeadingSpec[] | undefined;
  action: ActionSpec;
  /** Rules only; undefined when the file has no `transforms:` (the live ones are kept), [] removes them. */
  transforms?: Transform[] | undefined;
}

export type ActionsFileTarget = 'rule' | 'listener';

const RULE_PART = ruleSchema.pick({ authenticate: true, action: true, transforms: true });
const LISTENER_PART = ruleSchema.pick({ authenticate: true, action: true });

/** `stack file: …` is how the schema's words name the document's top; here the document is an actions file. */
const relabel = (p: PathProblem): PathProblem => ({
  ...p,
  message: p.message.replace(/^stack file\b/, 'actions file'),
});

/**
 * Reads and judges an actions file. Authentication is judged where it can run (an HTTPS listener of
 * an application load balancer: `place`); the routing action is judged on the listener by the
 * command, once it is known (a redirect loops or not depending on the listener's port).
 */
export function loadActionsFile(
  text: string,
  target: ActionsFileTarget,
  place: { protocol: string; loadBalancerType: LoadBalancerType },
): { ok: true; value: ActionsFile } | { ok: false; problems: StackProblem[] } {
  const doc = readYamlDocument(text);
  if (!doc.ok) return doc;
  const schema = target === 'rule' ? RULE_PART : LISTENER_PART;
  const parsed = schema.safeParse(doc.value, { error: () => GENERIC });
  const problems: PathProblem[] = [];
  if (!parsed.success) {
    problems.push(...issuesToProblems(parsed.error.issues, doc.value, schema).map(relabel));
  } else {
    const f = parsed.data;
    if (f.authenticate) problems.push(...leadingActionProblems(f.authenticate, place, 'actions file'));
    const transforms = 'transforms' in f ? (f.transforms as TransformFile[] | undefined) : undefined;
    if (transforms) problems.push(...transformProblems(transforms, 'actions file'));
    const judged = actionFileProblems(f.action, undefined, place.loadBalancerType, 'actions file: action');
    problems.push(...judged.problems.map((p) => ({ ...p, path: ['action', ...p.path] })));
    if (f.action.weights !== undefined) {
      problems.push(
        problem(
          'E_ACTION',
          'actions file: action: weights: external is for stack files whose weights a shift sets; a command sets the weights it is given, so remove it',
          ['action', 'weights'],
        ),
      );
    }
    if (problems.length === 0) {
      return {
        ok: true,
        value: {
          ...(f.authenticate ? { authenticate: f.authenticate.map((e) => toLeadingSpec(e) as LeadingSpec) } : {}),
          action: judged.spec as ActionSpec,
          ...(transforms ? { transforms: transforms.map((t) => toTransformSpec(t) as Transform) } : {}),
        },
      };
    }
  }
  const located = problems.map((p) => ({ ...doc.where(p), path: p.path, code: p.code, message: p.message }));
  located.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, problems: located };
}
