/**
 * `elbctl init [-f elbctl.yaml] [--defaults]`: the setup wizard. It asks (or, with --defaults,
 * takes every default), builds a stack file from the answers, checks it as `validate` would,
 * plans it against the live account and hands the plan to the same preview → confirm → apply
 * path as `elbctl apply` (run-plan.ts). It has no apply logic of its own.
 *
 * Nothing is written or created before the last question: Ctrl-C anywhere (exit 130) leaves
 * no file and no resource. The file is written once "Apply now?" is answered, yes or no, or
 * when planning fails (the answers are not lost).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Context } from './context';
import { ElbctlError, isElbctlError, usageError } from '../core/errors';
import { renderStackYaml } from '../core/stack/export/render-yaml';
import { formatWarning, loadStack } from '../core/stack/load';
import type { Plan, PlanSummary } from '../core/stack/plan';
import { plan as makePlan } from '../core/stack/planner/plan-stack';
import { DEFAULT_STACK_FILE, defaultStackName, type WizardAnswers } from '../core/wizard';
import { buildStackDocument, stackFileHeader, summaryLines } from '../core/wizard/stack-document';
import { renderPlan } from '../ui/plan-view';
import type { Result } from '../ui/render';
import { confirmOrAbort, DECLINED } from './confirm';
import { defaultsPrompter } from './init/defaults-prompter';
import { Discovery } from './init/discovery';
import { Wizard } from './init/questions';
import { observeScope, observeStack, warnPlan } from './stack/common';
import { executePlan } from './stack/run-plan';

export interface InitOptions {
  file?: string | undefined;
  defaults?: boolean | undefined;
}

export interface InitResultData {
  file: string;
  stack: string;
  applied: boolean;
  summary: PlanSummary;
  /** The load balancer's DNS name, once applied. */
  dnsName?: string | undefined;
  done?: unknown;
  failed?: unknown;
  skipped?: unknown;
}

/** Shell-quoted only where needed, so the printed next steps can be pasted as they are. */
const shellWord = (word: string) => (/^[A-Za-z0-9_./:@=,+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

function validate(opts: InitOptions): string {
  const file = opts.file ?? DEFAULT_STACK_FILE;
  if (file === '') throw usageError('E_USAGE', 'file "": empty; name the stack file to write, e.g. -f elbctl.yaml');
  if (!existsSync(dirname(resolve(file)))) {
    throw usageError(
      'E_USAGE',
      `file "${file}": its directory ${dirname(file)} does not exist; create it or write elsewhere`,
    );
  }
  return file;
}

function writeStackFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw usageError(
      'E_WRITE_FAILED',
      `stack file "${path}": cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)}); check the directory is writable`,
    );
  }
}

