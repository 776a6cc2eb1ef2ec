/** One failing snapshot per check (each breaks the hardened baseline in one way), and near misses that must pass. */
import type { RegionSnapshot } from '../../../src/core/audit/model';
import {
  CERT_ARN,
  NLB_ARN,
  TG_ARN,
  audited,
  auditedTg,
  classic,
  httpListener,
  httpsListener,
  lb,
  rule,
  snapshot,
  target,
  tg,
  withRules,
} from './fixtures';

export interface Case {
  id: string;
  /** Breaks the check once. */
  fail: RegionSnapshot;
  /** Looks close but passes (the baseline snapshot always passes too). */
  pass: RegionSnapshot[];
}

const HTTPS_NLB = `${NLB_ARN.replace(':loadbalancer/', ':listener/')}/0000000000000443`;

const nlb = (extra = {}) =>
  audited({
    loadBalancer: lb({ name: 'edge', arn: NLB_ARN, type: 'network' }),
    attributes: { 'deletion_protection.enabled': 'true', 'load_balancing.cross_zone.enabled': 'false' },
    listeners: [
      {
        listener: httpsListener({
          arn: `${NLB_ARN.replace(':loadbalancer/', ':listener/')}/0000000000000443`,
          loadBalancerArn: NLB_ARN,
          protocol: 'TLS',
        }),
        rules: [],
      },
    ],
    webAcl: undefined,
    ...extra,
  });

const hardened = (): Record<string, string> => ({ ...(audited().attributes as Record<string, string>) });

const hosts = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => rule([`${prefix}${i}.example.com`]));

