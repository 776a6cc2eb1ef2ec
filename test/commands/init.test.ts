/**
 * `elbctl init`, driven by a scripted prompter that fails on any question it was not told
 * about, with EC2, ACM and ELBv2 mocked. Every written file is loaded back with the stack
 * loader: the wizard must never write a file `elbctl validate` would refuse.
 */
import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type InstanceStateName,
} from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Clock } from '../../src/commands/context';
import { cancelledError } from '../../src/core/errors';
import { loadStack } from '../../src/core/stack/load';
import { buildStackDocument } from '../../src/core/wizard/stack-document';
import {
  defaultLoadBalancerName,
  defaultSecurityGroups,
  defaultStackName,
  defaultSubnets,
  defaultTargetGroupName,
  ruleNameFor,
  subnetSelectionProblem,
  suffixedName,
} from '../../src/core/wizard';
import { ScriptedPrompter } from '../../src/ui/prompter';
import { elbctl as harness, type RunOptions } from '../support/harness';

const ec2 = mockClient(EC2Client);
/** Colour off: the assertions read the words, not the escape codes. */
const elbctl = (args: string[], options: RunOptions = {}) =>
  harness(args, { ...options, env: { NO_COLOR: '1', ...options.env } });
const acm = mockClient(ACMClient);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const NOW = new Date('2024-05-01T12:00:00.000Z');
const clock: Clock = { now: () => NOW, sleep: async () => undefined };
const D = ScriptedPrompter.DEFAULT;

// ------------------------------------------------------------------ the account, as EC2 and ACM describe it

const VPC = 'vpc-0d1e2f3a4b5c6d7e8';
const OTHER_VPC = 'vpc-0aaaabbbbccccdddd';
const SUBNET_A = 'subnet-0a1a1a1a1a1a1a1a1';
const SUBNET_B = 'subnet-0b2b2b2b2b2b2b2b2';
const SUBNET_C = 'subnet-0c3c3c3c3c3c3c3c3';
const SUBNET_A2 = 'subnet-0a4a4a4a4a4a4a4a4';
const SG_DEFAULT = 'sg-0dddddddddddddddd';
const SG_WEB = 'sg-0eeeeeeeeeeeeeeee';
const I_WEB1 = 'i-0123456789abcdef0';
const I_WEB2 = 'i-0123456789abcdef1';
const I_STOPPED = 'i-0fedcba9876543210';
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

const subnet = (id: string, zone: string, cidr: string, vpc = VPC) => ({
  SubnetId: id,
  VpcId: vpc,
  AvailabilityZone: zone,
  CidrBlock: cidr,
});
const SUBNETS = [
  subnet(SUBNET_B, 'us-east-1b', '172.31.16.0/20'),
  subnet(SUBNET_A, 'us-east-1a', '172.31.0.0/20'),
  subnet(SUBNET_C, 'us-east-1c', '172.31.32.0/20'),
  // A second subnet in us-east-1a: not pre-checked (one subnet per zone).
  subnet(SUBNET_A2, 'us-east-1a', '172.31.48.0/20'),
];
const instance = (id: string, state: InstanceStateName, zone: string, ip: string, name?: string) => ({
  InstanceId: id,
  State: { Name: state },
  VpcId: VPC,
  SubnetId: SUBNET_A,
  Placement: { AvailabilityZone: zone },
  PrivateIpAddress: ip,
  ...(name ? { Tags: [{ Key: 'Name', Value: name }] } : {}),
});

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 403 } });
}

interface Account {
  vpcs?: 'default' | 'none-default' | 'denied' | 'empty';
  subnets?: typeof SUBNETS | 'denied';
  instances?: 'some' | 'none' | 'denied';
  certificates?: 'one' | 'none' | 'denied';
  groups?: 'two' | 'denied';
}

function account(a: Account = {}): void {
  const vpcs = a.vpcs ?? 'default';
  if (vpcs === 'denied')
    ec2
      .on(DescribeVpcsCommand)
      .rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
  else {
    ec2.on(DescribeVpcsCommand).resolves({
      Vpcs:
        vpcs === 'empty'
          ? []
          : [
              {
                VpcId: OTHER_VPC,
                CidrBlock: '10.9.0.0/16',
                IsDefault: false,
                Tags: [{ Key: 'Name', Value: 'legacy' }],
              },
              { VpcId: VPC, CidrBlock: '172.31.0.0/16', IsDefault: vpcs === 'default' },
            ],
    });
  }
  const subnets = a.subnets ?? SUBNETS;
  if (subnets === 'denied')
    ec2
      .on(DescribeSubnetsCommand)
      .rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
  else {
    ec2.on(DescribeSubnetsCommand).callsFake((input: { Filters?: Array<{ Values?: string[] }> }) => ({
      Subnets: subnets.filter((s) => input.Filters?.[0]?.Values?.includes(s.VpcId)),
    }));
  }
  if (a.groups === 'denied')
    ec2
      .on(DescribeSecurityGroupsCommand)
      .rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
  else {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        { GroupId: SG_DEFAULT, GroupName: 'default', VpcId: VPC, IpPermissions: [] },
        {
          GroupId: SG_WEB,
          GroupName: 'web-public',
          VpcId: VPC,
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
            { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
        },
      ],
    });
  }
  const instances = a.instances ?? 'some';
  if (instances === 'denied')
    ec2
      .on(DescribeInstancesCommand)
      .rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
  else {
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations:
        instances === 'none'
          ? []
          : [
              {
                Instances: [
                  instance(I_WEB1, 'running', 'us-east-1a', '172.31.1.10', 'web-1'),
                  instance(I_WEB2, 'running', 'us-east-1b', '172.31.17.10', 'web-2'),
                  instance(I_STOPPED, 'stopped', 'us-east-1a', '172.31.1.11', 'old'),
                ],
              },
            ],
    });
  }
  const certificates = a.certificates ?? 'none';
  if (certificates === 'denied')
    acm
      .on(ListCertificatesCommand)
      .rejects(awsError('AccessDeniedException', 'User is not authorized to perform: acm:ListCertificates'));
  else {
    acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList:
        certificates === 'one'
          ? [{ CertificateArn: CERT, DomainName: 'shop.example.com', Status: 'ISSUED', KeyAlgorithm: 'RSA_2048' }]
          : [],
    });
  }
  // An empty account as far as ELBv2 goes: the plan creates everything.
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
  elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: [] });
}