export async function run(opts: InitOptions, ctx: Context): Promise<Result> {
  const file = validate(opts);
  const defaults = opts.defaults === true;
  if (!defaults && !ctx.canPrompt) {
    throw usageError(
      'E_INIT_NO_TERMINAL',
      'init: the wizard asks questions, but there is no terminal to ask on (or input is off)',
      {
        hint: 'pass --defaults to take every default answer, or write a stack file and run `elbctl apply -f FILE`',
      },
    );
  }
  if (existsSync(file)) {
    if (defaults && !ctx.yes) {
      throw usageError('E_CONFIRM_NEEDED', `file "${file}": exists, and --defaults never overwrites without -y`, {
        hint: `pass -y to overwrite it, or -f to write another file`,
      });
    }
    await confirmOrAbort(ctx, `${file} exists; overwrite it with the new stack?`, `init "${file}"`);
  }

  const say = (line: string) => {
    if (!defaults && !ctx.quiet) ctx.io.stderr.write(`${line}\n`);
  };
  say(
    ctx.theme.dim(
      `This wizard writes a stack file (${file}) for a load balancer, shows what applying it would create,`,
    ),
  );
  say(
    ctx.theme.dim(
      'and asks before changing anything. Ctrl-C quits at any point: nothing is written or created until the end.',
    ),
  );

  const discovery = new Discovery(() => ctx.aws(), ctx.progress);
  const answers: WizardAnswers = await new Wizard({
    prompter: defaults ? defaultsPrompter() : ctx.prompter,
    interactive: !defaults,
    discovery,
    say,
    warn: (line) => ctx.progress.warn(line),
    region: ctx.awsSettings.region,
    defaultStack: defaultStackName(basename(dirname(resolve(file)))),
  }).run();

  if (!ctx.quiet) ctx.io.stderr.write(`\n${summaryLines(answers, file).join('\n')}\n\n`);

  const text = renderStackYaml(buildStackDocument(answers), stackFileHeader(shellWord(file), ctx.clock.now()));
  // The file must pass `elbctl validate`; if it does not, that is a bug here, not the user's.
  const loaded = loadStack(text, file);
  if (!loaded.ok) {
    throw new ElbctlError(
      'internal',
      'E_INIT_INVALID',
      `init: the stack made from your answers does not validate; nothing was written`,
      {
        details: loaded.problems.map((p) => `${p.line}:${p.column}: ${p.message}`),
        hint: 'this is a bug in elbctl; re-run with --debug and report it with the output',
      },
    );
  }
  for (const w of loaded.warnings) ctx.progress.warn(formatWarning(file, w).replace(/^(.*?): warning: /, '$1: '));

  let written = false;
  const write = () => {
    if (written) return;
    writeStackFile(file, text);
    written = true;
  };
  const applyLater = `elbctl apply -f ${shellWord(file)}`;

  let plan: Plan;
  try {
    plan = makePlan(loaded.stack, await observeStack(ctx, observeScope(loaded.stack)));
    warnPlan(ctx, plan, loaded.stack.warnings);
  } catch (e) {
    write();
    ctx.progress.warn(
      `wrote ${file}, but could not plan it; once the cause is fixed, run \`elbctl plan -f ${shellWord(file)}\``,
    );
    throw e;
  }

  const notApplied = (): Result => {
    write();
    const data: InitResultData = { file, stack: plan.stack, applied: false, summary: plan.summary };
    return { data, view: { kind: 'message', text: `wrote ${file}; not applied. Apply it when ready: ${applyLater}` } };
  };

  if (defaults && !ctx.yes) {
    ctx.io.stderr.write(renderPlan(plan, ctx.theme));
    return notApplied();
  }
  // Nothing to approve here, so executePlan reports or refuses at once: keep the file either way.
  if (plan.isEmpty || plan.isBlocked) write();

  let applied: Result;
  try {
    applied = await executePlan(ctx, plan, {
      verb: 'apply',
      rerun: applyLater,
      question: 'Apply now?',
      onApproved: write,
    });
  } catch (e) {
    // "No" to "Apply now?" is a choice: the file is what the user came for. Ctrl-C is not.
    if (isElbctlError(e) && e.code === DECLINED) return notApplied();
    throw e;
  }
  const dnsName = plan.isEmpty ? undefined : await lookUpDnsName(ctx, answers.loadBalancer.name);
  const data: InitResultData = {
    file,
    applied: !plan.isEmpty,
    ...(applied.data as Omit<InitResultData, 'file' | 'applied'>),
    ...(dnsName ? { dnsName } : {}),
  };
  const first = answers.targetGroups[0]?.name;
  if (!plan.isEmpty && first !== undefined)
    ctx.progress.info(`next: \`elbctl targets health ${first}\` shows whether the targets pass their health checks`);
  const done = applied.view.kind === 'message' ? `wrote ${file}; ${applied.view.text}` : `wrote ${file}`;
  return {
    data,
    view: { kind: 'message', text: dnsName ? `${done}\nload balancer ${answers.loadBalancer.name}: ${dnsName}` : done },
  };
}

/** The name clients use; a failure to read it is reported, not fatal: the apply itself succeeded. */
async function lookUpDnsName(ctx: Context, name: string): Promise<string | undefined> {
  try {
    const { elbv2 } = await ctx.aws();
    return (await elbv2.findLoadBalancer(name))?.dnsName;
  } catch (e) {
    ctx.progress.warn(
      `applied, but could not read the DNS name of ${name}: ${e instanceof Error ? e.message : String(e)}; see \`elbctl lb describe ${name}\``,
    );
    return undefined;
  }
}