export const CASES: Case[] = [
  {
    id: 'http-without-redirect',
    fail: snapshot({
      loadBalancers: [
        audited({
          listeners: [
            {
              listener: httpListener({
                defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupArn: TG_ARN }] }],
              }),
              rules: [],
            },
          ],
        }),
      ],
    }),
    pass: [
      // A redirect to HTTP (not HTTPS) is not a fix, but an NLB has no HTTP listener to judge.
      snapshot({ loadBalancers: [nlb()] }),
    ],
  },
  {
    id: 'tls-below-1-2',
    fail: snapshot({
      loadBalancers: [
        audited({
          listeners: [{ listener: httpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS-1-1-2017-01' }), rules: [] }],
        }),
      ],
    }),
    pass: [
      snapshot({
        loadBalancers: [
          audited({
            listeners: [{ listener: httpsListener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }), rules: [] }],
          }),
        ],
      }),
      // moto reports the 2016 policy on plain HTTP listeners: only HTTPS/TLS listeners are judged.
      snapshot({
        loadBalancers: [
          audited({ listeners: [{ listener: httpListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' }), rules: [] }] }),
        ],
      }),
    ],
  },
  {
    id: 'tls-without-forward-secrecy',
    fail: snapshot({
      loadBalancers: [
        nlb({
          listeners: [
            {
              listener: httpsListener({
                arn: `${HTTPS_NLB}`,
                loadBalancerArn: NLB_ARN,
                protocol: 'TLS',
                sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
              }),
              rules: [],
            },
          ],
        }),
      ],
    }),
    pass: [
      snapshot({
        loadBalancers: [
          audited({
            listeners: [{ listener: httpsListener({ sslPolicy: 'ELBSecurityPolicy-FS-1-2-Res-2020-10' }), rules: [] }],
          }),
        ],
      }),
    ],
  },
  {
    id: 'invalid-headers-kept',
    fail: snapshot({
      loadBalancers: [
        audited({ attributes: { ...hardened(), 'routing.http.drop_invalid_header_fields.enabled': 'false' } }),
      ],
    }),
    pass: [snapshot({ loadBalancers: [nlb()] })],
  },
  {
    id: 'desync-monitor',
    fail: snapshot({
      loadBalancers: [audited({ attributes: { ...hardened(), 'routing.http.desync_mitigation_mode': 'monitor' } })],
    }),
    pass: [
      snapshot({
        loadBalancers: [audited({ attributes: { ...hardened(), 'routing.http.desync_mitigation_mode': 'strictest' } })],
      }),
    ],
  },
  {
    id: 'no-deletion-protection',
    fail: snapshot({ loadBalancers: [nlb({ attributes: { 'deletion_protection.enabled': 'false' } })] }),
    pass: [snapshot({ loadBalancers: [nlb()] })],
  },
  {
    id: 'no-access-logs',
    fail: snapshot({ loadBalancers: [audited({ attributes: { ...hardened(), 'access_logs.s3.enabled': 'false' } })] }),
    pass: [snapshot({ loadBalancers: [nlb()] })],
  },
  {
    id: 'single-zone',
    fail: snapshot({
      loadBalancers: [audited({ loadBalancer: lb({ availabilityZones: ['us-east-1a'], subnets: ['subnet-0aaa'] }) })],
    }),
    pass: [
      snapshot({
        loadBalancers: [
          nlb({
            loadBalancer: lb({
              name: 'edge',
              arn: NLB_ARN,
              type: 'network',
              availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
            }),
          }),
        ],
      }),
    ],
  },
  {
    id: 'no-waf',
    fail: snapshot({ loadBalancers: [audited({ webAcl: null })] }),
    pass: [
      // Unreadable association: no finding rather than a guess.
      snapshot({ loadBalancers: [audited({ webAcl: undefined })] }),
      // An internal ALB is not exposed to the internet.
      snapshot({ loadBalancers: [audited({ webAcl: null, loadBalancer: lb({ scheme: 'internal' }) })] }),
    ],
  },
  {
    id: 'certificate-expiring',
    fail: snapshot({
      certificates: [{ arn: CERT_ARN, domainName: 'shop.example.com', notAfter: new Date('2026-12-20T00:00:00Z') }],
    }),
    pass: [
      snapshot({
        certificates: [{ arn: CERT_ARN, domainName: 'shop.example.com', notAfter: new Date('2027-01-07T13:00:00Z') }],
      }),
    ],
  },
  {
    id: 'no-listener',
    fail: snapshot({ loadBalancers: [audited({ listeners: [] })], targetGroups: [] }),
    pass: [snapshot({ loadBalancers: [audited({ listeners: [{ listener: httpsListener(), rules: [] }] })] })],
  },
  {
    id: 'no-healthy-target',
    fail: snapshot({
      targetGroups: [auditedTg({ health: [target('10.0.1.10', 'us-east-1a', 'unhealthy', 'Target.Timeout')] })],
    }),
    pass: [
      snapshot({
        targetGroups: [
          auditedTg({
            health: [
              target('10.0.1.10', 'us-east-1a', 'unhealthy', 'Target.Timeout'),
              target('10.0.2.10', 'us-east-1b'),
            ],
          }),
        ],
      }),
      // Only a redirect: no target group is needed.
      snapshot({
        loadBalancers: [audited({ listeners: [{ listener: httpListener(), rules: [] }] })],
        targetGroups: [],
      }),
    ],
  },
  {
    id: 'idle',
    fail: snapshot({ loadBalancers: [audited({ traffic: 0 })] }),
    pass: [
      // Created three days ago: not yet a whole window to judge.
      snapshot({ loadBalancers: [audited({ traffic: 0, loadBalancer: lb({ createdAt: '2026-12-03T00:00:00Z' }) })] }),
      // CloudWatch unreadable: no finding.
      snapshot({ loadBalancers: [audited({ traffic: undefined })] }),
    ],
  },
  {
    id: 'targets-one-zone',
    fail: snapshot({
      targetGroups: [auditedTg({ health: [target('10.0.1.10', 'us-east-1a'), target('10.0.1.11', 'us-east-1a')] })],
    }),
    pass: [
      // Instance targets without a reported zone: unknown, not judged.
      snapshot({ targetGroups: [auditedTg({ health: [{ id: 'i-0abc', port: 80, state: 'healthy' }] })] }),
    ],
  },
  {
    id: 'cross-zone-uneven',
    fail: snapshot({
      loadBalancers: [nlb()],
      targetGroups: [
        auditedTg({
          targetGroup: tg({
            protocol: 'TCP',
            loadBalancers: [NLB_ARN],
            healthCheck: { enabled: true, protocol: 'TCP' },
          }),
          health: [
            target('10.0.1.10', 'us-east-1a'),
            target('10.0.1.11', 'us-east-1a'),
            target('10.0.2.10', 'us-east-1b'),
          ],
        }),
      ],
    }),
    pass: [
      // The same targets with the target group's own cross-zone on.
      snapshot({
        loadBalancers: [nlb()],
        targetGroups: [
          auditedTg({
            targetGroup: tg({
              protocol: 'TCP',
              loadBalancers: [NLB_ARN],
              healthCheck: { enabled: true, protocol: 'TCP' },
            }),
            attributes: { 'deregistration_delay.timeout_seconds': '30', 'load_balancing.cross_zone.enabled': 'true' },
            health: [
              target('10.0.1.10', 'us-east-1a'),
              target('10.0.1.11', 'us-east-1a'),
              target('10.0.2.10', 'us-east-1b'),
            ],
          }),
        ],
      }),
      // Behind an ALB, inheriting: cross-zone is always on there.
      snapshot({
        targetGroups: [
          auditedTg({
            health: [
              target('10.0.1.10', 'us-east-1a'),
              target('10.0.1.11', 'us-east-1a'),
              target('10.0.2.10', 'us-east-1b'),
            ],
          }),
        ],
      }),
    ],
  },
  {
    id: 'unhealthy-targets',
    fail: snapshot({
      targetGroups: [
        auditedTg({
          health: [target('10.0.1.10', 'us-east-1a', 'unhealthy', 'Target.Timeout'), target('10.0.2.10', 'us-east-1b')],
        }),
      ],
    }),
    pass: [
      snapshot({
        targetGroups: [
          auditedTg({ health: [target('10.0.1.10', 'us-east-1a', 'draining'), target('10.0.2.10', 'us-east-1b')] }),
        ],
      }),
    ],
  },
  {
    id: 'default-health-check',
    fail: snapshot({
      targetGroups: [
        auditedTg({
          targetGroup: tg({
            healthCheck: { enabled: true, protocol: 'HTTP', port: 'traffic-port', path: '/', timeoutSeconds: 5 },
          }),
        }),
      ],
    }),
    pass: [
      snapshot({
        targetGroups: [
          auditedTg({
            targetGroup: tg({
              healthCheck: { enabled: true, protocol: 'HTTP', port: '8081', path: '/', timeoutSeconds: 5 },
            }),
          }),
        ],
      }),
    ],
  },
  {
    id: 'nlb-deregistration-delay',
    fail: snapshot({
      targetGroups: [
        auditedTg({
          targetGroup: tg({ protocol: 'TCP', healthCheck: { enabled: true, protocol: 'TCP' } }),
          attributes: { 'deregistration_delay.timeout_seconds': '300' },
        }),
      ],
    }),
    pass: [snapshot({ targetGroups: [auditedTg({ attributes: { 'deregistration_delay.timeout_seconds': '300' } })] })],
  },
  {
    id: 'rules-quota',
    fail: snapshot({
      loadBalancers: [audited({ listeners: withRules([...hosts(50, 'a'), ...hosts(30, 'b'), rule([], ['/health'])]) })],
    }),
    pass: [
      snapshot({ loadBalancers: [audited({ listeners: withRules(hosts(79, 'a')) })] }),
      // The account's quota raised to 200 (Service Quotas).
      snapshot({
        loadBalancers: [audited({ listeners: withRules(hosts(90, 'a')) })],
        quotas: { rulesPerApplicationLoadBalancer: 200 },
      }),
    ],
  },
  {
    id: 'target-groups-quota',
    fail: snapshot({
      targetGroups: Array.from({ length: 80 }, (_, i) =>
        auditedTg({
          targetGroup: tg({ name: `tg${i}`, arn: `${TG_ARN.slice(0, -16)}${String(i).padStart(16, '0')}` }),
        }),
      ),
    }),
    pass: [
      snapshot({
        targetGroups: Array.from({ length: 79 }, (_, i) =>
          auditedTg({
            targetGroup: tg({ name: `tg${i}`, arn: `${TG_ARN.slice(0, -16)}${String(i).padStart(16, '0')}` }),
          }),
        ),
      }),
    ],
  },
  {
    id: 'certificates-quota',
    fail: snapshot({
      loadBalancers: [
        audited({
          listeners: [
            {
              listener: httpsListener({
                certificates: Array.from(
                  { length: 21 },
                  (_, i) => `${CERT_ARN.slice(0, -2)}${String(i).padStart(2, '0')}`,
                ),
              }),
              rules: [],
            },
          ],
        }),
      ],
    }),
    pass: [
      snapshot({
        loadBalancers: [
          audited({
            listeners: [
              {
                listener: httpsListener({
                  certificates: Array.from(
                    { length: 20 },
                    (_, i) => `${CERT_ARN.slice(0, -2)}${String(i).padStart(2, '0')}`,
                  ),
                }),
                rules: [],
              },
            ],
          }),
        ],
      }),
    ],
  },
  {
    id: 'targets-quota',
    fail: snapshot({
      targetGroups: [
        auditedTg({
          health: Array.from({ length: 800 }, (_, i) =>
            target(`10.0.${Math.floor(i / 200)}.${i % 200}`, i % 2 ? 'us-east-1a' : 'us-east-1b'),
          ),
        }),
      ],
    }),
    pass: [
      snapshot({
        targetGroups: [
          auditedTg({
            health: Array.from({ length: 799 }, (_, i) =>
              target(`10.0.${Math.floor(i / 200)}.${i % 200}`, i % 2 ? 'us-east-1a' : 'us-east-1b'),
            ),
          }),
        ],
      }),
    ],
  },
  {
    id: 'classic-plain-listener',
    fail: snapshot({
      classic: [
        classic({
          listeners: [
            { protocol: 'HTTP', port: 80, instanceProtocol: 'HTTP' },
            { protocol: 'HTTPS', port: 443 },
          ],
        }),
      ],
    }),
    pass: [snapshot({ classic: undefined })],
  },
  {
    id: 'classic-no-cross-zone',
    fail: snapshot({ classic: [classic({ crossZone: false })] }),
    pass: [snapshot({ classic: [classic()] })],
  },
  {
    id: 'classic-single-zone',
    fail: snapshot({
      classic: [classic({ availabilityZones: ['us-east-1a'], listeners: [{ protocol: 'TCP', port: 5432 }] })],
    }),
    pass: [snapshot({ classic: [classic()] })],
  },
  {
    id: 'classic-migrate',
    fail: snapshot({ classic: [classic()] }),
    pass: [snapshot({ classic: [] })],
  },
];
