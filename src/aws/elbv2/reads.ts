/** The ELBv2 gateway's reads: lists follow every page; describes by name or ARN are batched at 20. */
import {
  DescribeListenerAttributesCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  type LoadBalancer as SdkLoadBalancer,
  type TargetGroup as SdkTargetGroup,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  paginateDescribeListeners,
  paginateDescribeListenerCertificates,
  paginateDescribeRules,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ElbctlError, notFoundError } from '../../core/errors';
import type { Listener, LoadBalancer, Rule, Tag, Target, TargetGroup, TargetHealth } from '../../core/model';
import { awsStep, translateAwsError } from '../errors';
import { fromTarget, toListener, toLoadBalancer, toRule, toTargetGroup, toTargetHealth } from '../mappers';
import { allItems, ownInput } from '../paging';
import { DESCRIBE_BATCH, chunk, describeByRefs, isNotFound, lookUpByRefs } from './describe-batch';

/** Lists ask for the largest page ELBv2 serves (its paginators take no page size of their own). */
const PAGE_SIZE = 400;

export class Elbv2Reads {
  constructor(protected readonly client: ElasticLoadBalancingV2Client) {}

  // ---------------------------------------------------------------- load balancers

  async listLoadBalancers(): Promise<LoadBalancer[]> {
    return awsStep('list load balancers', async () => {
      const pages = paginateDescribeLoadBalancers(
        { client: this.client, withCommand: ownInput },
        { PageSize: PAGE_SIZE },
      );
      return (await allItems(pages, (p) => p.LoadBalancers)).map(toLoadBalancer);
    });
  }

  /**
   * Load balancers by name or ARN, in the order asked, batched at 20 per call.
   * Every reference that does not exist is named in one not-found error.
   */
  async getLoadBalancers(refs: readonly string[]): Promise<LoadBalancer[]> {
    const found = await describeByRefs<SdkLoadBalancer>(
      refs,
      (batch, byArn) =>
        this.client
          .send(new DescribeLoadBalancersCommand(byArn ? { LoadBalancerArns: batch } : { Names: batch }))
          .then((r) => r.LoadBalancers ?? []),
      (lb) => [lb.LoadBalancerName, lb.LoadBalancerArn],
      'load balancer',
    );
    return found.map(toLoadBalancer);
  }

  async getLoadBalancer(ref: string): Promise<LoadBalancer> {
    const [lb] = await this.getLoadBalancers([ref]);
    return lb as LoadBalancer;
  }

