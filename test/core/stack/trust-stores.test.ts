/**
 * Trust stores and mutual TLS in stack files: the validator (every refusal), the planner (create,
 * adopt, update, delete; ordering against the listeners that verify with them; what blocks) and
 * the plan's lines. Pure: no AWS (moto 5.2.1 has no trust stores either).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeChange } from '../../../src/core/stack/describe';
import type { Observed, ObservedListener } from '../../../src/core/stack/model';
import { Plan } from '../../../src/core/stack/plan';
import { plan, planDestroy } from '../../../src/core/stack/planner/plan-stack';
import { bundleTagValue, revocationsTagValue } from '../../../src/core/stack/planner/trust-stores';
import { elementAt } from '../../support/narrow';
import { CERT, desiredOf, problemsOf, SUBNETS, VPC, yaml } from './helpers';

const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const LB_ARN = `${ACCOUNT}:loadbalancer/app/api/50dc6c495c0c9188`;
const L443_ARN = `${ACCOUNT}:listener/app/api/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const TG_ARN = `${ACCOUNT}:targetgroup/api/73e2d6bc24d8a067`;
const storeArn = (name: string) => `${ACCOUNT}:truststore/${name}/8f2c4e6a1b3d5f70`;
const OWNED = { 'elbctl:stack': 'shop' };
const BUNDLE = 's3://shop-pki/clients/ca.pem';

/** A stack with one HTTPS listener; `mtls` and `stores` are spliced in as YAML. */
function stackFile(mtls: string, stores = '', protocol = 'HTTPS', lbType = 'application'): string {
  const secure = protocol === 'HTTPS' || protocol === 'TLS';
  const text = yaml`
    version: 1
    stack: shop
    loadBalancers:
      - name: api
        type: ${lbType}
        subnets: ${SUBNETS}
        listeners:
          - port: 443
            protocol: ${protocol}
            ${secure ? `certificates: [${CERT}]` : 'tags: {}'}
            ${mtls || 'tags: {}'}
            defaultAction: { forward: api }
    targetGroups:
      - name: api
        protocol: ${lbType === 'network' ? 'TCP' : 'HTTP'}
        port: 8080
        vpc: ${VPC}
  `;
  return stores ? `${text.trimEnd()}\n${stores}\n` : text;
}

const VERIFY = 'mutualAuthentication: { mode: verify, trustStore: clients, advertiseCaNames: true }';
const CLIENTS = `trustStores:
  - name: clients
    caCertificates: ${BUNDLE}
    revocations: [s3://shop-pki/clients/revoked.crl]
    tags: { team: edge }`;

// ------------------------------------------------------------------ the live side, written by hand

function listener(over: Partial<ObservedListener> = {}): ObservedListener {
  return {
    arn: L443_ARN,
    port: 443,
    protocol: 'HTTPS',
    sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    certificates: [CERT],
    defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn: TG_ARN }] }],
    tags: { ...OWNED },
    rules: [],
    ...over,
  };
}

/** The account once CLIENTS and a verifying listener were applied. */
function applied(over: { listener?: Partial<ObservedListener>; storeTags?: Record<string, string> } = {}): Observed {
  return {
    loadBalancers: [
      {
        name: 'api',
        arn: LB_ARN,
        type: 'application',
        scheme: 'internet-facing',
        subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        securityGroups: [],
        ipAddressType: 'ipv4',
        tags: { ...OWNED },
        attributes: {
          'deletion_protection.enabled': 'true',
          'routing.http.drop_invalid_header_fields.enabled': 'true',
        },
        listeners: [
          listener({
            mutualTls: { mode: 'verify', trustStoreArn: storeArn('clients'), advertiseTrustStoreCaNames: true },
            ...over.listener,
          }),
        ],
      },
    ],
    targetGroups: [
      {
        name: 'api',
        arn: TG_ARN,
        protocol: 'HTTP',
        port: 8080,
        vpcId: VPC,
        targetType: 'instance',
        healthCheck: {
          enabled: true,
          protocol: 'HTTP',
          port: 'traffic-port',
          path: '/',
          intervalSeconds: 30,
          timeoutSeconds: 5,
          healthyThreshold: 5,
          unhealthyThreshold: 2,
          matcher: '200',
        },
        tags: { ...OWNED, 'elbctl:name': 'api' },
        attributes: {},
        targets: [],
        loadBalancerArns: [LB_ARN],
      },
    ],
    trustStores: [
      {
        name: 'clients',
        arn: storeArn('clients'),
        tags: over.storeTags ?? {
          ...OWNED,
          team: 'edge',
          'elbctl:ca-certificates': BUNDLE,
          'elbctl:revocations': revocationsTagValue(['s3://shop-pki/clients/revoked.crl']),
        },
        listeners: [L443_ARN],
        revocations: [1],
      },
    ],
  };
}

