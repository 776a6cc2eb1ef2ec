/**
 * `elbctl migrate CLB [--to application|network] [--name NEW] [-f FILE] [--apply [-y]]
 * [--cutover route53:ZONE/RECORD ..]`: translate a Classic load balancer into a stack file
 * (src/core/classic), write it, and with --apply run it through the normal stack engine, check
 * parity, and move DNS in guarded steps. The Classic load balancer is never deleted.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type Endpoint, manualDnsSteps } from '../../core/classic/cutover';
import { findingLine, isBlocking } from '../../core/classic/findings';
import type { ClassicLoadBalancer } from '../../core/classic/model';
import { type Translation, translate } from '../../core/classic/translate';
import { quote } from '../../core/echo';
import { ElbctlError, notFoundError, problemsError, usageError } from '../../core/errors';
import type { Result } from '../../ui/render';
import { run as applyStack } from '../stack/apply';
import type { Context } from '../context';
import { withPacing } from '../pacing';
import { runCutover } from './cutover';
import { type MigrateOptions, validateMigrate } from './flags';
import { checkParity, parityView } from './parity';

export type { MigrateOptions } from './flags';

/** Only a file this command wrote is overwritten (a re-run); anything else is the user's. */
const OUR_HEADER = '# Written by `elbctl migrate ';

function writeStackFile(path: string, text: string): void {
  if (existsSync(path) && !readFileSync(path, 'utf8').startsWith(OUR_HEADER))
    throw usageError(
      'E_WRITE_FAILED',
      `file ${quote(path)}: exists and was not written by \`elbctl migrate\`; pass -f with another path`,
    );
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw usageError(
      'E_WRITE_FAILED',
      `file ${quote(path)}: cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
}

/** How to delete the Classic load balancer once traffic is gone: its RequestCount over the last day. */
export function deleteAdvice(clb: ClassicLoadBalancer): string[] {
  return [
    `The Classic load balancer "${clb.name}" was left as it is. Delete it once no traffic reaches it: when its`,
    'RequestCount over the last day is 0 (or absent):',
    `  aws cloudwatch get-metric-statistics --namespace AWS/ELB --metric-name RequestCount --dimensions Name=LoadBalancerName,Value=${clb.name} --statistics Sum --period 86400 --start-time "$(date -u -d '-1 day' +%FT%TZ)" --end-time "$(date -u +%FT%TZ)"`,
    `  elbctl clb delete ${clb.name}`,
  ];
}

async function readClassic(ctx: Context, name: string): Promise<ClassicLoadBalancer> {
  const aws = await ctx.aws();
  const clb = await aws.elb.find(name);
  if (clb) return clb;
  const v2 = await aws.elbv2.findLoadBalancer(name);
  throw notFoundError('classic load balancer', name, {
    hint: v2
      ? `"${name}" is an ${v2.type} load balancer already; migrate takes a Classic one (\`elbctl clb list\`)`
      : '`elbctl clb list` shows the Classic load balancers of this region',
  });
}

function translationData(t: Translation, file: string) {
  return {
    classic: t.classicName,
    name: t.name,
    type: t.type,
    reason: t.typeReason,
    file,
    blocked: t.blocked,
    findings: t.findings,
    targetGroups: t.targetGroups,
  };
}

