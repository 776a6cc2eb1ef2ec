/**
 * `elbctl tg create NAME`: validate the target group and its health check completely before
 * any call, observe by name (never rely on create-is-idempotent), then create once.
 */
import type { CreateTargetGroupInput } from '../../aws/elbv2/inputs';
import type { Context } from '../context';
import { quote } from '../../core/echo';
import { ElbctlError, throwIfProblems } from '../../core/errors';
import type { Tag, TargetGroup, TargetType } from '../../core/model';
import { healthCheckProblems } from '../../core/rules/health-check';
import { targetGroupNameProblem } from '../../core/rules/names';
import type { Problem } from '../../core/rules/problem';
import { parseTagFlags, tagProblems } from '../../core/rules/tags';
import {
  DEFAULT_TARGET_TYPE,
  PROTOCOL_VERSIONS,
  TARGET_GROUP_IP_ADDRESS_TYPES,
  TARGET_GROUP_PROTOCOLS,
  TARGET_TYPES,
  missingVpcProblem,
  targetGroupProblems,
} from '../../core/rules/target-group';
import { enumValue, MAX_PORT, MIN_PORT, wholeNumber } from '../../core/rules/values';
import type { Result } from '../../ui/render';
import { readAllTags } from '../tags/common';
import { type HealthCheckFlags, healthCheckFields, parseHealthCheckFlags } from './health-flags';
import { loadBalancerNamer, protocolPort, targetGroupFields, toTgListRow } from './list';

export interface TgCreateOptions extends HealthCheckFlags {
  name: string;
  protocol?: string | undefined;
  port?: string | undefined;
  vpc?: string | undefined;
  targetType?: string | undefined;
  targetControlPort?: string | undefined;
  protocolVersion?: string | undefined;
  ipAddressType?: string | undefined;
  tag?: string[] | undefined;
}

export interface ValidTgCreate {
  name: string;
  targetType: TargetType;
  protocol?: string | undefined;
  port?: number | undefined;
  vpcId?: string | undefined;
  targetControlPort?: number | undefined;
  protocolVersion?: string | undefined;
  ipAddressType?: string | undefined;
  healthCheck: NonNullable<CreateTargetGroupInput['healthCheck']>;
  tags: Tag[];
}

/** Every check that needs no AWS call (the rulebook's, as for a stack file). Throws one validation error listing every problem. */
export function validateTgCreate(opts: TgCreateOptions): ValidTgCreate {
  const problems: Problem[] = [];
  const name = targetGroupNameProblem(opts.name);
  if (name) problems.push(name);

  const targetType = enumValue('target type', opts.targetType ?? DEFAULT_TARGET_TYPE, TARGET_TYPES);
  if (!targetType.ok) problems.push(targetType.problem);
  const protocol =
    opts.protocol === undefined ? undefined : enumValue('protocol', opts.protocol, TARGET_GROUP_PROTOCOLS);
  if (protocol && !protocol.ok) problems.push(protocol.problem);
  const version =
    opts.protocolVersion === undefined
      ? undefined
      : enumValue('protocol version', opts.protocolVersion, PROTOCOL_VERSIONS);
  if (version && !version.ok) problems.push(version.problem);
  const addressType =
    opts.ipAddressType === undefined
      ? undefined
      : enumValue('IP address type', opts.ipAddressType, TARGET_GROUP_IP_ADDRESS_TYPES);
  if (addressType && !addressType.ok) problems.push(addressType.problem);
  const protocolVersion = version?.ok ? version.value : undefined;
  const ipAddressType = addressType?.ok ? addressType.value : undefined;
  const number = (what: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const n = wholeNumber(what, raw, min, max);
    if (n.ok) return n.value;
    problems.push(n.problem);
    return undefined;
  };
  const port = number('port', opts.port, MIN_PORT, MAX_PORT);
  const targetControlPort = number('target control port', opts.targetControlPort, MIN_PORT, MAX_PORT);

  // Only when the target type is known: a group of an unknown type has no rules to break.
  const type = targetType.ok ? targetType.value : undefined;
  const protocolValue = protocol?.ok ? protocol.value : undefined;
  if (type !== undefined) {
    problems.push(
      ...targetGroupProblems(
        {
          name: opts.name,
          targetType: type,
          protocol: protocolValue,
          port,
          vpc: opts.vpc,
          given: { protocol: opts.protocol !== undefined, port: opts.port !== undefined, vpc: opts.vpc !== undefined },
          targetControlPort,
          protocolVersion,
          ipAddressType,
        },
        'flags',
      ),
    );
  }

  const health = parseHealthCheckFlags(opts);
  problems.push(...health.problems);
  const hc = health.check;
  const healthProtocol = health.protocol;
  // A health check is judged against its target group only when what it depends on was valid.
  const dependsOnInvalid =
    type === undefined ||
    (protocol !== undefined && !protocol.ok) ||
    (healthProtocol !== undefined && !healthProtocol.ok) ||
    (version !== undefined && !version.ok);
  if (!dependsOnInvalid) {
    problems.push(
      ...healthCheckProblems(
        health.timingsValid ? hc : { ...hc, intervalSeconds: undefined, timeoutSeconds: undefined },
        { name: opts.name, protocol: protocolValue, targetType: type, protocolVersion },
        'flags',
      ),
    );
  }

  const tags = parseTagFlags(opts.tag ?? []);
  problems.push(...tags.problems, ...tagProblems(tags.tags));
  throwIfProblems(problems);

  return {
    name: opts.name,
    targetType: type as TargetType,
    ...(type === 'lambda' ? {} : { protocol: protocolValue, port, vpcId: opts.vpc }),
    ...(targetControlPort !== undefined ? { targetControlPort } : {}),
    ...(protocolVersion !== undefined ? { protocolVersion } : {}),
    ...(ipAddressType !== undefined ? { ipAddressType } : {}),
    healthCheck: healthCheckFields(hc),
    tags: tags.tags,
  };
}