  /** The Route 53 zone of a load balancer's DNS name (what an alias record names). */
  async canonicalHostedZoneId(arn: string): Promise<string | undefined> {
    return awsStep('describe load balancer', async () => {
      const r = await this.client.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }));
      return r.LoadBalancers?.[0]?.CanonicalHostedZoneId;
    });
  }

  /** Like getLoadBalancer, but `undefined` when it does not exist. */
  async findLoadBalancer(ref: string): Promise<LoadBalancer | undefined> {
    try {
      return await this.getLoadBalancer(ref);
    } catch (e) {
      if (e instanceof ElbctlError && e.kind === 'not-found') return undefined;
      throw e;
    }
  }

  /**
   * Every load balancer with this exact name: none, one, or (only on an emulator that lets a
   * retried create make a twin) several.
   */
  async findLoadBalancersNamed(name: string): Promise<LoadBalancer[]> {
    try {
      const r = await this.client.send(new DescribeLoadBalancersCommand({ Names: [name] }));
      return (r.LoadBalancers ?? []).filter((lb) => lb.LoadBalancerName === name).map(toLoadBalancer);
    } catch (e) {
      if (isNotFound(e)) return [];
      throw translateAwsError(e, `describe load balancer "${name}"`);
    }
  }

  async getLoadBalancerAttributes(arn: string): Promise<Record<string, string>> {
    return awsStep('read load balancer attributes', async () => {
      const r = await this.client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }));
      return Object.fromEntries((r.Attributes ?? []).map((a) => [a.Key ?? '', a.Value ?? '']));
    });
  }

  // ---------------------------------------------------------------- target groups

  async listTargetGroups(filter: { loadBalancerArn?: string } = {}): Promise<TargetGroup[]> {
    return awsStep('list target groups', async () => {
      const pages = paginateDescribeTargetGroups(
        { client: this.client, withCommand: ownInput },
        { PageSize: PAGE_SIZE, ...(filter.loadBalancerArn ? { LoadBalancerArn: filter.loadBalancerArn } : {}) },
      );
      return (await allItems(pages, (p) => p.TargetGroups)).map(toTargetGroup);
    });
  }

  async getTargetGroups(refs: readonly string[]): Promise<TargetGroup[]> {
    const found = await describeByRefs<SdkTargetGroup>(
      refs,
      (batch, byArn) =>
        this.client
          .send(new DescribeTargetGroupsCommand(byArn ? { TargetGroupArns: batch } : { Names: batch }))
          .then((r) => r.TargetGroups ?? []),
      (tg) => [tg.TargetGroupName, tg.TargetGroupArn],
      'target group',
    );
    return found.map(toTargetGroup);
  }

  /**
   * Target groups a command only refers to (a `--forward` target): what exists, in the order
   * asked, and every name or ARN that does not (a missing reference is a usage error, exit 64).
   */
  async findTargetGroups(refs: readonly string[]): Promise<{ found: TargetGroup[]; missing: string[] }> {
    const r = await lookUpByRefs<SdkTargetGroup>(
      refs,
      (batch, byArn) =>
        this.client
          .send(new DescribeTargetGroupsCommand(byArn ? { TargetGroupArns: batch } : { Names: batch }))
          .then((out) => out.TargetGroups ?? []),
      (tg) => [tg.TargetGroupName, tg.TargetGroupArn],
      'target group',
    );
    return { found: r.found.map(toTargetGroup), missing: r.missing };
  }

  async getTargetGroup(ref: string): Promise<TargetGroup> {
    const [tg] = await this.getTargetGroups([ref]);
    return tg as TargetGroup;
  }

  async findTargetGroup(ref: string): Promise<TargetGroup | undefined> {
    try {
      return await this.getTargetGroup(ref);
    } catch (e) {
      if (e instanceof ElbctlError && e.kind === 'not-found') return undefined;
      throw e;
    }
  }

  async getTargetGroupAttributes(arn: string): Promise<Record<string, string>> {
    return awsStep('read target group attributes', async () => {
      const r = await this.client.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }));
      return Object.fromEntries((r.Attributes ?? []).map((a) => [a.Key ?? '', a.Value ?? '']));
    });
  }

  // ---------------------------------------------------------------- targets

  /** Every target's health, or (with `targets`) only those targets', even when AWS no longer knows them. */
  async describeTargetHealth(targetGroupArn: string, targets?: readonly Target[]): Promise<TargetHealth[]> {
    return awsStep('read target health', async () => {
      const r = await this.client.send(
        new DescribeTargetHealthCommand({
          TargetGroupArn: targetGroupArn,
          ...(targets?.length ? { Targets: targets.map(fromTarget) } : {}),
        }),
      );
      return (r.TargetHealthDescriptions ?? []).map(toTargetHealth);
    });
  }

  // ---------------------------------------------------------------- listeners

  async listListeners(loadBalancerArn: string): Promise<Listener[]> {
    return awsStep('list listeners', async () => {
      const pages = paginateDescribeListeners(
        { client: this.client, withCommand: ownInput },
        { LoadBalancerArn: loadBalancerArn, PageSize: PAGE_SIZE },
      );
      return (await allItems(pages, (p) => p.Listeners)).map(toListener).sort((a, b) => a.port - b.port);
    });
  }

  async getListener(arn: string): Promise<Listener> {
    try {
      const r = await this.client.send(new DescribeListenersCommand({ ListenerArns: [arn] }));
      const l = r.Listeners?.[0];
      if (!l) throw notFoundError('listener', arn);
      return toListener(l);
    } catch (e) {
      if (isNotFound(e)) throw notFoundError('listener', arn);
      throw translateAwsError(e, 'describe listener');
    }
  }

  /** Every certificate of an HTTPS/TLS listener, the default one first. */
  async describeListenerCertificates(listenerArn: string): Promise<string[]> {
    const all = await this.listListenerCertificates(listenerArn);
    const ordered = [...all.filter((c) => c.isDefault), ...all.filter((c) => !c.isDefault)].map((c) => c.arn);
    return [...new Set(ordered)];
  }

  /**
   * DescribeListenerCertificates as AWS answers it: the default certificate marked, and listed a
   * second time (not marked) when it was also added to the certificate list.
   */
  async listListenerCertificates(listenerArn: string): Promise<Array<{ arn: string; isDefault: boolean }>> {
    return awsStep('read listener certificates', async () => {
      const pages = paginateDescribeListenerCertificates(
        { client: this.client, withCommand: ownInput },
        { ListenerArn: listenerArn, PageSize: PAGE_SIZE },
      );
      return (await allItems(pages, (p) => p.Certificates))
        .map((c) => ({ arn: c.CertificateArn ?? '', isDefault: c.IsDefault ?? false }))
        .filter((c) => c.arn !== '');
    });
  }

  async getListenerAttributes(arn: string): Promise<Record<string, string>> {
    return awsStep('read listener attributes', async () => {
      const r = await this.client.send(new DescribeListenerAttributesCommand({ ListenerArn: arn }));
      return Object.fromEntries((r.Attributes ?? []).map((a) => [a.Key ?? '', a.Value ?? '']));
    });
  }

  // ---------------------------------------------------------------- rules

  async listRules(listenerArn: string): Promise<Rule[]> {
    return awsStep('list rules', async () => {
      const pages = paginateDescribeRules(
        { client: this.client, withCommand: ownInput },
        { ListenerArn: listenerArn, PageSize: PAGE_SIZE },
      );
      return sortRules((await allItems(pages, (p) => p.Rules)).map(toRule));
    });
  }

  async getRule(arn: string): Promise<Rule> {
    try {
      const r = await this.client.send(new DescribeRulesCommand({ RuleArns: [arn] }));
      const rule = r.Rules?.[0];
      if (!rule) throw notFoundError('rule', arn);
      return toRule(rule);
    } catch (e) {
      if (isNotFound(e)) throw notFoundError('rule', arn);
      throw translateAwsError(e, 'describe rule');
    }
  }

  // ---------------------------------------------------------------- tags

  /** Tags of any ELBv2 resources, batched at 20 ARNs per call. */
  async describeTags(arns: readonly string[]): Promise<Map<string, Tag[]>> {
    return awsStep('read tags', async () => {
      const out = new Map<string, Tag[]>();
      for (const batch of chunk(arns, DESCRIBE_BATCH)) {
        const r = await this.client.send(new DescribeTagsCommand({ ResourceArns: batch }));
        for (const d of r.TagDescriptions ?? []) {
          out.set(
            d.ResourceArn ?? '',
            (d.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
          );
        }
      }
      return out;
    });
  }
}

/** Numbered rules lowest first, the default rule last. */
function sortRules(rules: Rule[]): Rule[] {
  return [...rules].sort((a, b) => {
    if (a.isDefault !== b.isDefault) return a.isDefault ? 1 : -1;
    return (a.priority as number) - (b.priority as number);
  });
}