const ids = (p: Plan) =>
  p.changes.map((c) => `${c.action} ${c.id}${c.dependsOn.length ? ` after ${c.dependsOn.join(', ')}` : ''}`);

// ------------------------------------------------------------------ validation

describe('stack file: trust stores and mutual TLS are judged by the trust-store rulebook', () => {
  it('GIVEN a trust store section and a verifying HTTPS listener WHEN loaded THEN it is valid and the desired stack carries both', () => {
    const desired = desiredOf(stackFile(VERIFY, CLIENTS));
    expect(desired.trustStores).toEqual([
      {
        name: 'clients',
        caCertificates: BUNDLE,
        revocations: ['s3://shop-pki/clients/revoked.crl'],
        tags: { team: 'edge' },
      },
    ]);
    expect(desired.loadBalancers[0]?.listeners[0]?.mutualTls).toEqual({
      mode: 'verify',
      trustStore: 'clients',
      advertiseCaNames: true,
    });
  });

  it('GIVEN the mode in another case WHEN loaded THEN it is read in AWS spelling', () => {
    const desired = desiredOf(stackFile('mutualAuthentication: { mode: PassThrough }'));
    expect(desired.loadBalancers[0]?.listeners[0]?.mutualTls).toEqual({ mode: 'passthrough' });
  });

  it('GIVEN a trust store by ARN that the file does not declare WHEN loaded THEN it is valid (an existing one, not managed)', () => {
    expect(
      problemsOf(stackFile(`mutualAuthentication: { mode: verify, trustStore: "${storeArn('partners')}" }`)),
    ).toEqual([]);
  });

  it.each([
    [
      'verify without a trust store',
      stackFile('mutualAuthentication: { mode: verify }'),
      '11:31 E_MUTUAL_TLS listener api:443: mutual TLS "verify" needs a trust store to check client certificates against; add trustStore: NAME',
    ],
    [
      'a trust store the file does not declare',
      stackFile('mutualAuthentication: { mode: verify, trustStore: partners }'),
      '11:59 E_REFERENCE listener api:443: trust store "partners": not declared in this stack; declare it under trustStores (an existing trust store with its name only, so elbctl never changes its bundle), or give its ARN',
    ],
    [
      'a near miss of a declared trust store',
      stackFile('mutualAuthentication: { mode: verify, trustStore: client }', CLIENTS),
      '11:59 E_REFERENCE listener api:443: trust store "client": not declared in this stack; did you mean "clients"?',
    ],
    [
      'mutual TLS on an HTTP listener',
      stackFile('mutualAuthentication: { mode: passthrough }', '', 'HTTP'),
      '11:39 E_MUTUAL_TLS listener api:443: mutual TLS "passthrough" needs an HTTPS listener, not HTTP; use an HTTPS listener with a certificate',
    ],
    [
      'mutual TLS on a network load balancer',
      stackFile('mutualAuthentication: { mode: passthrough }', '', 'TLS', 'network'),
      '11:39 E_MUTUAL_TLS listener api:443: mutual TLS is only on application load balancers; a network load balancer passes TLS through or terminates it without client certificates',
    ],
    [
      'a verify-only field in passthrough',
      stackFile('mutualAuthentication: { mode: passthrough, ignoreClientCertificateExpiry: true }'),
      '11:83 E_MUTUAL_TLS listener api:443: ignoreClientCertificateExpiry applies only to mutual TLS "verify", not "passthrough"; use verify or remove it',
    ],
    [
      'a malformed trust store ARN',
      stackFile(`mutualAuthentication: { mode: verify, trustStore: "${ACCOUNT}:truststore/x" }`),
      // The echoed value is truncated (house rule for user input), the problem still names it.
      '11:59 E_FORMAT listener api:443: trust store "arn:aws:elasticloadbalancing:us-east-1:123456789012:truststo…": not a trust store ARN',
    ],
    [
      'an unknown mode',
      stackFile('mutualAuthentication: { mode: strict }'),
      '11:39 E_ENUM mode "strict": unknown; use off, passthrough or verify',
    ],
  ])('GIVEN %s WHEN loaded THEN exit-64 problem at the listener', (_what, text, expected) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBe(expected);
  });

  it.each([
    [
      'a bundle that is not an s3:// URL',
      'trustStores: [{ name: clients, caCertificates: "https://example.com/ca.pem" }]',
      'E_S3_URL CA bundle "https://example.com/ca.pem": write it as s3://BUCKET/KEY (optionally ?versionId=VERSION)',
    ],
    [
      'a bucket name S3 refuses',
      'trustStores: [{ name: clients, caCertificates: "s3://Shop_PKI/ca.pem" }]',
      'E_S3_URL CA bundle "s3://Shop_PKI/ca.pem": bucket "Shop_PKI" is not an S3 bucket name; use 3-63 lowercase letters, digits, dots and hyphens',
    ],
    [
      'a revocation list that is not an s3:// URL',
      'trustStores: [{ name: clients, caCertificates: "s3://shop-pki/ca.pem", revocations: ["revoked.crl"] }]',
      'E_S3_URL revocation list "revoked.crl": write it as s3://BUCKET/KEY (optionally ?versionId=VERSION)',
    ],
    [
      'a revocation list listed twice',
      'trustStores: [{ name: clients, caCertificates: "s3://shop-pki/ca.pem", revocations: ["s3://shop-pki/r.crl", "s3://shop-pki/r.crl"] }]',
      'E_DUPLICATE trust store "clients": revocation list "s3://shop-pki/r.crl" is listed twice; list it once',
    ],
    [
      'a trust store name AWS refuses',
      'trustStores: [{ name: -clients, caCertificates: "s3://shop-pki/ca.pem" }]',
      'E_NAME trust store name "-clients": use letters and digits, with single hyphens between them (no hyphen at either end, none doubled)',
    ],
    [
      'a reserved tag key',
      'trustStores: [{ name: clients, caCertificates: "s3://shop-pki/ca.pem", tags: { "elbctl:stack": other } }]',
      'E_TAG',
    ],
    [
      'an unknown key in a trust store',
      'trustStores: [{ name: clients, bundle: "s3://shop-pki/ca.pem" }]',
      'E_UNKNOWN_KEY',
    ],
  ])('GIVEN %s WHEN loaded THEN one problem says so', (_what, stores, expected) => {
    const problems = problemsOf(stackFile('', stores));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.replace(/^\d+:\d+ /, '')).toContain(expected);
  });

  it('GIVEN two trust stores with one name WHEN loaded THEN the second is refused naming the first', () => {
    const stores = `trustStores:
  - { name: clients, caCertificates: "${BUNDLE}" }
  - { name: clients }`;
    expect(problemsOf(stackFile('', stores)).map((p) => p.replace(/^\d+:\d+ /, ''))).toEqual([
      'E_DUPLICATE trust store name "clients": declared twice (also trustStores[0]); names are unique per account and region, rename one',
    ]);
  });
});