function sameSettings(tg: TargetGroup, want: ValidTgCreate): boolean {
  return (
    tg.targetType === want.targetType &&
    tg.protocol === want.protocol &&
    tg.port === want.port &&
    tg.vpcId === want.vpcId &&
    (want.targetControlPort === undefined || tg.targetControlPort === want.targetControlPort) &&
    (want.protocolVersion === undefined || tg.protocolVersion === want.protocolVersion) &&
    (want.ipAddressType === undefined || (tg.ipAddressType ?? 'ipv4') === want.ipAddressType)
  );
}

function describeSettings(s: {
  protocol?: string | undefined;
  port?: number | undefined;
  targetType: string;
  vpcId?: string | undefined;
}): string {
  const where = s.vpcId ? ` in ${s.vpcId}` : '';
  return `${protocolPort(s)}${where}, ${s.targetType} targets`;
}

export async function run(opts: TgCreateOptions, ctx: Context): Promise<Result> {
  const want = validateTgCreate(opts);
  const aws = await ctx.aws();
  const { elbv2 } = aws;
  // The VPC is only referred to: it must exist (exit 64 before any write), read as for a stack file.
  if (want.vpcId !== undefined) {
    const { lookUpReferences } = await import('../../aws/references');
    const facts = await lookUpReferences(aws.ec2, { vpcs: [want.vpcId] });
    const missing = missingVpcProblem(want.vpcId, facts.vpcs);
    throwIfProblems(missing ? [missing] : []);
  }

  // Observe first: AWS returns an identical existing group, the emulator fails; rely on neither.
  const existing = await elbv2.findTargetGroup(want.name);
  if (existing) {
    if (!sameSettings(existing, want)) {
      throw new ElbctlError(
        'conflict',
        'E_TG_EXISTS',
        `target group ${quote(want.name)}: already exists with other settings (${describeSettings(existing)})`,
        { hint: 'choose another name, or delete the existing one first with `elbctl tg delete`' },
      );
    }
    ctx.progress.info(`target group "${want.name}" already exists with these settings; nothing to create`);
    return created(
      existing,
      await loadBalancerNamer(elbv2, [existing]),
      (await readAllTags(elbv2, [existing.arn])).get(existing.arn),
    );
  }

  ctx.progress.start(`creating target group "${want.name}" (${describeSettings(want)})`);
  let tg: TargetGroup;
  try {
    tg = await elbv2.createTargetGroup({
      name: want.name,
      targetType: want.targetType,
      protocol: want.protocol,
      port: want.port,
      vpcId: want.vpcId,
      targetControlPort: want.targetControlPort,
      protocolVersion: want.protocolVersion,
      ipAddressType: want.ipAddressType,
      healthCheck: want.healthCheck,
      tags: want.tags,
    });
  } catch (e) {
    ctx.progress.fail(`could not create target group "${want.name}"`);
    throw e;
  }
  ctx.progress.succeed(`created target group "${want.name}"`);
  return created(tg, await loadBalancerNamer(elbv2, [tg]), Object.fromEntries(want.tags.map((t) => [t.key, t.value])));
}

function created(tg: TargetGroup, name: (arn: string) => string, tags: Record<string, string> | undefined): Result {
  const row = toTgListRow(tg, name, tags);
  return { data: row, view: { kind: 'fields', fields: targetGroupFields(row) } };
}
