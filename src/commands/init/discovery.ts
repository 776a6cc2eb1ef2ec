/**
 * What the wizard looks up to offer choices: VPCs, subnets, security groups, running instances
 * and ACM certificates. A lookup that AWS refuses (no permission, an API error) is not the end
 * of the wizard: it comes back as `{ ok: false }` so the question can ask for typed IDs instead.
 * Failures that would stop every later step too (no credentials, no region, no network) are
 * thrown as they are.
 */
import type { Aws } from '../../aws';
import type { Certificate } from '../../aws/acm';
import type { Instance, SecurityGroup, Subnet, Vpc } from '../../aws/ec2';
import { isElbctlError, type ElbctlError } from '../../core/errors';
import type { Progress } from '../../ui/progress';

export type Found<T> = { ok: true; value: T } | { ok: false; error: ElbctlError };

/** AWS answered, but no: typing the IDs may still work. Anything else would fail the plan as well. */
function typingMayHelp(e: unknown): e is ElbctlError {
  if (!isElbctlError(e)) return false;
  if (e.code === 'E_ACCESS_DENIED') return true;
  if (e.kind === 'not-found') return true;
  return e.kind === 'aws' && e.code !== 'E_NETWORK' && e.code !== 'E_THROTTLED';
}

export class Discovery {
  private readonly cache = new Map<string, Promise<Found<unknown>>>();

  constructor(
    private readonly aws: () => Promise<Aws>,
    private readonly progress: Progress,
  ) {}

  private find<T>(
    key: string,
    doing: string,
    done: (value: T) => string,
    read: (aws: Aws) => Promise<T>,
  ): Promise<Found<T>> {
    const cached = this.cache.get(key);
    if (cached) return cached as Promise<Found<T>>;
    const result = (async (): Promise<Found<T>> => {
      const aws = await this.aws();
      this.progress.start(doing);
      try {
        const value = await read(aws);
        this.progress.succeed(done(value));
        return { ok: true, value };
      } catch (e) {
        this.progress.fail(`could not ${doing}`);
        if (typingMayHelp(e)) return { ok: false, error: e };
        throw e;
      }
    })();
    this.cache.set(key, result);
    return result;
  }

  vpcs(): Promise<Found<Vpc[]>> {
    return this.find(
      'vpcs',
      'look up VPCs',
      (v) => `found ${v.length} VPC(s)`,
      (aws) => aws.ec2.listVpcs(),
    );
  }

  subnets(vpcId: string): Promise<Found<Subnet[]>> {
    return this.find(
      `subnets:${vpcId}`,
      `look up the subnets of ${vpcId}`,
      (s) => `found ${s.length} subnet(s) in ${vpcId}`,
      (aws) => aws.ec2.listSubnets(vpcId),
    );
  }

  securityGroups(vpcId: string): Promise<Found<SecurityGroup[]>> {
    return this.find(
      `groups:${vpcId}`,
      `look up the security groups of ${vpcId}`,
      (g) => `found ${g.length} security group(s) in ${vpcId}`,
      (aws) => aws.ec2.listSecurityGroups(vpcId),
    );
  }

  /** Running instances only: a stopped one could be registered but would never be healthy. */
  runningInstances(vpcId: string): Promise<Found<Instance[]>> {
    return this.find(
      `instances:${vpcId}`,
      `look up the running instances in ${vpcId}`,
      (i) => `found ${i.length} running instance(s) in ${vpcId}`,
      async (aws) => (await aws.ec2.listInstances({ vpcId })).filter((i) => i.state === 'running'),
    );
  }

  certificates(): Promise<Found<Certificate[]>> {
    return this.find(
      'certificates',
      'look up ACM certificates',
      (c) => `found ${c.length} issued certificate(s)`,
      (aws) => aws.acm.listIssuedCertificates(),
    );
  }
}
