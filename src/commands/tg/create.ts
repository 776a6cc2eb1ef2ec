/**
 * `elbctl tg create NAME`: validate the target group and its health check completely before
 * any call, observe by name (never rely on create-is-idempotent), then create once.
 */
import type { CreateTargetGroupInput } from '../../aws/elbv2/inputs';
import type { Context } from '../context';
import { ElbctlError, Problems } from '../../core/errors';
import type { Tag, TargetGroup, TargetType } from '../../core/model';
import { TARGET_GROUP_PROTOCOLS } from '../../core/model';
import * as v from '../../core/validate';
import type { Result } from '../../ui/render';
import { loadBalancerNamer, protocolPort, targetGroupFields, toTgListRow } from './list';

export interface TgCreateOptions {
  name: string;
  protocol?: string | undefined;
  port?: string | undefined;
  vpc?: string | undefined;
  targetType?: string | undefined;
  healthProtocol?: string | undefined;
  healthPort?: string | undefined;
  healthPath?: string | undefined;
  healthInterval?: string | undefined;
  healthTimeout?: string | undefined;
  healthyThreshold?: string | undefined;
  unhealthyThreshold?: string | undefined;
  matcher?: string | undefined;
  tag?: string[] | undefined;
}

export const HEALTH_CHECK_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP'] as const;
/** AWS's default health check intervals, against which a lone --health-timeout is judged. */
const DEFAULT_INTERVAL = 30;
const LAMBDA_DEFAULT_INTERVAL = 35;

export interface ValidTgCreate {
  name: string;
  targetType: TargetType;
  protocol?: string | undefined;
  port?: number | undefined;
  vpcId?: string | undefined;
  healthCheck: NonNullable<CreateTargetGroupInput['healthCheck']>;
  tags: Tag[];
}

/** The protocol health checks use when --health-protocol is not given (AWS's defaults). */
function defaultHealthProtocol(targetType: string, protocol: string | undefined): string | undefined {
  // A lambda function and an application load balancer (alb targets) are checked over HTTP.
  if (targetType === 'lambda' || targetType === 'alb') return 'HTTP';
  if (protocol === 'HTTP' || protocol === 'HTTPS') return protocol;
  if (protocol === undefined) return undefined;
  return 'TCP';
}