// ------------------------------------------------------------------ planning

describe('plan: trust stores are created before the listeners that verify with them', () => {
  it('GIVEN an empty account WHEN planned THEN the trust store is created first and the listener carries its mutual TLS by name', () => {
    const p = plan(desiredOf(stackFile(VERIFY, CLIENTS)), { loadBalancers: [], targetGroups: [] });
    expect(ids(p)).toEqual([
      'create trust-store:clients',
      'create target-group:api',
      'create load-balancer:api',
      'create attributes:load-balancer:api after load-balancer:api',
      'create listener:api:443 after load-balancer:api, target-group:api, trust-store:clients',
    ]);
    expect(p.change('trust-store:clients')?.after).toEqual({
      name: 'clients',
      caCertificates: BUNDLE,
      revocations: ['s3://shop-pki/clients/revoked.crl'],
      tags: { ...OWNED, team: 'edge' },
    });
    const l = p.change('listener:api:443');
    expect(l?.type === 'listener' && l.after?.mutualTls).toEqual({
      mode: 'verify',
      trustStore: 'clients',
      advertiseCaNames: true,
    });
    expect(describeChange(p.change('trust-store:clients') as never)).toEqual([
      '+ trust-store clients',
      `    CA bundle: ${BUNDLE}`,
      '    revocation lists: s3://shop-pki/clients/revoked.crl',
      '    tags: team=edge',
    ]);
    expect(describeChange(l as never)).toContain(
      '    mutual TLS: verify with trust store clients (advertises CA names)',
    );
  });

  it('GIVEN the applied state WHEN planned again THEN nothing changes (the bundle and revocations compare with what elbctl sent)', () => {
    const p = plan(desiredOf(stackFile(VERIFY, CLIENTS)), applied());
    expect(p.changes).toEqual([]);
    expect(p.unmanaged).toEqual([]);
  });

  it('GIVEN a new bundle URL in the file WHEN planned THEN the trust store is updated with the old and new URL shown', () => {
    const file = stackFile(VERIFY, CLIENTS.replace('clients/ca.pem', 'clients/ca-2026.pem'));
    const p = plan(desiredOf(file), applied());
    expect(p.changes).toEqual([
      {
        id: 'trust-store:clients',
        action: 'update',
        type: 'trust-store',
        name: 'clients',
        before: { caCertificates: BUNDLE },
        after: { caCertificates: 's3://shop-pki/clients/ca-2026.pem' },
        arn: storeArn('clients'),
        dependsOn: [],
      },
    ]);
    expect(describeChange(p.changes[0] as never)).toEqual([
      '~ trust-store clients',
      `    CA bundle: ${BUNDLE} → s3://shop-pki/clients/ca-2026.pem`,
    ]);
  });

  it('GIVEN other revocation lists in the file WHEN planned THEN the live lists are removed by id and the file’s added', () => {
    const file = stackFile(VERIFY, CLIENTS.replace('revoked.crl', 'revoked-2.crl'));
    const [change] = plan(desiredOf(file), applied()).changes;
    expect(change).toMatchObject({
      action: 'update',
      before: { revocations: ['(1 live revocation list)'] },
      after: { revocations: ['s3://shop-pki/clients/revoked-2.crl'] },
      removeRevocations: [1],
    });
  });

  it('GIVEN an existing untagged trust store declared by name only WHEN planned THEN it is adopted (tagged) and its bundle never sent', () => {
    const observed = applied({ storeTags: {} });
    const p = plan(desiredOf(stackFile(VERIFY, 'trustStores: [{ name: clients }]')), observed);
    expect(p.changes).toEqual([
      {
        id: 'trust-store:clients',
        action: 'adopt',
        type: 'trust-store',
        name: 'clients',
        before: { tags: {} },
        after: { tags: { ...OWNED } },
        arn: storeArn('clients'),
        dependsOn: [],
      },
    ]);
  });

  it('GIVEN an existing untagged trust store declared with a bundle WHEN planned THEN the adoption sends the bundle (elbctl never sent one), said as unknown before', () => {
    const observed = applied({ storeTags: {} });
    const p = plan(
      desiredOf(stackFile(VERIFY, `trustStores: [{ name: clients, caCertificates: "${BUNDLE}" }]`)),
      observed,
    );
    expect(p.changes[0]).toMatchObject({
      action: 'adopt',
      before: { caCertificates: '(unknown: not sent by elbctl)', tags: {} },
      after: { caCertificates: BUNDLE, tags: { ...OWNED } },
    });
  });

  it('GIVEN a trust store declared by name only that does not exist WHEN planned THEN the plan is blocked, naming what to add, and the listener that needs it', () => {
    const p = plan(desiredOf(stackFile(VERIFY, 'trustStores: [{ name: clients }]')), {
      loadBalancers: [],
      targetGroups: [],
    });
    expect(p.isBlocked).toBe(true);
    expect(p.unmanaged).toEqual([
      {
        type: 'trust-store',
        name: 'clients',
        arn: '',
        reason: 'not-found',
        message:
          'trust store "clients": does not exist in this account and Region, and the stack file gives no caCertificates to create it from; add caCertificates: s3://BUCKET/KEY to its entry, or create it first (elbctl trust-store create)',
        blocks: ['listener:api:443'],
      },
    ]);
    expect(p.changes.some((c) => c.type === 'trust-store')).toBe(false);
  });

  it('GIVEN a trust store of another stack WHEN planned THEN it is refused, saying to refer to it by ARN', () => {
    const observed = applied({ storeTags: { 'elbctl:stack': 'pki' } });
    const p = plan(desiredOf(stackFile(VERIFY, CLIENTS)), observed);
    expect(p.unmanaged.map((u) => [u.reason, u.message])).toEqual([
      [
        'owned-by-another-stack',
        'trust store "clients": belongs to stack "pki" (tag elbctl:stack=pki); refer to it by ARN in mutualAuthentication.trustStore and remove it from trustStores, or remove it from stack "pki" first',
      ],
    ]);
  });
});

