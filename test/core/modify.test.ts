/**
 * src/core/modify: what a change in place computes (the fields that differ) and the calls it
 * takes, the same for the modify commands and the stack engine. Table-driven, no mocks.
 */
import { splitActions, withRoutingAction } from '../../src/core/actions';
import { ElbctlError } from '../../src/core/errors';
import type { Action, HealthCheck } from '../../src/core/model';
import { checkPreWriteGuards, type GuardedResource } from '../../src/core/modify/guards';
import { loadBalancerCallOrder, loadBalancerModification } from '../../src/core/modify/load-balancer';
import { listenerCalls, listenerModification } from '../../src/core/modify/listener';
import { ruleModification } from '../../src/core/modify/rule';
import { tagCalls, tagModification } from '../../src/core/modify/tags';
import { healthCheckModification } from '../../src/core/modify/target-group';

const A = 'arn:aws:acm:us-east-1:123456789012:certificate/a';
const B = 'arn:aws:acm:us-east-1:123456789012:certificate/b';
const C = 'arn:aws:acm:us-east-1:123456789012:certificate/c';
const same = (x: string, y: string) => x === y;

describe('tags', () => {
  it.each([
    ['nothing differs', { env: 'prod' }, { env: 'prod' }, undefined],
    ['a key added', {}, { env: 'prod' }, { before: {}, after: { env: 'prod' } }],
    ['a value changed', { env: 'dev' }, { env: 'prod' }, { before: { env: 'dev' }, after: { env: 'prod' } }],
    ['a key removed', { env: 'dev', team: 'web' }, { env: 'dev' }, { before: { team: 'web' }, after: {} }],
  ])('GIVEN %s WHEN compared THEN the change holds only the keys in play', (_what, current, desired, expected) => {
    expect(tagModification(current, desired)).toEqual(expected);
  });

  it('GIVEN a change WHEN turned into calls THEN keys in after are added, keys only in before removed', () => {
    const change = tagModification({ env: 'dev', team: 'web', old: 'x' }, { env: 'prod', team: 'web', new: 'y' });
    expect(tagCalls(change)).toEqual({
      add: [
        { key: 'env', value: 'prod' },
        { key: 'new', value: 'y' },
      ],
      remove: ['old'],
    });
    expect(tagCalls(undefined)).toEqual({ add: [], remove: [] });
  });
});

