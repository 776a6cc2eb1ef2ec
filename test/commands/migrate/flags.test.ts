/** `elbctl migrate` refuses bad flags with exit 64 before any AWS call (every client mocked, none called). */
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { Route53Client } from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';

const clients = [
  mockClient(ElasticLoadBalancingClient),
  mockClient(ElasticLoadBalancingV2Client),
  mockClient(Route53Client),
];

beforeEach(() => {
  for (const c of clients) c.reset();
});

describe('migrate: bad input is exit 64 with no AWS call', () => {
  it.each([
    [['--to', 'gateway'], 'error: --to "gateway": write application or network'],
    [['--name', 'bad_name'], 'error: --name: load balancer name "bad_name"'],
    [
      ['--health-path', 'healthz'],
      'error: --health-path "healthz": must begin with / and hold no spaces, e.g. /healthz',
    ],
    [['--parity-timeout', '9999'], 'error: --parity-timeout "9999": must be a whole number of seconds from 0 to 3600'],
    [
      ['--steps', '10,100'],
      'error: --steps, --bake, --interval, --min-requests and --guard shape a cutover; add --cutover route53:ZONE/RECORD',
    ],
    [
      ['--cutover', 'route53:example.com/www'],
      'error: --cutover needs --apply: traffic moves only to a load balancer this run applied and checked',
    ],
    [['--cutover', 'dns:example.com', '--apply'], 'error: --cutover "dns:example.com": write route53:ZONE/RECORD'],
    [['--cutover', 'route53:example.com/www', '--apply', '--guard', 'latency<1'], 'error: guard "latency<1"'],
  ])('GIVEN %j THEN exit 64: %s', async (flags, message) => {
    const r = await elbctl(['migrate', 'web', ...flags, '--region', 'us-east-1']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(message);
    for (const c of clients) expect(c.calls()).toHaveLength(0);
  });
});