describe('plan: a listener’s mutual TLS', () => {
  it('GIVEN a listener without mutual TLS and the file asking for verify WHEN planned THEN the listener update carries off → verify, after the trust store', () => {
    const observed = applied({ listener: { mutualTls: { mode: 'off' } } });
    observed.trustStores = [];
    const p = plan(desiredOf(stackFile(VERIFY, CLIENTS)), observed);
    expect(ids(p)).toEqual(['create trust-store:clients', 'update listener:api:443 after trust-store:clients']);
    const l = p.change('listener:api:443');
    expect(l?.before).toEqual({ mutualTls: { mode: 'off' } });
    expect(l?.after).toEqual({ mutualTls: { mode: 'verify', trustStore: 'clients', advertiseCaNames: true } });
    expect(describeChange(l as never)).toEqual([
      '~ listener api:443',
      '    mutual TLS: off → verify with trust store clients (advertises CA names)',
    ]);
  });

  it('GIVEN the file leaving mutualAuthentication out WHEN planned THEN the live verify is kept (not managed)', () => {
    const p = plan(desiredOf(stackFile('', CLIENTS)), applied());
    expect(p.changes).toEqual([]);
  });

  it('GIVEN the same trust store by ARN in the file WHEN planned THEN it is the same setting (compared by name)', () => {
    const file = stackFile(
      `mutualAuthentication: { mode: verify, trustStore: "${storeArn('clients')}", advertiseCaNames: true }`,
      CLIENTS,
    );
    expect(plan(desiredOf(file), applied()).changes).toEqual([]);
  });

  it('GIVEN advertiseCaNames false written out and absent live WHEN planned THEN no change (absent means off)', () => {
    const observed = applied({ listener: { mutualTls: { mode: 'verify', trustStoreArn: storeArn('clients') } } });
    const file = stackFile(
      'mutualAuthentication: { mode: verify, trustStore: clients, advertiseCaNames: false, ignoreClientCertificateExpiry: false }',
      CLIENTS,
    );
    expect(plan(desiredOf(file), observed).changes).toEqual([]);
  });

  it('GIVEN verify live and passthrough in the file WHEN planned THEN the listener changes to passthrough and the trust store stays', () => {
    const p = plan(desiredOf(stackFile('mutualAuthentication: { mode: passthrough }', CLIENTS)), applied());
    expect(ids(p)).toEqual(['update listener:api:443']);
    expect(p.change('listener:api:443')?.after).toEqual({ mutualTls: { mode: 'passthrough' } });
  });
});