/** Every check that needs no AWS call. Throws one validation error listing every problem. */
export function validateTgCreate(opts: TgCreateOptions): ValidTgCreate {
  const problems = new Problems();
  const add = (p: string | undefined) => {
    if (p) problems.add(p);
  };
  add(v.targetGroupName(opts.name));

  const targetType = opts.targetType ?? 'instance';
  add(v.targetType(targetType));

  const integer = (what: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const n = v.parseInteger(raw);
    if (n === undefined) {
      problems.add(`${what} "${raw}": must be a whole number from ${min} to ${max}`);
      return undefined;
    }
    const p = v.integerInRange(what, n, min, max);
    if (p) {
      problems.add(p);
      return undefined;
    }
    return n;
  };

  let port: number | undefined;
  if (targetType === 'lambda') {
    const given = [
      opts.protocol !== undefined ? '--protocol' : undefined,
      opts.port !== undefined ? '--port' : undefined,
      opts.vpc !== undefined ? '--vpc' : undefined,
    ].filter((f): f is string => f !== undefined);
    if (given.length > 0) {
      problems.add(
        `target type "lambda": a lambda target group takes no ${given.join(', ')}; remove ${given.length === 1 ? 'it' : 'them'}`,
      );
    }
  } else {
    const protocols = TARGET_GROUP_PROTOCOLS.join(', ');
    if (opts.protocol === undefined)
      problems.add(`protocol: missing; a target group of type "${targetType}" needs --protocol (${protocols})`);
    else add(v.targetGroupProtocol(opts.protocol));
    if (opts.port === undefined)
      problems.add(`port: missing; a target group of type "${targetType}" needs --port (1-65535)`);
    else port = integer('port', opts.port, 1, 65535);
    if (opts.vpc === undefined) problems.add(`VPC: missing; a target group of type "${targetType}" needs --vpc vpc-…`);
    else add(v.vpcId(opts.vpc));
    if (targetType === 'alb' && opts.protocol !== undefined && opts.protocol !== 'TCP') {
      problems.add(
        `protocol "${opts.protocol}": a target group of type "alb" forwards TCP to an application load balancer; use --protocol TCP`,
      );
    }
  }

  if (opts.healthProtocol !== undefined) {
    if (!(HEALTH_CHECK_PROTOCOLS as readonly string[]).includes(opts.healthProtocol)) {
      problems.add(`health check protocol "${opts.healthProtocol}": unknown; use HTTP, HTTPS or TCP`);
    } else if (opts.healthProtocol === 'TCP' && (opts.protocol === 'HTTP' || opts.protocol === 'HTTPS')) {
      problems.add(
        `health check protocol "TCP": not supported for an ${opts.protocol} target group; use HTTP or HTTPS`,
      );
    }
  }
  const healthProtocol = opts.healthProtocol ?? defaultHealthProtocol(targetType, opts.protocol);
  const httpHealthCheck = healthProtocol === 'HTTP' || healthProtocol === 'HTTPS';

  if (opts.healthPort !== undefined && opts.healthPort !== 'traffic-port') {
    const n = v.parseInteger(opts.healthPort);
    if (n === undefined || v.port(n) !== undefined) {
      problems.add(`health check port "${opts.healthPort}": use traffic-port or a port from 1 to 65535`);
    }
  }
  if (opts.healthPath !== undefined) {
    if (!httpHealthCheck) {
      problems.add(
        `health check path "${opts.healthPath}": only HTTP and HTTPS health checks use a path, this one is ${healthProtocol ?? 'not HTTP'}; remove --health-path or pass --health-protocol HTTP`,
      );
    } else add(v.healthCheckPath(opts.healthPath));
  }
  if (opts.matcher !== undefined) {
    if (!httpHealthCheck) {
      problems.add(
        `health check matcher "${opts.matcher}": only HTTP and HTTPS health checks match response codes, this one is ${healthProtocol ?? 'not HTTP'}; remove --matcher or pass --health-protocol HTTP`,
      );
    } else add(v.matcher(opts.matcher));
  }

  const lim = v.HEALTH_CHECK_LIMITS;
  const intervalSeconds = integer('health check interval', opts.healthInterval, lim.interval.min, lim.interval.max);
  const timeoutSeconds = integer('health check timeout', opts.healthTimeout, lim.timeout.min, lim.timeout.max);
  const healthyThreshold = integer(
    'healthy threshold',
    opts.healthyThreshold,
    lim.healthyThreshold.min,
    lim.healthyThreshold.max,
  );
  const unhealthyThreshold = integer(
    'unhealthy threshold',
    opts.unhealthyThreshold,
    lim.unhealthyThreshold.min,
    lim.unhealthyThreshold.max,
  );
  // Ranges were reported above; only the relation between interval and timeout is left.
  problems.addAll(v.healthCheckTimings({ intervalSeconds, timeoutSeconds }));
  const defaultInterval = targetType === 'lambda' ? LAMBDA_DEFAULT_INTERVAL : DEFAULT_INTERVAL;
  if (opts.healthInterval === undefined && timeoutSeconds !== undefined && timeoutSeconds >= defaultInterval) {
    problems.add(
      `health check timeout "${timeoutSeconds}": must be less than the interval (${defaultInterval} by default); lower the timeout or pass a longer --health-interval`,
    );
  }

  const tags: Tag[] = [];
  for (const raw of opts.tag ?? []) {
    const kv = v.parseKeyValue('tag', raw);
    if (typeof kv === 'string') problems.add(kv);
    else {
      const p = v.tag(kv.key, kv.value);
      if (p) problems.add(p);
      else tags.push(kv);
    }
  }
  problems.throwIfAny();

  return {
    name: opts.name,
    targetType: targetType as TargetType,
    ...(targetType === 'lambda' ? {} : { protocol: opts.protocol, port, vpcId: opts.vpc }),
    healthCheck: {
      ...(opts.healthProtocol !== undefined ? { protocol: opts.healthProtocol } : {}),
      ...(opts.healthPort !== undefined ? { port: opts.healthPort } : {}),
      ...(opts.healthPath !== undefined ? { path: opts.healthPath } : {}),
      ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
      ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
      ...(healthyThreshold !== undefined ? { healthyThreshold } : {}),
      ...(unhealthyThreshold !== undefined ? { unhealthyThreshold } : {}),
      ...(opts.matcher !== undefined ? { matcher: opts.matcher } : {}),
    },
    tags,
  };
}

function sameSettings(tg: TargetGroup, want: ValidTgCreate): boolean {
  return (
    tg.targetType === want.targetType &&
    tg.protocol === want.protocol &&
    tg.port === want.port &&
    tg.vpcId === want.vpcId
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
  const { elbv2 } = await ctx.aws();

  // Observe first: AWS returns an identical existing group, the emulator fails; rely on neither.
  const existing = await elbv2.findTargetGroup(want.name);
  if (existing) {
    if (!sameSettings(existing, want)) {
      throw new ElbctlError(
        'conflict',
        'E_TG_EXISTS',
        `target group "${want.name}": already exists with other settings (${describeSettings(existing)})`,
        { hint: 'choose another name, or delete the existing one first with `elbctl tg delete`' },
      );
    }
    ctx.progress.info(`target group "${want.name}" already exists with these settings; nothing to create`);
    return created(existing, await loadBalancerNamer(elbv2, [existing]));
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
      healthCheck: want.healthCheck,
      tags: want.tags,
    });
  } catch (e) {
    ctx.progress.fail(`could not create target group "${want.name}"`);
    throw e;
  }
  ctx.progress.succeed(`created target group "${want.name}"`);
  return created(tg, await loadBalancerNamer(elbv2, [tg]));
}

function created(tg: TargetGroup, name: (arn: string) => string): Result {
  const row = toTgListRow(tg, name);
  return { data: row, view: { kind: 'fields', fields: targetGroupFields(row) } };
}