/** A directory named `shop`, so the default stack name is "shop". */
function workdir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'elbctl-init-')), 'shop');
  mkdirSync(dir);
  return dir;
}

const MUTATING = [
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  CreateListenerCommand,
  CreateRuleCommand,
  RegisterTargetsCommand,
];

function expectNothingCreated(): void {
  for (const command of MUTATING) expect(elbv2).not.toHaveReceivedCommand(command as typeof CreateLoadBalancerCommand);
}

function loadWritten(file: string) {
  const text = readFileSync(file, 'utf8');
  const loaded = loadStack(text, file);
  if (!loaded.ok)
    throw new Error(
      `the written file does not validate:\n${loaded.problems.map((p) => `${p.line}:${p.column}: ${p.message}`).join('\n')}\n${text}`,
    );
  return { text, document: parse(text) as Record<string, unknown>, loaded };
}

/** Enter at every question of the application load balancer flow, then an answer to "Apply now?". */
function enterEverywhere(apply: unknown = false) {
  return [
    { match: 'Stack name', answer: D },
    { match: 'Load balancer type', answer: D },
    { match: 'Load balancer name', answer: D },
    { match: 'Scheme', answer: D },
    { match: 'VPC', answer: D },
    { match: 'Subnets', answer: D },
    { match: 'Security groups', answer: D },
    { match: 'Listeners', answer: D },
    { match: 'Target group name', answer: D },
    { match: 'Protocol of shop-web', answer: D },
    { match: 'Port the targets of shop-web listen on', answer: D },
    { match: 'Health check path of shop-web', answer: D },
    { match: 'Add another target group?', answer: D },
    { match: 'Targets of shop-web', answer: D },
    { match: 'Instances to register in shop-web', answer: D },
    { match: 'Turn cross-zone off', answer: D },
    { match: 'Apply now?', answer: apply },
  ];
}

beforeEach(() => {
  ec2.reset();
  acm.reset();
  elbv2.reset();
});

// ------------------------------------------------------------------ the whole flow