export async function run(opts: MigrateOptions, ctx: Context): Promise<Result> {
  const v = validateMigrate(opts);
  const clb = await readClassic(ctx, v.clb);
  const translated = translate(clb, {
    to: v.to,
    name: v.name,
    healthPath: v.healthPath,
    region: ctx.awsSettings.region,
  });
  if (!translated.ok) throw problemsError(translated.problems);
  const t = translated.translation;
  const file = v.file ?? `${t.name}.yaml`;
  writeStackFile(file, t.text);

  ctx.progress.info(
    `classic "${t.classicName}" → ${t.type} load balancer "${t.name}" (${t.typeReason}); wrote ${file}`,
  );
  for (const f of t.findings)
    if (isBlocking(f)) ctx.progress.warn(`BLOCKING ${findingLine(f)}`);
    else ctx.progress.info(`note: ${findingLine(f)}`);

  const base = translationData(t, file);
  const fileView = { kind: 'message' as const, text: file };
  if (t.blocked) {
    const count = t.findings.filter(isBlocking).length;
    return withPacing(ctx, {
      data: base,
      view: fileView,
      error: new ElbctlError(
        'conflict',
        'E_MIGRATE_BLOCKED',
        `migrate ${t.classicName}: ${count} finding${count === 1 ? '' : 's'} need${count === 1 ? 's' : ''} a manual step (listed at the top of ${file})${v.apply ? '; nothing was applied' : ''}`,
        { hint: `do each step, delete its line, then \`elbctl apply -f ${file}\`` },
      ),
    });
  }

  const from: Endpoint = { label: `classic "${clb.name}"`, dnsName: clb.dnsName };
  if (!v.apply) {
    ctx.progress.info(
      `next: review ${file}, then run this command again with --apply (or \`elbctl apply -f ${file}\`)`,
    );
    return withPacing(ctx, { data: base, view: fileView });
  }

  // The normal stack path: plan, approval, ownership tags, idempotent re-runs. The file's region is this run's.
  const applyCtx: Context = { ...ctx, useStackRegion: () => undefined };
  const applied = await applyStack({ file }, applyCtx);
  if (applied.error) return withPacing(ctx, { ...applied, data: { ...base, apply: applied.data } });

  const aws = await ctx.aws();
  const { lb, parity } = await checkParity(ctx, aws, clb, t, v.parityTimeoutSeconds);
  const to: Endpoint = { label: `${t.type} "${t.name}"`, dnsName: lb.dnsName };
  const parityData = { ok: parity.ok, rows: parity.rows };
  const sections = [
    { title: `parity: classic "${clb.name}" vs ${t.type} "${t.name}"`, view: parityView(parity, clb.name, t.name) },
  ];
  if (!parity.ok) {
    return withPacing(ctx, {
      data: { ...base, apply: applied.data, parity: parityData },
      view: { kind: 'sections', sections },
      error: new ElbctlError(
        'conflict',
        'E_MIGRATE_PARITY',
        `migrate ${clb.name}: the parity check failed; no traffic was moved`,
        {
          hint: `fix what the table says (\`elbctl targets health\`, \`elbctl doctor ${t.name}\`), then run the same command again`,
        },
      ),
    });
  }

  if (!v.cutover) {
    for (const line of [...manualDnsSteps(from, to), '', ...deleteAdvice(clb)]) ctx.progress.info(line);
    return withPacing(ctx, {
      data: { ...base, apply: applied.data, parity: parityData, dnsName: lb.dnsName },
      view: { kind: 'sections', sections },
    });
  }
  const cut = await runCutover(ctx, aws, clb, t, lb, v.cutover);
  if (!cut.error) for (const line of deleteAdvice(clb)) ctx.progress.info(line);
  const result = withPacing(ctx, {
    data: { ...base, apply: applied.data, parity: parityData, dnsName: lb.dnsName, cutover: cut.data },
    view: {
      kind: 'sections',
      sections: [
        ...sections,
        {
          title: 'cutover',
          view: {
            kind: 'fields',
            fields: [
              ['record', `${cut.data.record} (zone ${cut.data.zone})`],
              ['outcome', cut.data.outcome],
              ['steps', `${cut.data.steps.join(', ')} (${cut.data.completedSteps} of ${cut.data.steps.length} passed)`],
              ...(cut.data.reason ? [['reason', cut.data.reason] as [string, string]] : []),
            ],
          },
        },
      ],
    },
    ...(cut.error ? { error: cut.error } : {}),
  });
  // With -o json the cutover's events went out one per line: the result is the last line, like `shift`'s.
  return ctx.output === 'json' ? { ...result, raw: `${JSON.stringify(result.data)}\n` } : result;
}