describe('plan: trust stores are deleted after every listener lets go of them', () => {
  it('GIVEN the trust store removed from the file and its listener turned off WHEN planned THEN the delete waits for the listener', () => {
    const p = plan(desiredOf(stackFile('mutualAuthentication: { mode: "off" }')), applied());
    expect(ids(p)).toEqual(['update listener:api:443', 'delete trust-store:clients after listener:api:443']);
    expect(p.isBlocked).toBe(false);
  });

  it('GIVEN the trust store removed while the stack’s listener keeps verifying with it WHEN planned THEN the delete is blocked naming the listener', () => {
    const p = plan(desiredOf(stackFile('')), applied());
    expect(p.unmanaged).toEqual([
      {
        type: 'trust-store',
        name: 'clients',
        arn: storeArn('clients'),
        reason: 'in-use',
        message:
          'trust store "clients": the plan would delete it, but listener api:443 still verifies client certificates with it; turn mutual TLS off there or point it at another trust store first (or keep the trust store in the stack file)',
        blocks: ['trust-store:clients'],
      },
    ]);
  });

  it('GIVEN a listener outside the stack verifying with the stack’s trust store WHEN destroyed THEN the delete is blocked naming that listener', () => {
    const outside = `${ACCOUNT}:listener/app/partner-gw/0a1b2c3d4e5f6071/9d8c7b6a5f4e3d2c`;
    const observed = applied();
    elementAt(observed.trustStores, 0).listeners.push(outside);
    const p = planDestroy('shop', observed);
    expect(ids(p)).toEqual([
      'delete load-balancer:api',
      'delete target-group:api after load-balancer:api',
      'delete trust-store:clients after load-balancer:api',
    ]);
    expect(p.unmanaged.map((u) => u.message)).toEqual([
      `trust store "clients": the plan would delete it, but a listener of load balancer "partner-gw" (${outside}), not in this stack, still verifies client certificates with it; turn mutual TLS off there or point it at another trust store first (or keep the trust store in the stack file)`,
    ]);
    expect(p.isBlocked).toBe(true);
  });

  it('GIVEN a trust store the stack does not own and the file no longer names WHEN planned THEN it is left alone', () => {
    const observed = applied({ listener: { mutualTls: { mode: 'off' } }, storeTags: {} });
    expect(plan(desiredOf(stackFile('')), observed).changes).toEqual([]);
  });
});

