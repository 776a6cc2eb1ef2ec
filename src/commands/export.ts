/**
 * `elbctl export LB.. [--stack NAME] [-f FILE]`: a stack file for existing load balancers,
 * their listeners, rules, target groups and targets, so they can be adopted: `plan` of the
 * file shows nothing but adoptions (tagging), and after `apply` nothing at all.
 *
 * Validate (names, stack name, no AWS call) → ask (only to overwrite an existing file) →
 * read (the load balancers by name or ARN, then observe them and the target groups they
 * forward to) → build the document (core, pure) → check it loads as a stack file → print it,
 * or write it with -f.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Context } from './context';
import { ElbctlError, notFoundError, Problems, usageError } from '../core/errors';
import { isArn, type Action } from '../core/model';
import { exportStack } from '../core/stack/export/export-stack';
import { targetGroupNameFromArn } from '../core/stack/export/naming';
import { renderStackYaml } from '../core/stack/export/render-yaml';
import { loadStack } from '../core/stack/load';
import { STACK_TAG, type Observed, type ObservedLoadBalancer, type ObservedTargetGroup } from '../core/stack/model';
import type { StackFile } from '../core/stack/schema';
import { loadBalancerNameProblem, stackNameProblem } from '../core/rules/names';
import { quote, shorten } from '../core/echo';
import type { Result } from '../ui/render';
import { withPacing } from './pacing';
import { confirmOrAbort } from './confirm';

export interface ExportOptions {
  lb: string[];
  stack?: string | undefined;
  file?: string | undefined;
}

export interface ExportFileData {
  file: string;
  loadBalancers: number;
  targetGroups: number;
  rules: number;
}

function validate(opts: ExportOptions): void {
  const problems = new Problems();
  const refs = opts.lb ?? [];
  if (refs.length === 0)
    problems.add('E_REQUIRED', 'load balancers: none given; name at least one, e.g. elbctl export shop-web');
  for (const ref of refs) {
    // An ARN is checked by AWS; a name that breaks the naming rules cannot exist.
    const p = isArn(ref) ? undefined : loadBalancerNameProblem(ref);
    if (p) problems.addAll([p]);
  }
  if (opts.stack !== undefined) {
    const p = stackNameProblem(opts.stack);
    if (p) problems.addAll([{ ...p, message: `${p.message} (--stack)` }]);
  }
  if (opts.file === '') problems.add('E_REQUIRED', 'file "": empty; name the file to write, e.g. -f elbctl.yaml');
  else if (opts.file !== undefined && !existsSync(dirname(opts.file))) {
    // Found out now rather than after reading everything from AWS.
    problems.add(
      'E_FORMAT',
      `file ${quote(opts.file)}: its directory ${shorten(dirname(opts.file))} does not exist; create it or write elsewhere`,
    );
  }
  problems.throwIfAny();
}

/** Shell-quoted only where needed, so the header shows a command that can be run again. */
const shellWord = (word: string) => (/^[A-Za-z0-9_./:@=,+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

function commandLine(opts: ExportOptions): string {
  return [
    'elbctl export',
    ...opts.lb.map(shellWord),
    ...(opts.stack !== undefined ? ['--stack', shellWord(opts.stack)] : []),
    ...(opts.file !== undefined ? ['-f', shellWord(opts.file)] : []),
  ].join(' ');
}

function forwardedArns(lbs: readonly ObservedLoadBalancer[]): string[] {
  const arns = (actions: readonly Action[]) =>
    actions.flatMap((a) => (a.type === 'forward' ? a.targetGroups.map((g) => g.targetGroupArn) : []));
  const all = lbs.flatMap((lb) =>
    lb.listeners.flatMap((l) => [...arns(l.defaultActions), ...l.rules.flatMap((r) => arns(r.actions))]),
  );
  return [...new Set(all)];
}

/**
 * What a plan of the file would do beyond the export: delete what the stack owns and the file
 * leaves out, or refuse what another stack owns.
 */
function ownershipWarnings(
  stack: string,
  observed: Observed,
  lbs: readonly ObservedLoadBalancer[],
  tgs: readonly ObservedTargetGroup[],
): string[] {
  const out: string[] = [];
  const lbArns = new Set(lbs.map((l) => l.arn));
  const tgArns = new Set(tgs.map((t) => t.arn));
  for (const lb of observed.loadBalancers) {
    if (!lbArns.has(lb.arn) && lb.tags[STACK_TAG] === stack) {
      out.push(
        `load balancer "${lb.name}" belongs to stack "${stack}" but is not exported; a plan of this file would delete it: name it too`,
      );
    }
  }
  for (const tg of observed.targetGroups) {
    if (!tgArns.has(tg.arn) && tg.tags[STACK_TAG] === stack) {
      out.push(
        `target group "${tg.name}" belongs to stack "${stack}" but no exported listener forwards to it; a plan of this file would delete it`,
      );
    }
  }
  const foreign = (what: string, r: { name: string; tags: Record<string, string> }) => {
    const owner = r.tags[STACK_TAG];
    if (owner !== undefined && owner !== stack) {
      out.push(
        `${what} "${r.name}" belongs to stack "${owner}"; a plan of this file as stack "${stack}" refuses it: export with --stack ${owner}`,
      );
    }
  };
  for (const lb of lbs) foreign('load balancer', lb);
  for (const tg of tgs) foreign('target group', tg);
  return out;
}

function header(opts: ExportOptions, stack: string, now: Date, warnings: readonly string[]): string[] {
  const file = opts.file !== undefined ? shellWord(opts.file) : 'FILE';
  const lines = [
    `Exported by \`${commandLine(opts)}\` on ${now.toISOString()}.`,
    `\`elbctl plan -f ${file}\` shows only adoptions: \`elbctl apply\` tags these resources as`,
    `stack "${stack}" and changes nothing else. Settings equal to the defaults are left out.`,
  ];
  if (warnings.length > 0)
    lines.push('', 'Left out (elbctl leaves them as they are unless noted):', ...warnings.map((w) => `  - ${w}`));
  return lines;
}

function writeStackFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw usageError(
      'E_WRITE_FAILED',
      `stack file "${path}": cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)}); check the directory exists and is writable`,
    );
  }
}