describe('load balancers', () => {
  const live = { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'], ipAddressType: 'ipv4' };

  it('GIVEN the same sets in another order WHEN compared THEN nothing changes', () => {
    expect(loadBalancerModification(live, { subnets: ['subnet-b', 'subnet-a'], securityGroups: ['sg-1'] })).toEqual({
      before: {},
      after: {},
    });
  });

  it('GIVEN new subnets with mappings, groups and a type WHEN compared THEN every field changes, mappings kept for SetSubnets', () => {
    const mappings = [{ subnetId: 'subnet-a' }, { subnetId: 'subnet-c', allocationId: 'eipalloc-0123456789abcdef0' }];
    expect(
      loadBalancerModification(live, {
        subnets: ['subnet-a', 'subnet-c'],
        subnetMappings: mappings,
        securityGroups: ['sg-2'],
        ipAddressType: 'dualstack',
      }),
    ).toEqual({
      before: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'], ipAddressType: 'ipv4' },
      after: {
        subnets: ['subnet-a', 'subnet-c'],
        subnetMappings: mappings,
        securityGroups: ['sg-2'],
        ipAddressType: 'dualstack',
      },
    });
  });

  it('GIVEN a change of address type WHEN ordered THEN subnets first going dualstack, the type first going back to ipv4', () => {
    expect(loadBalancerCallOrder({ ipAddressType: 'dualstack' })).toEqual(['subnets', 'ipAddressType']);
    expect(loadBalancerCallOrder({ ipAddressType: 'ipv4' })).toEqual(['ipAddressType', 'subnets']);
  });
});

describe('listeners', () => {
  const live = { protocol: 'HTTPS', port: 443, sslPolicy: 'old-policy', certificates: [A, B], defaultAction: 'api' };

  it('GIVEN the same values WHEN compared THEN nothing changes (SNI certificates as a set)', () => {
    expect(listenerModification(live, { certificates: [A, B], defaultAction: 'api' }, same)).toEqual({
      before: {},
      after: {},
    });
    expect(listenerModification({ ...live, certificates: [A, B, C] }, { certificates: [A, C, B] }, same).after).toEqual(
      {},
    );
  });

  it('GIVEN a new default certificate WHEN turned into calls THEN ModifyListener takes it, the others stay as they are', () => {
    const change = listenerModification(live, { certificates: [C, B] }, same);
    expect(change).toEqual({ before: { certificates: [A, B] }, after: { certificates: [C, B] } });
    expect(listenerCalls(change)).toEqual({
      modify: { defaultCertificate: C },
      addCertificates: [],
      removeCertificates: [],
      keepCertificates: [B],
    });
  });

  it('GIVEN the certificate list changed WHEN turned into calls THEN added and removed as a set, the default untouched', () => {
    const change = listenerModification({ ...live, certificates: [A, B] }, { certificates: [A, C] }, same);
    expect(listenerCalls(change)).toEqual({
      addCertificates: [C],
      removeCertificates: [B],
      keepCertificates: [C],
    });
  });

  it('GIVEN HTTPS to HTTP WHEN compared THEN certificates and TLS policy go, and no certificate call is sent (AWS drops them)', () => {
    const change = listenerModification(live, { protocol: 'HTTP', certificates: [] }, same);
    expect(change).toEqual({
      before: { protocol: 'HTTPS', certificates: [A, B], sslPolicy: 'old-policy' },
      after: { protocol: 'HTTP', certificates: [], sslPolicy: undefined },
    });
    expect(listenerCalls(change)).toEqual({
      modify: { protocol: 'HTTP' },
      addCertificates: [],
      removeCertificates: [],
      keepCertificates: [],
    });
  });

  it('GIVEN a TLS policy reported on an HTTP listener WHEN nothing else changes THEN it is not compared', () => {
    const http = { protocol: 'HTTP', port: 80, sslPolicy: 'ELBSecurityPolicy-2016-08', certificates: [] };
    expect(listenerModification(http, { protocol: 'HTTP', sslPolicy: 'new' }, same).after).toEqual({});
  });

  it('GIVEN port, policy and action WHEN compared THEN ModifyListener takes each; a saved plan with no live action counts it as changed', () => {
    const change = listenerModification(live, { port: 8443, sslPolicy: 'new', defaultAction: 'web' }, same);
    expect(listenerCalls(change).modify).toEqual({ port: 8443, sslPolicy: 'new', defaultAction: 'web' });
    expect(listenerModification<string>({}, { defaultAction: 'web' }, same).after).toEqual({ defaultAction: 'web' });
  });
});

describe('rules', () => {
  it('GIVEN conditions in another order and the same action WHEN compared THEN nothing changes', () => {
    const current = {
      conditions: [
        { field: 'path-pattern' as const, values: ['/a', '/b'] },
        { field: 'host-header' as const, values: ['x.example.com'] },
      ],
      action: 'api',
    };
    const desired = {
      conditions: [
        { field: 'host-header' as const, values: ['x.example.com'] },
        { field: 'path-pattern' as const, values: ['/b', '/a'] },
      ],
      action: 'api',
    };
    expect(ruleModification(current, desired, same)).toEqual({ before: {}, after: {} });
  });

  it('GIVEN only an action WHEN compared THEN the conditions are not touched', () => {
    const current = { conditions: [{ field: 'path-pattern' as const, values: ['/a'] }], action: 'api' };
    expect(ruleModification(current, { action: 'web' }, same)).toEqual({
      before: { action: 'api' },
      after: { action: 'web' },
    });
  });
});

describe('health checks', () => {
  const live: HealthCheck = { enabled: true, protocol: 'HTTP', port: 'traffic-port', path: '/', intervalSeconds: 30 };

  it('GIVEN fields given WHEN compared THEN only those that differ, numbers and text compared as AWS reports them', () => {
    expect(healthCheckModification(live, { path: '/ready', intervalSeconds: 30, port: 'traffic-port' })).toEqual({
      before: { path: '/' },
      after: { path: '/ready' },
    });
    expect(healthCheckModification(live, { path: '/' })).toBeUndefined();
  });
});

describe('routing actions', () => {
  const oidc: Action = { type: 'other', awsType: 'authenticate-oidc', raw: { Type: 'authenticate-oidc' } };
  const api: Action = { type: 'forward', targetGroups: [{ targetGroupArn: 'arn:tg/api' }] };
  const web: Action = { type: 'fixed-response', statusCode: '503' };

  it('GIVEN authentication then a forward WHEN split THEN the forward is the routing action', () => {
    expect(splitActions([oidc, api])).toEqual({ leading: [oidc], routing: api });
    expect(splitActions([oidc])).toEqual({ leading: [oidc], routing: undefined });
  });

  it('GIVEN a new routing action WHEN applied THEN authentication stays; with replaceAll it goes and is reported', () => {
    expect(withRoutingAction([oidc, api], web)).toEqual({ actions: [oidc, web], removed: [] });
    expect(withRoutingAction([oidc, api], web, true)).toEqual({ actions: [web], removed: [oidc] });
  });
});

describe('pre-write guards', () => {
  const resource: GuardedResource = {
    kind: 'rule',
    name: 'web:443:10',
    arn: 'arn:rule',
    tags: { 'elbctl:shift': 'x' },
  };

  it('GIVEN no shift recorded WHEN the default guards check THEN the write may go ahead', () => {
    expect(() => checkPreWriteGuards({ ...resource, tags: { 'elbctl:stack': 'shop' } })).not.toThrow();
  });

  it('GIVEN a shift recorded on the rule WHEN the default guards check THEN it is refused (exit 1), pointing to shift status and abort', () => {
    const recorded = {
      'elbctl:shift': 'v1 id=9f3a2b1c state=running step=1 started=2026-12-06T10:00:00.000Z',
      'elbctl:shift:route': 'from=targetgroup/blue/0aa1b2c3d4e5f6a7 to=targetgroup/green/73e2d6bc24d8a067',
      'elbctl:shift:plan': 'steps=10.50.100 bake=300 interval=60 min-requests=100 keep-weighted=no origin=plain',
    };
    let thrown: unknown;
    try {
      checkPreWriteGuards({ ...resource, tags: recorded });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({
      kind: 'conflict',
      code: 'E_SHIFT_IN_PROGRESS',
      message:
        'rule web:443:10: a shift to "green" is in progress (step 2 of 3); it is not changed while a shift is recorded on it',
      hint: '`elbctl shift status web:443:10` shows it; `elbctl shift abort web:443:10` rolls it back and ends it',
    });
  });

  it('GIVEN a guard that refuses a tagged resource WHEN checked THEN its error is thrown, and the others are not asked', () => {
    const refusal = new ElbctlError('conflict', 'E_IN_USE', 'rule web:443:10: a shift is in progress');
    const later = jest.fn(() => undefined);
    expect(() => checkPreWriteGuards(resource, [(r) => (r.tags['elbctl:shift'] ? refusal : undefined), later])).toThrow(
      refusal,
    );
    expect(later).not.toHaveBeenCalled();
    expect(() =>
      checkPreWriteGuards({ ...resource, tags: {} }, [(r) => (r.tags['elbctl:shift'] ? refusal : undefined)]),
    ).not.toThrow();
  });
});
