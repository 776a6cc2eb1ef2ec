import {
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbctl } from '../../support/harness';
import { LISTENER_ARN, defaultRule, numberedRule, ruleArn, stubReads, stubTags, tgArn } from './fixtures';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const weighted = numberedRule(
  'r2',
  2,
  [
    { Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } },
    { Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } },
  ],
  [
    {
      Type: 'forward',
      Order: 1,
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: tgArn('api'), Weight: 90 },
          { TargetGroupArn: tgArn('canary'), Weight: 10 },
        ],
      },
    },
  ],
);
const queryRule = numberedRule(
  'r7',
  7,
  [
    { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'version', Value: '2' }, { Value: 'beta' }] } },
    { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['blue', 'green'] } },
  ],
  [
    {
      Type: 'redirect',
      Order: 1,
      RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: 'example.com', Path: '/v2', StatusCode: 'HTTP_302' },
    },
  ],
);
const simple = numberedRule('r1', 1);

beforeEach(() => {
  elbv2.reset();
  stubReads(elbv2);
  // Two pages, out of order: the default rule arrives first, a numbered rule on the second page.
  elbv2
    .on(DescribeRulesCommand, { ListenerArn: LISTENER_ARN, Marker: undefined })
    .resolves({ Rules: [defaultRule(), queryRule, weighted], NextMarker: 'page-2' })
    .on(DescribeRulesCommand, { ListenerArn: LISTENER_ARN, Marker: 'page-2' })
    .resolves({ Rules: [simple] });
});

describe('rule list', () => {
  it('GIVEN rules over two pages WHEN listed as JSON THEN every page is followed and rows are exact, lowest priority first, default last', async () => {
    stubTags(elbv2, { [ruleArn('r1')]: { owner: 'api-team', 'elbctl:stack': 'shop', 'elbctl:rule': 'api' } });
    const r = await elbctl(['rule', 'list', 'web:443']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DescribeRulesCommand, 2);
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(1, DescribeRulesCommand, {
      ListenerArn: LISTENER_ARN,
      PageSize: 400,
    });
    expect(elbv2).toHaveReceivedNthSpecificCommandWith(2, DescribeRulesCommand, {
      ListenerArn: LISTENER_ARN,
      PageSize: 400,
      Marker: 'page-2',
    });
    // JSON carries ARNs; target group names are only looked up for the table
    expect(elbv2).not.toHaveReceivedCommand(DescribeTargetGroupsCommand);
    // The numbered rules' tags in one read; the default rule has none of its own.
    expect(elbv2).toHaveReceivedCommandWith(DescribeTagsCommand, {
      ResourceArns: [ruleArn('r1'), ruleArn('r2'), ruleArn('r7')],
    });
    expect(JSON.parse(r.stdout)).toStrictEqual([
      {
        arn: ruleArn('r1'),
        priority: 1,
        isDefault: false,
        conditions: [{ field: 'path-pattern', values: ['/r1/*'] }],
        actions: [{ type: 'forward', targetGroups: [{ name: 'api', arn: tgArn('api'), weight: null }] }],
        tags: { owner: 'api-team' },
        stack: 'shop',
      },
      {
        arn: ruleArn('r2'),
        priority: 2,
        isDefault: false,
        conditions: [
          { field: 'path-pattern', values: ['/api/*'] },
          { field: 'host-header', values: ['api.example.com'] },
        ],
        actions: [
          {
            type: 'forward',
            targetGroups: [
              { name: 'api', arn: tgArn('api'), weight: 90 },
              { name: 'canary', arn: tgArn('canary'), weight: 10 },
            ],
          },
        ],
        tags: {},
        stack: null,
      },
      {
        arn: ruleArn('r7'),
        priority: 7,
        isDefault: false,
        conditions: [
          { field: 'query-string', values: [{ key: 'version', value: '2' }, { value: 'beta' }] },
          { field: 'http-header', headerName: 'X-Env', values: ['blue', 'green'] },
        ],
        actions: [
          {
            type: 'redirect',
            protocol: 'HTTPS',
            port: '443',
            host: 'example.com',
            path: '/v2',
            query: null,
            statusCode: 'HTTP_302',
          },
        ],
        tags: {},
        stack: null,
      },
      {
        arn: ruleArn('default0default0'),
        priority: 'default',
        isDefault: true,
        conditions: [],
        actions: [{ type: 'fixed-response', statusCode: '404', contentType: 'text/plain', messageBody: null }],
        tags: {},
        stack: null,
      },
    ]);
  });

  it('GIVEN rules forwarding to two target groups WHEN listed as a table THEN names come from the ARNs, with no extra call, and conditions read on one line', async () => {
    const r = await elbctl(['rule', 'list', 'web:443', '-o', 'table']);

    expect(r.code).toBe(0);
    expect(elbv2).not.toHaveReceivedCommand(DescribeTargetGroupsCommand);
    expect(r.stdout).toBe(
      [
        'PRIORITY  CONDITIONS                                         ACTION                                     TAGS',
        '1         path /r1/*                                         forward → api                              -',
        '2         path /api/* · host api.example.com                 forward → api=90, canary=10                -',
        '7         query version=2, beta · header X-Env: blue, green  redirect 302 → https://example.com:443/v2  -',
        'default   -                                                  fixed 404',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN a listener ARN WHEN listed THEN the listener is described by ARN', async () => {
    const r = await elbctl(['rule', 'list', LISTENER_ARN]);
    expect(r.code).toBe(0);
    expect(r.json<unknown[]>()).toHaveLength(4);
  });

  it('GIVEN an invalid listener reference WHEN listed THEN exits 64 and makes no AWS call', async () => {
    elbv2.reset();
    const r = await elbctl(['rule', 'list', 'web:http']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe('error: listener "web:http": name it by its ARN or as LB:PORT, e.g. web:443\n');
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN an unknown load balancer WHEN listed THEN exits 1 not found', async () => {
    const r = await elbctl(['rule', 'list', 'nope:443']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: load balancer "nope": not found\n');
  });
});
