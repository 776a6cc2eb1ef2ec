/**
 * `--query EXPR`: JMESPath over every command's JSON result, applied before formatting, compiled
 * while the flags are read (a bad expression is exit 64 with no AWS call).
 */
import {
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeLoadBalancersCommand as DescribeClassicCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { mockClient } from 'aws-sdk-client-mock';
import { join } from 'node:path';
import { elbctl } from '../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
/** `lb list` also counts the Classic load balancers (its stderr note): none here. */
const classic = mockClient(ElasticLoadBalancingClient);

const PREFIX = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
const sdkLb = (name: string, type: 'application' | 'network', state: string) => ({
  LoadBalancerName: name,
  LoadBalancerArn: `${PREFIX}:loadbalancer/${type === 'application' ? 'app' : 'net'}/${name}/50dc6c495c0c9188`,
  Type: type,
  Scheme: 'internet-facing' as const,
  State: { Code: state as 'active' },
  DNSName: `${name}-1.us-east-1.elb.amazonaws.com`,
  VpcId: 'vpc-0abc1234',
  AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-0aaa1111' }],
});

beforeEach(() => {
  classic.reset();
  classic.on(DescribeClassicCommand).resolves({ LoadBalancerDescriptions: [] });
  elbv2.reset();
  elbv2.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [sdkLb('web', 'application', 'active'), sdkLb('edge', 'network', 'provisioning')],
  });
  elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
});

const QUERY_HINT =
  'hint: write a JMESPath expression such as "[].name" or "[?state==\'active\'].dnsName" (jmespath.org); ' +
  'to match a query string in a rule, use rule add --query-string KEY=VALUE\n';

describe('--query on a result', () => {
  it('GIVEN a projection WHEN -o json THEN prints only the projected values', async () => {
    const r = await elbctl(['lb', 'list', '--query', '[].name', '-o', 'json']);

    expect(r.code).toBe(0);
    expect(r.stdout).toBe('[\n  "edge",\n  "web"\n]\n');
  });

  it('GIVEN a filter and a multiselect hash WHEN -o yaml THEN prints the query value as YAML', async () => {
    const r = await elbctl(['lb', 'list', '--query', "[?state=='active'].{n: name, dns: dnsName}", '-o', 'yaml']);

    expect(r.code).toBe(0);
    expect(r.stdout).toBe('- n: web\n  dns: web-1.us-east-1.elb.amazonaws.com\n');
  });

  it('GIVEN a list of objects WHEN -o table THEN each key is a column, nested values as JSON', async () => {
    const r = await elbctl(['lb', 'list', '--query', '[].{name: name, zones: availabilityZones}', '-o', 'table']);

    expect(r.code).toBe(0);
    expect(r.stdout).toBe('name  zones\nedge  ["us-east-1a"]\nweb   ["us-east-1a"]\n');
  });

  it('GIVEN a list of scalars WHEN -o table THEN one per line', async () => {
    const r = await elbctl(['lb', 'list', '--query', '[].dnsName', '-o', 'table']);

    expect(r.stdout).toBe('edge-1.us-east-1.elb.amazonaws.com\nweb-1.us-east-1.elb.amazonaws.com\n');
  });

  it('GIVEN one object WHEN -o table THEN key/value lines', async () => {
    const r = await elbctl(['lb', 'list', '--query', '[0].{name: name, type: type}', '-o', 'table']);

    expect(r.stdout).toBe('name  edge\ntype  network\n');
  });

  it('GIVEN a scalar WHEN -o table THEN the value alone', async () => {
    const r = await elbctl(['lb', 'list', '--query', 'length(@)', '-o', 'table']);

    expect(r.stdout).toBe('2\n');
  });

  it('GIVEN a command with its own exit code WHEN queried THEN the exit code stays', async () => {
    const file = join(__dirname, '../../examples/alb-path-routing.yaml');
    const r = await elbctl(['plan', '-f', file, '--offline', '--detailed-exitcode', '--query', 'summary.delete']);

    expect(r.code).toBe(2);
    expect(r.stdout).toBe('0\n');
  });

  it('GIVEN an expression that fails on the result WHEN run THEN exit 64 saying the command itself ran', async () => {
    const r = await elbctl(['lb', 'list', '--query', 'abs([0].name)']);

    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: --query "abs\(\[0\]\.name\)": .*number.*\nhint: the command itself ran;/);
  });
});

describe('--query that is not JMESPath', () => {
  it.each([
    ['an unclosed bracket', ['lb', 'list', '--query', '[']],
    ['a query before the command', ['--query', '[].name[', 'lb', 'list']],
  ])('GIVEN %s WHEN run THEN exit 64 before any AWS call', async (_what, args) => {
    const r = await elbctl(args);

    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: --query "\[(\]\.name\[)?": not a JMESPath expression: /);
    expect(r.stderr.endsWith(QUERY_HINT)).toBe(true);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN rule add --query a=b (the old rule condition flag) WHEN run THEN exit 64 pointing at --query-string, no AWS call', async () => {
    const r = await elbctl(['rule', 'add', 'web:443', '--query', 'a=b', '--forward', 'api']);

    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: --query "a=b": not a JMESPath expression: "=" only binds a variable in let $name = … in …; compare with ==\n' +
        QUERY_HINT,
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN control characters and a long expression WHEN refused THEN they are escaped and cut at 60 characters', async () => {
    const r = await elbctl(['lb', 'list', '--query', `\u001b[31m${'x'.repeat(100)}`]);

    expect(r.code).toBe(64);
    expect(r.stderr.split('\n')[0]).toBe(
      `error: --query "\\u001b[31m${'x'.repeat(50)}…": not a JMESPath expression: unknown character: \\u001b`,
    );
    expect(r.stderr).not.toContain('\u001b');
  });

  it('GIVEN a let expression (the one place "=" belongs) WHEN run THEN it is JMESPath', async () => {
    const r = await elbctl(['lb', 'list', '--query', "let $t = 'network' in [?type==$t].name", '-o', 'json']);

    expect(r.code).toBe(0);
    expect(r.stdout).toBe('[\n  "edge"\n]\n');
  });
});
