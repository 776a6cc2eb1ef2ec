import {
  CreateRuleCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';
import { LISTENER_ARN, defaultRule, numberedRule, ruleArn, sdkTg, stubCreateRule, stubReads, tgArn } from './fixtures';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const WRITES = ['CreateRuleCommand', 'DeleteRuleCommand', 'SetRulePrioritiesCommand', 'ModifyRuleCommand'];
const writes = () => elbv2.calls().filter((c) => WRITES.includes(c.args[0].constructor.name));

beforeEach(() => {
  elbv2.reset();
});

describe('rule add: CreateRule input', () => {
  it('GIVEN an empty listener (default rule only) WHEN a rule with every condition kind is added THEN CreateRule gets priority 1 and typed condition configs', async () => {
    stubReads(elbv2);
    stubCreateRule(elbv2);

    const r = await elbctl([
      'rule',
      'add',
      'web:443',
      '--path',
      '/api/*',
      '--host',
      'api.example.com',
      '--header',
      'X-Env=blue',
      '--query-string',
      'version=2',
      '--method',
      'get',
      '--forward',
      'api',
    ]);

    expect(r.stderr).toBe(
      '… adding a rule at priority 1 to listener "web:443"\n✓ rule added to listener "web:443" at priority 1\n',
    );
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(CreateRuleCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(CreateRuleCommand, {
      ListenerArn: LISTENER_ARN,
      Priority: 1,
      Conditions: [
        { Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } },
        { Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } },
        { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['blue'] } },
        { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'version', Value: '2' }] } },
        { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } },
      ],
      Actions: [{ Order: 1, Type: 'forward', TargetGroupArn: tgArn('api') }],
    });
    const sent = elbv2.commandCalls(CreateRuleCommand)[0]?.args[0].input;
    // never the legacy condition `Values` field
    expect(sent?.Conditions?.every((c) => c.Values === undefined)).toBe(true);
    expect(r.json()).toEqual({
      arn: ruleArn('new0000000000001'),
      priority: 1,
      isDefault: false,
      conditions: [
        { field: 'path-pattern', values: ['/api/*'] },
        { field: 'host-header', values: ['api.example.com'] },
        { field: 'http-header', headerName: 'X-Env', values: ['blue'] },
        { field: 'query-string', values: [{ key: 'version', value: '2' }] },
        { field: 'http-request-method', values: ['GET'] },
      ],
      actions: [{ type: 'forward', targetGroups: [{ name: 'api', arn: tgArn('api'), weight: null }] }],
      tags: {},
      stack: null,
    });
  });

  it('GIVEN rules at 3 and 10 spread over two pages WHEN a rule is added without --priority THEN every page is read and it gets 11', async () => {
    stubReads(elbv2);
    elbv2
      .on(DescribeRulesCommand, { ListenerArn: LISTENER_ARN, Marker: undefined })
      .resolves({ Rules: [numberedRule('r3', 3)], NextMarker: 'page-2' })
      .on(DescribeRulesCommand, { ListenerArn: LISTENER_ARN, Marker: 'page-2' })
      .resolves({ Rules: [numberedRule('r10', 10), defaultRule()] });
    stubCreateRule(elbv2);

    const r = await elbctl([
      'rule',
      'add',
      'web:443',
      '--source-ip',
      '203.0.113.0/24',
      '--fixed-response',
      '403:go away',
    ]);

    expect(r.code).toBe(0);
    // Both pages of this listener (the other listener's rules are read too: they count against the rules quota).
    expect(elbv2).toHaveReceivedCommandWith(DescribeRulesCommand, { ListenerArn: LISTENER_ARN, Marker: 'page-2' });
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(2, DescribeRulesCommand, {
      ListenerArn: LISTENER_ARN,
      PageSize: 400,
      Marker: 'page-2',
    });
    expect(elbv2).toHaveReceivedCommandWith(CreateRuleCommand, {
      ListenerArn: LISTENER_ARN,
      Priority: 11,
      Conditions: [{ Field: 'source-ip', SourceIpConfig: { Values: ['203.0.113.0/24'] } }],
      Actions: [
        {
          Order: 1,
          Type: 'fixed-response',
          FixedResponseConfig: { StatusCode: '403', ContentType: 'text/plain', MessageBody: 'go away' },
        },
      ],
    });
    expect(r.json<{ priority: number }>().priority).toBe(11);
  });

  it('GIVEN a weighted --forward over two target groups WHEN added THEN one batched describe resolves both and ForwardConfig carries the weights', async () => {
    stubReads(elbv2, [numberedRule('r1', 1), defaultRule()]);
    stubCreateRule(elbv2);

    const r = await elbctl(['rule', 'add', 'web:443', '--path', '/checkout/*', '--forward', 'api=80,canary=20']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeTargetGroupsCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DescribeTargetGroupsCommand, { Names: ['api', 'canary'] });
    expect(elbv2).toHaveReceivedCommandWith(CreateRuleCommand, {
      ListenerArn: LISTENER_ARN,
      Priority: 2,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/checkout/*'] } }],
      Actions: [
        {
          Order: 1,
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: tgArn('api'), Weight: 80 },
              { TargetGroupArn: tgArn('canary'), Weight: 20 },
            ],
          },
        },
      ],
    });
    expect(r.json<{ actions: unknown }>().actions).toEqual([
      {
        type: 'forward',
        targetGroups: [
          { name: 'api', arn: tgArn('api'), weight: 80 },
          { name: 'canary', arn: tgArn('canary'), weight: 20 },
        ],
      },
    ]);
  });

  it('GIVEN a lambda target group WHEN forwarded to THEN it fits an ALB rule', async () => {
    stubReads(elbv2);
    stubCreateRule(elbv2);
    const r = await elbctl(['rule', 'add', 'web:443', '--path', '/fn', '--forward', 'fn']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(CreateRuleCommand, {
      Actions: [{ Order: 1, Type: 'forward', TargetGroupArn: tgArn('fn') }],
    });
  });

  it('GIVEN --redirect and a free --priority WHEN added THEN CreateRule gets that priority and a 301 redirect config', async () => {
    stubReads(elbv2, [numberedRule('r5', 5), defaultRule()]);
    stubCreateRule(elbv2);

    const r = await elbctl([
      'rule',
      'add',
      'web:443',
      '--path',
      '/old/*',
      '--redirect',
      'https://example.com/new?x=1',
      '--priority',
      '4',
    ]);

    expect(r.code).toBe(0);
    expect(elbv2).not.toHaveReceivedCommand(DescribeTargetGroupsCommand);
    expect(elbv2).toHaveReceivedCommandWith(CreateRuleCommand, {
      ListenerArn: LISTENER_ARN,
      Priority: 4,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/old/*'] } }],
      Actions: [
        {
          Order: 1,
          Type: 'redirect',
          RedirectConfig: {
            Protocol: 'HTTPS',
            Host: 'example.com',
            Port: '443',
            Path: '/new',
            Query: 'x=1',
            StatusCode: 'HTTP_301',
          },
        },
      ],
    });
  });

  it('GIVEN -o table WHEN added THEN the rule is shown as fields with the target group by name', async () => {
    stubReads(elbv2);
    stubCreateRule(elbv2);
    const r = await elbctl(['rule', 'add', 'web:443', '--host', 'api.example.com', '--forward', 'api', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `arn         ${ruleArn('new0000000000001')}`,
        'priority    1',
        'conditions  host api.example.com',
        'action      forward → api',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN the listener by ARN WHEN a rule is added THEN it is resolved by ARN', async () => {
    stubReads(elbv2);
    stubCreateRule(elbv2);
    const r = await elbctl(['rule', 'add', LISTENER_ARN, '--path', '/a', '--fixed-response', '200']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(CreateRuleCommand, { ListenerArn: LISTENER_ARN, Priority: 1 });
  });
});

describe('rule add: conflicts and refusals', () => {
  it('GIVEN --priority 10 held by another rule WHEN added THEN exits 1 naming the priority, the holder and the next free priority, with no write', async () => {
    stubReads(elbv2, [numberedRule('r10', 10), numberedRule('r11', 11), defaultRule()]);

    const r = await elbctl(['rule', 'add', 'web:443', '--path', '/x', '--forward', 'api', '--priority', '10']);

    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: listener "web:443": priority 10: already taken by rule "path /r10/*" (r10); the next free priority is 12\n' +
        'hint: `elbctl rule list web:443` shows every rule and its priority\n',
    );
    expect(writes()).toHaveLength(0);
  });

  it('GIVEN CreateRule fails with PriorityInUse (a race) WHEN added THEN exits 1 naming the priority and does not retry', async () => {
    stubReads(elbv2);
    elbv2
      .on(CreateRuleCommand)
      .rejects(Object.assign(new Error("Priority '1' is currently in use"), { name: 'PriorityInUseException' }));

    const r = await elbctl(['rule', 'add', 'web:443', '--path', '/x', '--forward', 'api']);

    expect(r.code).toBe(1);
    expect(elbv2).toHaveReceivedCommandTimes(CreateRuleCommand, 1);
    expect(r.stderr).toContain('✗ could not add the rule to listener "web:443"\n');
    expect(r.stderr).toContain(
      'error: listener "web:443": priority 1: taken by another rule created meanwhile; no rule was added\n',
    );
    expect(r.stderr).toContain('hint: `elbctl rule list web:443` shows the rules; re-run with a free --priority\n');
  });

  it('GIVEN a network load balancer listener WHEN a rule is added THEN exits 64 explaining rules are ALB-only, with zero writes', async () => {
    stubReads(elbv2);

    const r = await elbctl(['rule', 'add', 'edge:80', '--path', '/x', '--forward', 'api']);

    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: listener "edge:80" (TCP): rules exist only on HTTP/HTTPS listeners of application load balancers; a network load balancer listener sends everything to its default action\n',
    );
    expect(writes()).toHaveLength(0);
    expect(elbv2).not.toHaveReceivedCommand(DescribeRulesCommand);
  });

  it('GIVEN a TCP target group WHEN forwarded to from an ALB rule THEN exits 64 naming it, with no write', async () => {
    stubReads(elbv2);
    const r = await elbctl(['rule', 'add', 'web:443', '--path', '/x', '--forward', 'api,tcp-pool']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: target group "tcp-pool" (TCP): an HTTPS listener forwards to HTTP or HTTPS target groups (or a lambda one); forward to one of those\n',
    );
    expect(writes()).toHaveLength(0);
  });

  it('GIVEN a target group in another VPC WHEN forwarded to THEN exits 64 naming both VPCs, with no write', async () => {
    stubReads(elbv2);
    elbv2
      .on(DescribeTargetGroupsCommand, { Names: ['api'] })
      .resolves({ TargetGroups: [sdkTg('api', 'HTTP', { VpcId: 'vpc-0fff9999' })] });
    const r = await elbctl(['rule', 'add', 'web:443', '--path', '/x', '--forward', 'api']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: target group "api": is in vpc-0fff9999, but load balancer "web" is in vpc-0abc1234; use a target group in vpc-0abc1234\n',
    );
    expect(writes()).toHaveLength(0);
  });

  it('GIVEN an unknown target group WHEN forwarded to THEN exits 64 (a missing reference), with no write', async () => {
    stubReads(elbv2);
    const r = await elbctl(['rule', 'add', 'web:443', '--path', '/x', '--forward', 'nope']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: target group "nope": does not exist in this account and region; create it first (`elbctl tg create`), or check the name (`elbctl tg list`)\n',
    );
    expect(writes()).toHaveLength(0);
  });

  it('GIVEN a listener port the load balancer does not listen on WHEN added THEN exits 1 not found', async () => {
    stubReads(elbv2);
    const r = await elbctl(['rule', 'add', 'web:8443', '--path', '/x', '--forward', 'api']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: listener "web:8443": not found\nhint: load balancer "web" listens on 80, 443\n');
    expect(writes()).toHaveLength(0);
  });
});

describe('rule add: invalid input', () => {
  it.each<[string, string[], string]>([
    [
      'no condition',
      ['web:443', '--forward', 'api'],
      'rule conditions: none given; pass at least one of --path, --host, --header, --query-string, --method, --source-ip, --path-regex, --host-regex or --header-regex',
    ],
    ['no action', ['web:443', '--path', '/a'], 'action: missing; pass one of --forward, --redirect, --fixed-response'],
    [
      'two actions',
      ['web:443', '--path', '/a', '--forward', 'api', '--fixed-response', '404'],
      'action: --forward and --fixed-response were both given; pass only one',
    ],
    [
      'priority 0',
      ['web:443', '--path', '/a', '--forward', 'api', '--priority', '0'],
      'priority "0": must be a whole number from 1 to 50000',
    ],
    [
      'priority 50001',
      ['web:443', '--path', '/a', '--forward', 'api', '--priority', '50001'],
      'priority "50001": must be a whole number from 1 to 50000',
    ],
    [
      'priority 2.5',
      ['web:443', '--path', '/a', '--forward', 'api', '--priority', '2.5'],
      'priority "2.5": must be a whole number from 1 to 50000',
    ],
    [
      'a listener without a port',
      ['web', '--path', '/a', '--forward', 'api'],
      'listener "web": name it by its ARN or as LB:PORT, e.g. web:443',
    ],
    [
      'a path with a space',
      ['web:443', '--path', '/a b', '--forward', 'api'],
      'path pattern "/a b": " " is not allowed; use letters, digits, _ - . $ / ~ " \' @ : + & and the wildcards * ?',
    ],
    [
      'a host with an underscore',
      ['web:443', '--host', 'my_app.example.com', '--forward', 'api'],
      'host header "my_app.example.com": "_" is not allowed; use letters, digits, hyphens, dots and the wildcards * ?',
    ],
    [
      'a header without "="',
      ['web:443', '--header', 'X-Env', '--forward', 'api'],
      'http header "X-Env": write it as NAME=VALUE, e.g. X-Env=blue',
    ],
    [
      'the host header as --header',
      ['web:443', '--header', 'Host=a.example.com', '--forward', 'api'],
      'http header name "Host": the host header has its own condition; use a host-header condition instead',
    ],
    [
      'a query key without a value',
      ['web:443', '--query-string', 'debug=', '--forward', 'api'],
      'query string "debug=": the value is missing; AWS matches a value, not a key alone, so write "debug=VALUE"',
    ],
    [
      'a method with a digit',
      ['web:443', '--method', 'G3T', '--forward', 'api'],
      'http method "G3T": only the letters A-Z, "_" and "-" are allowed; write a method such as GET or POST',
    ],
    [
      'a source IP without a prefix',
      ['web:443', '--source-ip', '10.0.0.1', '--forward', 'api'],
      'source IP "10.0.0.1": must be a CIDR block with a prefix length; write 10.0.0.1/32',
    ],
    [
      'six condition values',
      [
        'web:443',
        '--path',
        '/a',
        '--path',
        '/b',
        '--path',
        '/c',
        '--host',
        'a.example.com',
        '--method',
        'GET',
        '--method',
        'PUT',
        '--forward',
        'api',
      ],
      'rule conditions: 6 values in total, the limit is 5 per rule; split the rule in two',
    ],
    [
      'six wildcards',
      ['web:443', '--path', '/*/*/*', '--host', '*.example.*', '--header', 'User-Agent=*', '--forward', 'api'],
      'rule conditions: 6 wildcards (* or ?) in total, the limit is 5 per rule; use fewer wildcards or split the rule in two',
    ],
    [
      'a forward weight above 999',
      ['web:443', '--path', '/a', '--forward', 'api=1000'],
      'forward weight "1000": must be a whole number from 0 to 999',
    ],
    [
      'six target groups',
      ['web:443', '--path', '/a', '--forward', 'a,b,c,d,e,f'],
      '--forward: forwards to 6 target groups, the limit is 5 per action; forward to fewer',
    ],
    [
      'a non-http redirect',
      ['web:443', '--path', '/a', '--redirect', 'ftp://example.com/'],
      'redirect "ftp://example.com/": must be an http or https URL',
    ],
    [
      'a 3XX fixed response',
      ['web:443', '--path', '/a', '--fixed-response', '302'],
      'fixed response status "302": must be a 2XX, 4XX or 5XX HTTP code, e.g. 404',
    ],
  ])(
    'GIVEN %s WHEN a rule is added THEN exits 64 with the exact message and makes no AWS call',
    async (_label, args, message) => {
      const r = await elbctl(['rule', 'add', ...args]);
      expect(r.code).toBe(64);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`error: ${message}\n`);
      expect(elbv2.calls()).toHaveLength(0);
    },
  );

  it('GIVEN several invalid flags at once WHEN a rule is added THEN every problem is listed and no AWS call is made', async () => {
    const r = await elbctl(['rule', 'add', 'web', '--path', '/a b', '--method', 'g3t', '--priority', '0']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      [
        'error: listener "web": name it by its ARN or as LB:PORT, e.g. web:443',
        'error: path pattern "/a b": " " is not allowed; use letters, digits, _ - . $ / ~ " \' @ : + & and the wildcards * ?',
        'error: http method "G3T": only the letters A-Z, "_" and "-" are allowed; write a method such as GET or POST',
        'error: action: missing; pass one of --forward, --redirect, --fixed-response',
        'error: priority "0": must be a whole number from 1 to 50000',
        '',
      ].join('\n'),
    );
    expect(elbv2.calls()).toHaveLength(0);
  });
});