export async function run(opts: ExportOptions, ctx: Context): Promise<Result> {
  validate(opts);
  if (opts.file !== undefined && existsSync(opts.file)) {
    await confirmOrAbort(ctx, `${opts.file} exists; overwrite it with the exported stack?`, `export to "${opts.file}"`);
  }

  const [{ elbv2 }, { observe }] = await Promise.all([ctx.aws(), import('../aws/observe')]);
  ctx.progress.start(`reading load balancer${opts.lb.length > 1 ? 's' : ''} ${opts.lb.join(', ')}`);
  let observed: Observed;
  let lbs: ObservedLoadBalancer[];
  let tgs: ObservedTargetGroup[];
  let stack: string;
  try {
    const found = await elbv2.getLoadBalancers(opts.lb);
    const unique = [...new Map(found.map((lb) => [lb.arn, lb])).values()];
    const first = unique[0] as (typeof unique)[number];
    if (opts.stack !== undefined) stack = opts.stack;
    else {
      // Re-exporting a stack elbctl manages keeps its name, so the plan recognises what it owns.
      const tagged = (await elbv2.describeTags([first.arn])).get(first.arn)?.find((t) => t.key === STACK_TAG)?.value;
      stack = tagged !== undefined && stackNameProblem(tagged) === undefined ? tagged : first.name;
    }
    observed = await observe(elbv2, {
      stack,
      loadBalancers: unique.map((lb) => lb.name),
      targetGroups: [],
      listenerAttributes: 'all',
    });
    lbs = unique.map((lb) => {
      const o = observed.loadBalancers.find((x) => x.arn === lb.arn);
      if (!o)
        throw notFoundError('load balancer', lb.name, {
          hint: 'it was deleted while being read; check with `elbctl lb list`',
        });
      return o;
    });
    const wanted = forwardedArns(lbs);
    const missing = wanted.filter((arn) => !observed.targetGroups.some((t) => t.arn === arn));
    if (missing.length > 0) {
      const names = missing.map((arn) => targetGroupNameFromArn(arn) ?? arn);
      const more = await observe(elbv2, { stack, loadBalancers: [], targetGroups: names });
      observed = {
        ...observed,
        targetGroups: [
          ...observed.targetGroups,
          ...more.targetGroups.filter((t) => !observed.targetGroups.some((x) => x.arn === t.arn)),
        ],
      };
    }
    tgs = wanted.flatMap((arn) => observed.targetGroups.filter((t) => t.arn === arn));
    ctx.progress.succeed(`read ${lbs.length} load balancer(s) and the ${tgs.length} target group(s) they forward to`);
  } catch (e) {
    ctx.progress.fail(`could not export ${opts.lb.join(', ')}`);
    throw e;
  }

  const region = ctx.awsSettings.region;
  const result = exportStack({
    stack,
    ...(region !== undefined ? { region } : {}),
    observed: {
      loadBalancers: lbs,
      targetGroups: tgs,
      ...(observed.trustStores ? { trustStores: observed.trustStores } : {}),
    },
  });
  const warnings = [...ownershipWarnings(stack, observed, lbs, tgs), ...result.warnings];
  for (const w of warnings) ctx.progress.warn(w);
  const text = renderStackYaml(result.document, header(opts, stack, ctx.clock.now(), result.warnings));

  // Never hand out a file `validate` would refuse: that would be a bug here, not the user's.
  const check = loadStack(text, opts.file ?? 'exported.yaml');
  if (!check.ok) {
    throw new ElbctlError(
      'internal',
      'E_EXPORT_INVALID',
      `export: the stack file made for ${opts.lb.join(', ')} does not validate; nothing was written`,
      {
        details: check.problems.map((p) => `${p.line}:${p.column}: ${p.message}`),
        hint: 'this is a bug in elbctl; re-run with --debug and report it with the output',
      },
    );
  }

  if (opts.file === undefined) {
    return {
      data: result.document satisfies StackFile,
      view: { kind: 'message', text: text.replace(/\n$/, '') },
      yaml: text,
    };
  }
  writeStackFile(opts.file, text);
  ctx.progress.info(`next: \`elbctl plan -f ${shellWord(opts.file)}\` shows what adopting them means`);
  const data: ExportFileData = { file: opts.file, ...result.counts };
  // Only here: printed to stdout, the result is the stack document itself, which must stay a valid stack file.
  return withPacing(ctx, { data, view: { kind: 'message', text: `wrote ${opts.file}` } });
}