describe('init: the application load balancer flow', () => {
  it('GIVEN a default VPC with instances and no certificate WHEN Enter is pressed at every prompt and "Apply now?" is declined THEN a valid HTTP stack in the default VPC is written and nothing is created', async () => {
    account();
    const dir = workdir();
    const file = join(dir, 'elbctl.yaml');
    const prompter = new ScriptedPrompter(enterEverywhere(false));

    const r = await elbctl(['init', '-f', file], { tty: true, prompter, clock });

    expect(r.stderr).not.toContain('error:');
    expect(r.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    expect(r.stdout).toBe(`wrote ${file}; not applied. Apply it when ready: elbctl apply -f ${file}\n`);
    // What was offered: the default VPC preselected, one subnet per zone, the group open to the world.
    const offered = (match: string) => prompter.prompts.find((p) => p.message.startsWith(match));
    expect(offered('VPC')).toMatchObject({ default: VPC, choices: [OTHER_VPC, VPC] });
    expect(offered('Subnets')).toMatchObject({
      checked: [SUBNET_A, SUBNET_B, SUBNET_C],
      choices: [SUBNET_A, SUBNET_A2, SUBNET_B, SUBNET_C],
    });
    expect(offered('Security groups')).toMatchObject({ checked: [SG_WEB] });
    expect(offered('Listeners')).toMatchObject({ default: 'http', choices: ['type', 'http'] });
    expect(offered('Instances to register')).toMatchObject({ choices: [I_WEB1, I_WEB2], checked: [] });

    const { document, text, loaded } = loadWritten(file);
    expect(text.startsWith('# Written by `elbctl init` on 2024-05-01T12:00:00.000Z.')).toBe(true);
    expect(document).toEqual({
      version: 1,
      stack: 'shop',
      region: 'us-east-1',
      loadBalancers: [
        {
          name: 'shop-alb',
          type: 'application',
          scheme: 'internet-facing',
          subnets: [SUBNET_A, SUBNET_B, SUBNET_C],
          securityGroups: [SG_WEB],
          listeners: [{ port: 80, protocol: 'HTTP', defaultAction: { forward: 'shop-web' } }],
        },
      ],
      targetGroups: [
        { name: 'shop-web', protocol: 'HTTP', port: 80, vpc: VPC, targetType: 'instance', healthCheck: { path: '/' } },
      ],
    });
    expect(loaded.warnings).toEqual([]);
    // The plan was printed with the same renderer as `plan`, before the question.
    // The summary, then the plan rendered as `plan` renders it (the question follows it).
    const summaryAt = r.stderr.indexOf(`Stack "shop" → ${file} (region us-east-1)`);
    const planAt = r.stderr.indexOf('Plan for stack "shop":');
    expect(summaryAt).toBeGreaterThanOrEqual(0);
    expect(planAt).toBeGreaterThan(summaryAt);
    expect(r.stderr).toContain('\nPlan: 4 to create.\n');
    expect(r.stderr).toContain('Cross-zone load balancing is always on for an application load balancer');
    expect(r.stderr).toContain('no issued ACM certificate in us-east-1');
    expect(ec2).toHaveReceivedCommandWith(DescribeSubnetsCommand, { Filters: [{ Name: 'vpc-id', Values: [VPC] }] });
    expect(ec2).toHaveReceivedCommandWith(DescribeInstancesCommand, { Filters: [{ Name: 'vpc-id', Values: [VPC] }] });
    expect(acm).toHaveReceivedCommandWith(ListCertificatesCommand, { CertificateStatuses: ['ISSUED'] });
    expectNothingCreated();
  });

  it('GIVEN an invalid stack name, then an invalid target group name WHEN typed THEN each is asked again with the reason, and the corrected names are used', async () => {
    account();
    const file = join(workdir(), 'elbctl.yaml');
    const script = enterEverywhere(false);
    script.splice(0, 1, { match: 'Stack name', answer: 'my_shop' }, { match: 'Stack name', answer: 'myshop' });
    const tgAt = script.findIndex((s) => s.match === 'Target group name');
    script.splice(
      tgAt,
      1,
      { match: 'Target group name', answer: '-api' },
      { match: 'Target group name', answer: 'api' },
    );
    for (const s of script) if (typeof s.match === 'string') s.match = s.match.replace('shop-web', 'api');
    const prompter = new ScriptedPrompter(script);

    const r = await elbctl(['init', '-f', file], { tty: true, prompter, clock });

    expect(r.stderr).not.toContain('error:');
    expect(r.code).toBe(0);
    expect(prompter.rejected).toEqual([
      {
        message: 'Stack name',
        answer: 'my_shop',
        problem: 'stack name "my_shop": underscores are not allowed; use letters, digits and hyphens',
      },
      {
        message: 'Target group name',
        answer: '-api',
        problem: 'target group name "-api": must not begin or end with a hyphen; remove the hyphen',
      },
    ]);
    // The load balancer's default name follows the corrected stack name.
    expect(prompter.prompts.find((p) => p.message === 'Load balancer name')?.default).toBe('myshop-alb');
    const { document } = loadWritten(file);
    expect(document).toMatchObject({
      stack: 'myshop',
      loadBalancers: [{ name: 'myshop-alb' }],
      targetGroups: [{ name: 'api' }],
    });
  });

  it('GIVEN an issued certificate and running instances WHEN HTTPS, two target groups, a path rule, instances and IP targets are chosen THEN the file redirects HTTP to HTTPS and routes /api/* by rule at priority 10', async () => {
    account({ certificates: 'one' });
    const file = join(workdir(), 'elbctl.yaml');
    const prompter = new ScriptedPrompter([
      { match: 'Stack name', answer: D },
      { match: 'Load balancer type', answer: 'application' },
      { match: 'Load balancer name', answer: 'shop-web' },
      { match: 'Scheme', answer: D },
      { match: 'VPC', answer: D },
      { match: 'Subnets', answer: [SUBNET_A, SUBNET_B] },
      { match: 'Security groups', answer: [SG_WEB, SG_DEFAULT] },
      { match: 'Listeners', answer: D },
      { match: 'Target group name', answer: D },
      { match: 'Protocol of shop-web', answer: D },
      { match: 'Port the targets of shop-web listen on', answer: '8080' },
      { match: 'Health check path of shop-web', answer: 'healthz' },
      { match: 'Health check path of shop-web', answer: '/healthz' },
      { match: 'Add another target group?', answer: true },
      { match: 'Next target group name', answer: 'shop-api' },
      { match: 'Protocol of shop-api', answer: 'HTTP' },
      { match: 'Port the targets of shop-api listen on', answer: '9000' },
      { match: 'Health check path of shop-api', answer: '/api/health' },
      { match: 'Add another target group?', answer: false },
      { match: 'Targets of shop-web', answer: 'instance' },
      { match: 'Instances to register in shop-web', answer: [I_WEB1, I_WEB2] },
      { match: 'Targets of shop-api', answer: 'ip' },
      { match: 'IP addresses for shop-api', answer: '10.0.1.5, 300.1.1.1' },
      { match: 'IP addresses for shop-api', answer: '172.31.1.20, 172.31.17.20:9001' },
      { match: 'Add a routing rule?', answer: D },
      { match: 'Route by', answer: D },
      { match: 'Path patterns', answer: D },
      { match: 'Send matching requests to', answer: D },
      { match: 'Add another routing rule?', answer: D },
      { match: 'Turn cross-zone off', answer: D },
      { match: 'Apply now?', answer: false },
    ]);

    const r = await elbctl(['init', '-f', file], { tty: true, prompter, clock });

    expect(r.stderr).not.toContain('error:');
    expect(r.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    expect(prompter.rejected.map((x) => x.problem)).toEqual([
      'health check path "healthz": must begin with "/"; write "/healthz"',
      'target "300.1.1.1": "300.1.1.1" is not an IPv4 address (each part is 0-255); correct the address',
    ]);
    const offered = (match: string) => prompter.prompts.find((p) => p.message.startsWith(match));
    expect(offered('Listeners')).toMatchObject({ default: CERT, choices: [CERT, 'type', 'http'] });
    expect(offered('Path patterns')).toMatchObject({ default: '/api/*' });
    expect(offered('Send matching requests to')).toMatchObject({
      default: 'shop-api',
      choices: ['shop-web', 'shop-api'],
    });
    expect(offered('Add another routing rule?')).toMatchObject({ default: false });

    const { document } = loadWritten(file);
    expect(document).toEqual({
      version: 1,
      stack: 'shop',
      region: 'us-east-1',
      loadBalancers: [
        {
          name: 'shop-web',
          type: 'application',
          scheme: 'internet-facing',
          subnets: [SUBNET_A, SUBNET_B],
          securityGroups: [SG_WEB, SG_DEFAULT],
          listeners: [
            {
              port: 80,
              protocol: 'HTTP',
              defaultAction: { redirect: { protocol: 'HTTPS', port: 443, statusCode: 301 } },
            },
            {
              port: 443,
              protocol: 'HTTPS',
              certificates: [CERT],
              defaultAction: { forward: 'shop-web' },
              rules: [
                { name: 'path-api', priority: 10, conditions: { path: ['/api/*'] }, action: { forward: 'shop-api' } },
              ],
            },
          ],
        },
      ],
      targetGroups: [
        {
          name: 'shop-web',
          protocol: 'HTTP',
          port: 8080,
          vpc: VPC,
          targetType: 'instance',
          healthCheck: { path: '/healthz' },
          targets: [{ id: I_WEB1 }, { id: I_WEB2 }],
        },
        {
          name: 'shop-api',
          protocol: 'HTTP',
          port: 9000,
          vpc: VPC,
          targetType: 'ip',
          healthCheck: { path: '/api/health' },
          targets: [{ id: '172.31.1.20' }, { id: '172.31.17.20', port: 9001 }],
        },
      ],
    });
    expectNothingCreated();
  });

  it('GIVEN "Apply now?" answered yes WHEN the wizard ends THEN the plan goes through the stack engine: the load balancer, target group, listener and registrations are created and the DNS name is reported', async () => {
    account();
    const file = join(workdir(), 'elbctl.yaml');
    const script = enterEverywhere(true);
    script.splice(
      script.findIndex((s) => s.match === 'Instances to register in shop-web'),
      1,
      { match: 'Instances to register in shop-web', answer: [I_WEB1] },
    );
    const prompter = new ScriptedPrompter(script);
    const ACCOUNT = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';
    const LB_ARN = `${ACCOUNT}:loadbalancer/app/shop-alb/50dc6c495c0c9188`;
    const TG_ARN = `${ACCOUNT}:targetgroup/shop-web/73e2d6bc24d8a067`;
    const created = {
      LoadBalancerName: 'shop-alb',
      LoadBalancerArn: LB_ARN,
      Type: 'application' as const,
      Scheme: 'internet-facing' as const,
      State: { Code: 'active' as const },
      DNSName: 'shop-alb-123456.us-east-1.elb.amazonaws.com',
      VpcId: VPC,
    };
    elbv2.on(DescribeLoadBalancersCommand, { Names: ['shop-alb'] }).resolves({ LoadBalancers: [created] });
    elbv2.on(CreateLoadBalancerCommand).resolves({ LoadBalancers: [created] });
    elbv2.on(CreateTargetGroupCommand).resolves({
      TargetGroups: [{ TargetGroupName: 'shop-web', TargetGroupArn: TG_ARN, Protocol: 'HTTP', Port: 80, VpcId: VPC }],
    });
    elbv2.on(CreateListenerCommand).resolves({
      Listeners: [
        {
          ListenerArn: `${ACCOUNT}:listener/app/shop-alb/50dc6c495c0c9188/f2f7dc8efc522ab2`,
          Port: 80,
          Protocol: 'HTTP',
        },
      ],
    });
    elbv2.on(ModifyLoadBalancerAttributesCommand).resolves({});
    elbv2.on(RegisterTargetsCommand).resolves({});

    const r = await elbctl(['init', '-f', file, '-o', 'json'], { tty: true, prompter, clock });

    expect(r.stderr).not.toContain('error:');
    expect(r.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    expect(prompter.prompts.find((p) => p.message === 'Apply now?')).toEqual({
      kind: 'confirm',
      message: 'Apply now?',
      default: false,
    });
    expect(existsSync(file)).toBe(true);
    expect(elbv2).toHaveReceivedCommandTimes(CreateLoadBalancerCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(CreateLoadBalancerCommand, {
      Name: 'shop-alb',
      Type: 'application',
      Scheme: 'internet-facing',
      Subnets: [SUBNET_A, SUBNET_B, SUBNET_C],
      SecurityGroups: [SG_WEB],
    });
    expect(elbv2).toHaveReceivedCommandWith(CreateTargetGroupCommand, {
      Name: 'shop-web',
      Protocol: 'HTTP',
      Port: 80,
      VpcId: VPC,
      TargetType: 'instance',
    });
    expect(elbv2).toHaveReceivedCommandWith(CreateListenerCommand, {
      LoadBalancerArn: LB_ARN,
      Protocol: 'HTTP',
      Port: 80,
    });
    expect(elbv2).toHaveReceivedCommandWith(RegisterTargetsCommand, {
      TargetGroupArn: TG_ARN,
      Targets: [{ Id: I_WEB1, Port: 80 }],
    });
    expect(r.json()).toMatchObject({
      file,
      stack: 'shop',
      applied: true,
      failed: [],
      dnsName: 'shop-alb-123456.us-east-1.elb.amazonaws.com',
    });
    expect(r.stderr).toMatch(/✓ .*shop-alb/);
  });
});

describe('init: the network load balancer flow', () => {
  it('GIVEN no certificate and no running instance WHEN a TCP and a TLS listener, two TCP target groups, typed targets and cross-zone on are chosen THEN the file maps each listener to its target group and turns cross-zone on', async () => {
    account({ instances: 'none' });
    const file = join(workdir(), 'data.yaml');
    const prompter = new ScriptedPrompter([
      { match: 'Stack name', answer: 'data' },
      { match: 'Load balancer type', answer: 'network' },
      { match: 'Load balancer name', answer: D },
      { match: 'Scheme', answer: 'internal' },
      { match: 'VPC', answer: D },
      { match: 'Subnets (one per zone)', answer: [SUBNET_A, SUBNET_A2] },
      { match: 'Subnets (one per zone)', answer: [SUBNET_A] },
      { match: 'Listener protocol', answer: 'TCP' },
      { match: 'Listener port', answer: '5432' },
      { match: 'Add another listener?', answer: true },
      { match: 'Next listener protocol', answer: 'TLS' },
      { match: 'Listener port', answer: '5432' },
      { match: 'Listener port', answer: D },
      { match: 'Certificate', answer: 'type' },
      { match: 'Certificate ARN', answer: CERT },
      { match: 'Add another listener?', answer: false },
      { match: 'Target group name', answer: D },
      { match: 'Protocol of data-tcp', answer: D },
      { match: 'Port the targets of data-tcp listen on', answer: D },
      { match: 'Health check path of data-tcp', answer: D },
      { match: 'Add another target group?', answer: true },
      { match: 'Next target group name', answer: 'data-tcp' },
      { match: 'Next target group name', answer: 'data-app' },
      { match: 'Protocol of data-app', answer: 'TCP' },
      { match: 'Port the targets of data-app listen on', answer: '8443' },
      { match: 'Health check path of data-app', answer: '/ready' },
      { match: 'Add another target group?', answer: false },
      { match: 'Targets of data-tcp', answer: 'ip' },
      { match: 'IP addresses for data-tcp', answer: '10.0.1.20 10.0.2.20' },
      { match: 'Targets of data-app', answer: 'instance' },
      { match: 'Instance IDs for data-app', answer: 'i-123' },
      { match: 'Instance IDs for data-app', answer: `${I_WEB1}:9443` },
      { match: 'Listener TCP 5432 forwards to', answer: D },
      { match: 'Listener TLS 443 forwards to', answer: 'data-app' },
      { match: 'Turn cross-zone on', answer: true },
      { match: 'Apply now?', answer: false },
    ]);

    const r = await elbctl(['init', '-f', file], { tty: true, prompter, clock });

    expect(r.stderr).not.toContain('error:');
    expect(r.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    expect(prompter.rejected.map((x) => x.problem)).toEqual([
      `subnets ${SUBNET_A} and ${SUBNET_A2}: both are in us-east-1a; a load balancer takes one subnet per zone, keep one of them`,
      'listener port 5432: already has a listener; a load balancer has one listener per port, choose another',
      'target group name "data-tcp": already used in this stack; choose another name',
      'target "i-123": "i-123" is not an instance ID (i- and 8 or 17 lowercase hex digits); use e.g. i-0123456789abcdef0',
    ]);
    // A TCP listener forwards to TCP target groups only: TLS is not offered for them.
    expect(prompter.prompts.find((p) => p.message === 'Protocol of data-tcp')?.choices).toEqual(['TCP']);
    expect(r.stderr).toContain(`There are no running instances in ${VPC}`);
    expect(r.stderr).toContain('traffic between zones is billed as inter-AZ data transfer');
    const { document } = loadWritten(file);
    expect(document).toEqual({
      version: 1,
      stack: 'data',
      region: 'us-east-1',
      loadBalancers: [
        {
          name: 'data-nlb',
          type: 'network',
          scheme: 'internal',
          subnets: [SUBNET_A],
          crossZone: true,
          listeners: [
            { port: 5432, protocol: 'TCP', defaultAction: { forward: 'data-tcp' } },
            { port: 443, protocol: 'TLS', certificates: [CERT], defaultAction: { forward: 'data-app' } },
          ],
        },
      ],
      targetGroups: [
        {
          name: 'data-tcp',
          protocol: 'TCP',
          port: 5432,
          vpc: VPC,
          targetType: 'ip',
          targets: [{ id: '10.0.1.20' }, { id: '10.0.2.20' }],
        },
        {
          name: 'data-app',
          protocol: 'TCP',
          port: 8443,
          vpc: VPC,
          targetType: 'instance',
          healthCheck: { protocol: 'HTTP', path: '/ready' },
          targets: [{ id: I_WEB1, port: 9443 }],
        },
      ],
    });
    expectNothingCreated();
  });
});

describe('init: when discovery cannot help', () => {
  it('GIVEN EC2 and ACM deny every lookup WHEN the wizard runs THEN it says so plainly and takes typed IDs, each checked', async () => {
    account({ vpcs: 'denied', subnets: 'denied', groups: 'denied', instances: 'denied', certificates: 'denied' });
    const file = join(workdir(), 'elbctl.yaml');
    const script = [
      { match: 'Stack name', answer: D },
      { match: 'Load balancer type', answer: D },
      { match: 'Load balancer name', answer: D },
      { match: 'Scheme', answer: D },
      { match: 'VPC ID', answer: 'vpc-nope' },
      { match: 'VPC ID', answer: VPC },
      { match: 'Subnet IDs', answer: SUBNET_A },
      { match: 'Subnet IDs', answer: `${SUBNET_A}, ${SUBNET_B}` },
      { match: 'Security group IDs', answer: D },
      { match: 'Listeners', answer: 'type' },
      { match: 'Certificate ARN', answer: CERT },
      { match: 'Target group name', answer: D },
      { match: 'Protocol of shop-web', answer: D },
      { match: 'Port the targets of shop-web listen on', answer: D },
      { match: 'Health check path of shop-web', answer: D },
      { match: 'Add another target group?', answer: D },
      { match: 'Targets of shop-web', answer: D },
      { match: 'Instance IDs for shop-web', answer: I_WEB1 },
      { match: 'Turn cross-zone off', answer: D },
      { match: 'Apply now?', answer: false },
    ];
    const prompter = new ScriptedPrompter(script);

    const r = await elbctl(['init', '-f', file], { tty: true, prompter, clock });

    expect(r.stderr).not.toContain('error:');
    expect(r.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    expect(r.stderr).toContain(
      'warning: list VPCs: access denied by AWS (UnauthorizedOperation: you are not authorized to perform this operation); type the VPC ID instead',
    );
    expect(r.stderr).toContain('; type the subnet IDs instead');
    expect(r.stderr).toContain('; type the security group IDs instead');
    expect(r.stderr).toContain('warning: list ACM certificates: access denied by AWS (AccessDeniedException');
    expect(r.stderr).toContain('; type instance IDs or IP addresses instead');
    expect(prompter.rejected.map((x) => x.problem)).toEqual([
      'VPC "vpc-nope": not a VPC ID; use an ID such as vpc-0123456789abcdef0',
      'subnets: an application load balancer needs subnets in at least two availability zones, 1 given; add a subnet in another zone',
    ]);
    const { document } = loadWritten(file);
    expect(document).toMatchObject({
      loadBalancers: [
        {
          subnets: [SUBNET_A, SUBNET_B],
          listeners: [{ port: 80 }, { port: 443, certificates: [CERT] }],
        },
      ],
      targetGroups: [{ vpc: VPC, targets: [{ id: I_WEB1 }] }],
    });
    expect((document.loadBalancers as Array<Record<string, unknown>>)[0]).not.toHaveProperty('securityGroups');
  });

  it('GIVEN an application load balancer and a VPC with subnets in one zone only WHEN "use a network load balancer" is chosen THEN the type and the default name follow', async () => {
    account({ subnets: [subnet(SUBNET_A, 'us-east-1a', '172.31.0.0/20')] });
    const file = join(workdir(), 'elbctl.yaml');
    const prompter = new ScriptedPrompter([
      { match: 'Stack name', answer: D },
      { match: 'Load balancer type', answer: D },
      { match: 'Load balancer name', answer: D },
      { match: 'Scheme', answer: D },
      { match: 'VPC', answer: D },
      { match: 'What now?', answer: 'network' },
      { match: 'Subnets (one per zone)', answer: D },
      { match: 'Listener protocol', answer: D },
      { match: 'Listener port', answer: D },
      { match: 'Add another listener?', answer: D },
      { match: 'Target group name', answer: D },
      { match: 'Protocol of shop-tcp', answer: D },
      { match: 'Port the targets of shop-tcp listen on', answer: D },
      { match: 'Health check path of shop-tcp', answer: D },
      { match: 'Add another target group?', answer: D },
      { match: 'Targets of shop-tcp', answer: D },
      { match: 'Instances to register in shop-tcp', answer: D },
      { match: 'Turn cross-zone on', answer: D },
      { match: 'Apply now?', answer: false },
    ]);

    const r = await elbctl(['init', '-f', file], { tty: true, prompter, clock });

    expect(r.stderr).not.toContain('error:');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `warning: ${VPC} has subnets in one availability zone only (us-east-1a); an application load balancer needs two`,
    );
    expect(prompter.prompts.find((p) => p.message === 'What now?')?.choices).toEqual(['vpc', 'network', 'type']);
    const { document } = loadWritten(file);
    expect(document).toMatchObject({
      loadBalancers: [
        {
          name: 'shop-nlb',
          type: 'network',
          subnets: [SUBNET_A],
          listeners: [{ port: 80, protocol: 'TCP', defaultAction: { forward: 'shop-tcp' } }],
        },
      ],
      targetGroups: [{ name: 'shop-tcp', protocol: 'TCP', port: 80 }],
    });
  });
});

describe('init: cancelling, overwriting, no terminal', () => {
  it('GIVEN no terminal and no --defaults WHEN init runs THEN exit 64 saying to pass --defaults or write a stack file, with no AWS call', async () => {
    account();
    const file = join(workdir(), 'elbctl.yaml');
    const r = await elbctl(['init', '-f', file]);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: init: the wizard asks questions, but there is no terminal to ask on (or input is off)\n' +
        'hint: pass --defaults to take every default answer, or write a stack file and run `elbctl apply -f FILE`\n',
    );
    expect(ec2.calls()).toHaveLength(0);
    expect(elbv2.calls()).toHaveLength(0);
    expect(existsSync(file)).toBe(false);
  });

  it('GIVEN an existing file WHEN overwriting is declined THEN exit 130, the file is untouched and AWS is never asked', async () => {
    account();
    const file = join(workdir(), 'elbctl.yaml');
    writeFileSync(file, 'mine\n');
    const prompter = new ScriptedPrompter([
      { match: `${file} exists; overwrite it with the new stack?`, answer: false },
    ]);

    const r = await elbctl(['init', '-f', file], { tty: true, prompter, clock });

    expect(r.code).toBe(130);
    expect(r.stderr).toContain(`error: init "${file}": declined, nothing was changed`);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    expect(ec2.calls()).toHaveLength(0);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it.each([
    ['the first question', 'Stack name', 0],
    ['the subnets', 'Subnets', 5],
    ['"Apply now?"', 'Apply now?', 16],
  ])(
    'GIVEN Ctrl-C at %s WHEN the prompt is cancelled THEN exit 130, no file is written and nothing is created',
    async (_at, match, index) => {
      account();
      const file = join(workdir(), 'elbctl.yaml');
      const script = enterEverywhere(false).slice(0, index + 1);
      expect(script[index]?.match).toBe(match);
      (script[index] as { answer: unknown }).answer = cancelledError('cancelled at the prompt: nothing was changed');
      const prompter = new ScriptedPrompter(script);

      const r = await elbctl(['init', '-f', file], { tty: true, prompter, clock });

      expect(r.code).toBe(130);
      expect(r.stderr).toContain('error: cancelled at the prompt: nothing was changed');
      expect(existsSync(file)).toBe(false);
      expectNothingCreated();
    },
  );
});

describe('init --defaults', () => {
  it('GIVEN a default VPC WHEN run without a terminal and without -y THEN nothing is asked, the file is written, the plan is shown and nothing is applied', async () => {
    account();
    const file = join(workdir(), 'elbctl.yaml');
    const prompter = new ScriptedPrompter(); // any question fails the run

    const r = await elbctl(['init', '--defaults', '-f', file], { prompter, clock });

    expect(r.stderr).not.toContain('error:');
    expect(r.code).toBe(0);
    expect(prompter.asked).toEqual([]);
    expect(r.json()).toEqual({
      file,
      stack: 'shop',
      applied: false,
      summary: { create: 4, update: 0, delete: 0, replace: 0, move: 0, adopt: 0 },
    });
    expect(r.stderr).toContain('Plan for stack "shop":');
    const { document } = loadWritten(file);
    expect(document).toMatchObject({
      stack: 'shop',
      loadBalancers: [{ name: 'shop-alb', subnets: [SUBNET_A, SUBNET_B, SUBNET_C], securityGroups: [SG_WEB] }],
      targetGroups: [{ name: 'shop-web' }],
    });
    expectNothingCreated();
  });

  it('GIVEN no default VPC WHEN run with --defaults THEN exit 64 explaining that only a person can choose, and no file', async () => {
    account({ vpcs: 'none-default' });
    const file = join(workdir(), 'elbctl.yaml');
    const r = await elbctl(['init', '--defaults', '-f', file], { clock });
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: init --defaults: there is no default VPC in us-east-1, so there is no default to take\n',
    );
    expect(r.stderr).toContain('hint: run `elbctl init` on a terminal to choose');
    expect(existsSync(file)).toBe(false);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN the default VPC has one zone WHEN run with --defaults THEN exit 64 naming the zone and the ways out', async () => {
    account({ subnets: [subnet(SUBNET_A, 'us-east-1a', '172.31.0.0/20')] });
    const file = join(workdir(), 'elbctl.yaml');
    const r = await elbctl(['init', '--defaults', '-f', file], { clock });
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      `error: init --defaults: ${VPC} has subnets in one availability zone only (us-east-1a), and an application load balancer needs two; add a subnet in another zone, or choose a network load balancer or another VPC\n`,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('GIVEN EC2 denies DescribeVpcs WHEN run with --defaults THEN exit 77 with the access-denied message (no one can type the ID)', async () => {
    account({ vpcs: 'denied' });
    const file = join(workdir(), 'elbctl.yaml');
    const r = await elbctl(['init', '--defaults', '-f', file], { clock });
    expect(r.code).toBe(77);
    expect(r.stderr).toContain('error: list VPCs: access denied by AWS (UnauthorizedOperation');
    expect(existsSync(file)).toBe(false);
  });

  it('GIVEN an existing file WHEN run with --defaults and no -y THEN exit 64 before any AWS call, the file untouched', async () => {
    account();
    const file = join(workdir(), 'elbctl.yaml');
    writeFileSync(file, 'mine\n');
    const r = await elbctl(['init', '--defaults', '-f', file], { clock });
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      `error: file "${file}": exists, and --defaults never overwrites without -y\nhint: pass -y to overwrite it, or -f to write another file\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    expect(ec2.calls()).toHaveLength(0);
  });

  it('GIVEN -f in a directory that does not exist WHEN init runs THEN exit 64 naming it, with no AWS call', async () => {
    const file = join(workdir(), 'missing', 'elbctl.yaml');
    const r = await elbctl(['init', '--defaults', '-f', file], { clock });
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`does not exist; create it or write elsewhere`);
    expect(ec2.calls()).toHaveLength(0);
  });
});

// ------------------------------------------------------------------ the pure parts (src/core/wizard.ts)

describe('wizard naming and defaults', () => {
  it.each([
    ['shop', 'shop'],
    ['My Shop_2', 'my-shop-2'],
    ['---', 'web'],
    ['', 'web'],
    ['a-very-long-directory-name-for-a-project', 'a-very-long-directory-na'],
  ])('GIVEN the directory %j THEN the default stack name is %j', (dir, expected) => {
    expect(defaultStackName(dir)).toBe(expected);
  });

  it('GIVEN stack names THEN derived names stay valid: within 32 characters, never "internal-"', () => {
    expect(defaultLoadBalancerName('shop', 'application')).toBe('shop-alb');
    expect(defaultLoadBalancerName('shop', 'network')).toBe('shop-nlb');
    expect(defaultLoadBalancerName('internal', 'application')).toBe('alb-internal');
    expect(defaultLoadBalancerName('internal-tools', 'network')).toBe('nlb-internal-tools');
    expect(suffixedName('abcdefghijklmnopqrstuvwxyz-abcdef', 'alb')).toBe(
      `${'abcdefghijklmnopqrstuvwxyz-abcd-alb'.slice(0, 28).replace(/-+$/, '')}-alb`,
    );
    expect(suffixedName('abcdefghijklmnopqrstuvwxyz-abcdef', 'alb').length).toBeLessThanOrEqual(32);
    expect(defaultTargetGroupName('shop', 'application', 0, new Set())).toBe('shop-web');
    expect(defaultTargetGroupName('shop', 'application', 1, new Set(['shop-web']))).toBe('shop-tg2');
    expect(defaultTargetGroupName('shop', 'network', 1, new Set(['shop-tcp', 'shop-tg2']))).toBe('shop-tg3');
    expect(ruleNameFor('path', ['/api/*'], new Set())).toBe('path-api');
    expect(ruleNameFor('path', ['/api/*'], new Set(['path-api']))).toBe('path-api-2');
    expect(ruleNameFor('host', ['admin.example.com'], new Set())).toBe('host-admin-example-com');
  });

  it('GIVEN subnets THEN one per zone is pre-checked, and a choice is refused with the reason', () => {
    const subnets = [
      { id: 'subnet-b', availabilityZone: 'us-east-1b' },
      { id: 'subnet-a2', availabilityZone: 'us-east-1a' },
      { id: 'subnet-a1', availabilityZone: 'us-east-1a' },
    ];
    expect(defaultSubnets(subnets).map((s) => s.id)).toEqual(['subnet-a1', 'subnet-b']);
    expect(subnetSelectionProblem('application', [subnets[0] as (typeof subnets)[0]])).toBe(
      'subnets: an application load balancer needs subnets in at least two availability zones, 1 chosen; add a subnet in another zone',
    );
    expect(subnetSelectionProblem('network', [subnets[0] as (typeof subnets)[0]])).toBeUndefined();
    expect(subnetSelectionProblem('network', [])).toBe(
      'subnets: none chosen; choose one subnet in each zone the load balancer should serve',
    );
  });

  it('GIVEN security groups THEN an internet-facing load balancer pre-checks those open to the world, else the default group', () => {
    const groups = [
      { id: 'sg-1', name: 'default', ingress: [] },
      { id: 'sg-2', name: 'all', ingress: [{ protocol: '-1', cidrs: ['::/0'] }] },
      { id: 'sg-3', name: 'ssh', ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: ['0.0.0.0/0'] }] },
    ];
    expect(defaultSecurityGroups(groups, 'internet-facing', [80, 443])).toEqual(['sg-2']);
    expect(defaultSecurityGroups(groups, 'internal', [80, 443])).toEqual(['sg-1']);
    expect(defaultSecurityGroups(groups.slice(0, 1).concat(groups.slice(2)), 'internet-facing', [80])).toEqual([
      'sg-1',
    ]);
  });

  it('GIVEN an application load balancer with cross-zone turned off THEN each target group says crossZone: false and the document validates', () => {
    const document = buildStackDocument({
      stack: 'shop',
      vpcId: VPC,
      loadBalancer: { name: 'shop-alb', type: 'application', scheme: 'internal', subnets: [SUBNET_A, SUBNET_B] },
      listeners: [{ protocol: 'HTTP', port: 80, forward: 'shop-web' }],
      targetGroups: [{ name: 'shop-web', protocol: 'HTTP', port: 80, targetType: 'instance', healthCheckPath: '/' }],
      rules: [],
      crossZone: false,
    });
    expect(document.targetGroups?.[0]).toMatchObject({ crossZone: false });
    expect(document.loadBalancers?.[0]).not.toHaveProperty('crossZone');
    const { stringify } = jest.requireActual<typeof import('yaml')>('yaml');
    expect(loadStack(stringify(document), 'x.yaml').ok).toBe(true);
  });
});
