import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elbctl } from '../../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);

type Filtered = { Filters?: Array<{ Values?: string[] }> };
const asked = (input: Filtered) => input.Filters?.[0]?.Values ?? [];
/** An account where every subnet, security group and VPC the stack names exists, in one VPC (10.0.0.0/16). */
function everyReferenceExists(): void {
  ec2.on(DescribeSubnetsCommand).callsFake((input: Filtered) => ({
    Subnets: asked(input).map((id, i) => ({
      SubnetId: id,
      VpcId: 'vpc-0123456789abcdef0',
      AvailabilityZone: `us-east-1${'abc'[i]}`,
    })),
  }));
  ec2.on(DescribeSecurityGroupsCommand).callsFake((input: Filtered) => ({
    SecurityGroups: asked(input).map((id) => ({ GroupId: id, VpcId: 'vpc-0123456789abcdef0' })),
  }));
  ec2.on(DescribeVpcsCommand).callsFake((input: Filtered) => ({
    Vpcs: asked(input).map((id) => ({ VpcId: id, CidrBlock: '10.0.0.0/16' })),
  }));
  ec2.on(DescribeInstancesCommand).callsFake((input: Filtered) => ({
    Reservations: [
      {
        Instances: asked(input).map((id) => ({
          InstanceId: id,
          State: { Name: 'running' },
          VpcId: 'vpc-0123456789abcdef0',
        })),
      },
    ],
  }));
}
const dir = mkdtempSync(join(tmpdir(), 'elbctl-stack-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeEach(() => elbv2.reset());

const BROKEN = `version: 1
stack: shop
loadBalancers:
  - name: shop_web
    type: application
    subnets: [subnet-0123456789abcdef0]
    listeners:
      - port: 443
        protocol: HTTPS
        defaultAction: { forward: apii }
targetGroups:
  - name: api
    protocol: HTTP
    port: 8080
    vpc: vpc-0123456789abcdef0
    colour: blue
`;

describe('validate', () => {
  it('GIVEN a valid example WHEN validated THEN exits 0 with counts and makes no AWS call', async () => {
    const r = await elbctl(['validate', '-f', 'examples/alb-path-routing.yaml', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^examples\/alb-path-routing\.yaml: valid — stack "[a-z0-9-]+": 1 load balancer, 2 listeners, \d+ rules, 3 target groups\n$/,
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN a file with several problems WHEN validated THEN every one is reported with file:line:column and exit 64', async () => {
    const file = write('broken.yaml', BROKEN);
    const r = await elbctl(['validate', '-f', file]);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(r.stderr).toContain(`${file}:4:11: load balancer name "shop_web": underscores are not allowed`);
    expect(r.stderr).toMatch(new RegExp(`${file}:6:14: .*subnets in at least two availability zones`));
    expect(r.stderr).toMatch(new RegExp(`${file}:\\d+:\\d+: .*certificate`));
    expect(r.stderr).toMatch(/"apii".*did you mean "api"/);
    expect(r.stderr).toMatch(new RegExp(`${file}:16:5: .*"colour"`));
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN YAML that does not parse WHEN validated THEN exit 64 with the position', async () => {
    const file = write('syntax.yaml', 'version: 1\nstack: [unclosed\n');
    const r = await elbctl(['validate', '-f', file]);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(new RegExp(`error: ${file}:\\d+:\\d+: yaml: `));
  });

  it('GIVEN a missing file WHEN validated THEN exit 64 naming it', async () => {
    const r = await elbctl(['validate', '-f', join(dir, 'nope.yaml')]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`error: stack file "${join(dir, 'nope.yaml')}": not found; check the path\n`);
  });

  it('GIVEN no -f WHEN validated THEN exit 64 saying to pass one', async () => {
    const r = await elbctl(['validate']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('validate: no stack file; pass -f FILE');
  });
});

describe('plan --offline', () => {
  it('GIVEN an example WHEN planned offline THEN every resource is a create, no AWS call, exit 2 with --detailed-exitcode', async () => {
    const r = await elbctl(['plan', '-f', 'examples/blue-green.yaml', '--offline', '--detailed-exitcode']);
    expect(r.code).toBe(2);
    expect(elbv2.calls()).toHaveLength(0);
    const plan = r.json<{
      version: number;
      stack: string;
      changes: Array<{ action: string; type: string; name: string }>;
      summary: Record<string, number>;
    }>();
    expect(plan.version).toBe(1);
    expect(plan.stack).toBe('checkout');
    expect(new Set(plan.changes.map((c) => c.action))).toEqual(new Set(['create']));
    expect(plan.changes.map((c) => `${c.type}:${c.name}`)).toEqual(
      expect.arrayContaining([
        'load-balancer:checkout',
        'target-group:blue',
        'target-group:green',
        'listener:checkout:80',
        'listener:checkout:443',
      ]),
    );
    expect(plan.summary.create).toBe(plan.changes.length);
  });

  it('GIVEN a table output WHEN planned offline THEN the plan reads with symbols and a summary', async () => {
    const r = await elbctl(['plan', '-f', 'examples/blue-green.yaml', '--offline', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Plan for stack "checkout":');
    expect(r.stdout).toMatch(/\n {2}\+ load-balancer checkout/);
    expect(r.stdout).toMatch(/Plan: \d+ to create\.\n$/);
  });

  it('GIVEN --out WHEN planned offline THEN the saved plan carries the plan, scope and fingerprints', async () => {
    const out = join(dir, 'plan.json');
    const r = await elbctl(['plan', '-f', 'examples/blue-green.yaml', '--offline', '--out', out]);
    expect(r.code).toBe(0);
    const saved = JSON.parse(readFileSync(out, 'utf8'));
    expect(saved).toMatchObject({
      kind: 'elbctl-plan',
      file: 'examples/blue-green.yaml',
      region: 'us-east-1',
      scope: { stack: 'checkout', loadBalancers: ['checkout'], targetGroups: ['blue', 'green'] },
      fingerprints: {},
      plan: { version: 1, stack: 'checkout' },
    });
    expect(r.stderr).toContain(`saved the plan to ${out}`);
  });
});

describe('apply and destroy approvals', () => {
  it('GIVEN no terminal and no -y WHEN apply needs approval THEN exit 64 and no AWS write', async () => {
    // an empty account: everything is a create
    const { DescribeLoadBalancersCommand, DescribeTargetGroupsCommand, DescribeTagsCommand } = await import(
      '@aws-sdk/client-elastic-load-balancing-v2'
    );
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
    elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
    elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
    everyReferenceExists();
    const r = await elbctl(['apply', '-f', 'examples/blue-green.yaml']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'apply stack "checkout": confirmation needed but no terminal to ask on; pass -y to approve',
    );
    expect(r.stderr).toContain('Plan for stack "checkout":');
    expect(
      elbv2
        .calls()
        .map((c) => c.args[0].constructor.name)
        .filter((n) => !/^Describe/.test(n)),
    ).toEqual([]);
  });

  it('GIVEN both -f and --plan WHEN applying THEN exit 64', async () => {
    const r = await elbctl(['apply', '-f', 'a.yaml', '--plan', 'p.json']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('apply: pass either -f FILE or --plan PLAN.json, not both');
  });

  it('GIVEN --region disagreeing with the file WHEN planning THEN exit 64 naming both', async () => {
    const r = await elbctl(['plan', '-f', 'examples/blue-green.yaml', '--region', 'eu-west-1']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('declares region us-east-1 but --region says eu-west-1');
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN apply -o json WHEN one target group is refused THEN stdout still carries done, failed with the reason and skipped with what each waited on, exit 1', async () => {
    const {
      CreateLoadBalancerCommand,
      CreateTargetGroupCommand,
      DescribeLoadBalancersCommand,
      DescribeTargetGroupsCommand,
      DescribeTagsCommand,
    } = await import('@aws-sdk/client-elastic-load-balancing-v2');
    elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
    elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
    elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [] });
    elbv2
      .on(CreateTargetGroupCommand)
      .rejects(Object.assign(new Error('Too many target groups'), { name: 'TooManyTargetGroupsException' }));
    elbv2.on(CreateLoadBalancerCommand).rejects(Object.assign(new Error('Access denied'), { name: 'AccessDenied' }));
    everyReferenceExists();

    const r = await elbctl(['apply', '-f', 'examples/blue-green.yaml', '-y', '-o', 'json', '-q']);

    expect(r.code).toBe(1);
    const out = r.json<{
      done: string[];
      failed: Array<{ id: string }>;
      skipped: Array<{ id: string; waitedOn: string }>;
    }>();
    expect(out.done).toEqual([]);
    expect(out.failed.map((f) => f.id).sort()).toEqual([
      'load-balancer:checkout',
      'target-group:blue',
      'target-group:green',
    ]);
    expect(out.skipped.length).toBeGreaterThan(0);
    for (const s of out.skipped) expect(out.failed.map((f) => f.id)).toContain(s.waitedOn);
    expect(r.stderr).toMatch(/^error: apply: 3 of \d+ changes failed and \d+ were not started; 0 done\n/);
    expect(r.stderr).toContain('not started: listener:checkout:443 (waited on ');
  });

  it('GIVEN a file that weakens a secure default WHEN planned THEN the warning is printed once on stderr, and not at all with -q', async () => {
    const file = write(
      'weak.yaml',
      [
        'version: 1',
        'stack: weak',
        'loadBalancers:',
        '  - name: weak',
        '    type: network',
        '    subnets: [subnet-0123456789abcdef0]',
        '    deletionProtection: false',
        '',
      ].join('\n'),
    );
    const r = await elbctl(['plan', '-f', file, '--offline']);
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('warning:'));
    expect(warnings).toEqual([
      `warning: ${file}:7:25: load balancer "weak": deletion protection is off on an internet-facing load balancer; one mistaken delete takes it offline and loses its DNS name`,
    ]);
    expect(r.stdout).not.toContain('warning: ');
    const quiet = await elbctl(['plan', '-f', file, '--offline', '-q']);
    expect({ code: quiet.code, stderr: quiet.stderr }).toEqual({ code: 0, stderr: '' });
  });
});