describe('plan JSON: the trust-store change type in a saved plan (version 1, additive)', () => {
  it('GIVEN a plan with a trust store create WHEN written and read back THEN it is accepted as version 1 and equal', () => {
    const p = plan(desiredOf(stackFile(VERIFY, CLIENTS)), { loadBalancers: [], targetGroups: [] });
    const json = JSON.parse(JSON.stringify(p.toJSON()));
    expect(json.version).toBe(1);
    expect(Plan.fromJSON(json).toJSON()).toEqual(p.toJSON());
  });
});

describe('what elbctl records of a bundle it sent', () => {
  it('GIVEN a plain s3 URL WHEN recorded THEN the tag holds the URL; one with a version id (a "?" tags refuse) holds a hash', () => {
    expect(bundleTagValue(BUNDLE)).toBe(BUNDLE);
    expect(bundleTagValue(`${BUNDLE}?versionId=3HL4kqtJlcpXroDTDmJ`)).toMatch(/^hash:[0-9a-f]{14}$/);
    expect(revocationsTagValue([])).toBe('none');
    expect(revocationsTagValue(['s3://b/1', 's3://b/2'])).toBe(revocationsTagValue(['s3://b/2', 's3://b/1']));
  });
});

describe('examples/mtls-api.yaml (moto cannot apply mutual TLS: it is validated and planned here)', () => {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'mtls-api.yaml'), 'utf8');

  it('GIVEN the example WHEN planned against an empty account THEN the trust store is created before the API listener verifying with it', () => {
    const p = plan(desiredOf(text), { loadBalancers: [], targetGroups: [] });
    expect(ids(p).filter((line) => line.includes('trust-store') || line.includes('listener:'))).toEqual([
      'create trust-store:partners',
      'create listener:shop-partners:443 after load-balancer:shop-partners, target-group:web',
      'create rule:shop-partners:443:admin after listener:shop-partners:443, target-group:admin',
      'create listener:shop-partners:8443 after load-balancer:shop-partners, target-group:partner-api, trust-store:partners',
    ]);
    const api = p.change('listener:shop-partners:8443');
    expect(api?.type === 'listener' && api.after?.mutualTls).toEqual({
      mode: 'verify',
      trustStore: 'partners',
      advertiseCaNames: true,
    });
  });
});

describe('plan: mutual TLS off on a new listener', () => {
  it('GIVEN mode off written on a listener that does not exist yet WHEN planned THEN its create carries no mutual TLS (off is what a new listener has)', () => {
    const p = plan(desiredOf(stackFile('mutualAuthentication: { mode: "off" }')), {
      loadBalancers: [],
      targetGroups: [],
    });
    const l = p.change('listener:api:443');
    expect(l?.action).toBe('create');
    expect(l?.type === 'listener' && l.after && 'mutualTls' in l.after).toBe(false);
  });
});
