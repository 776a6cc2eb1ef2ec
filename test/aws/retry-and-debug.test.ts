/**
 * The client factory's retry policy and --debug logger, exercised over real HTTP against a tiny
 * loopback server that answers like ELBv2 (aws-sdk-client-mock replaces `send`, so it cannot
 * show retries).
 */
import { createServer, type Server } from 'node:http';
import { createAws } from '../../src/aws';
import { ElbctlError } from '../../src/core/errors';

const NS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
const throttled = `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r1</RequestId></ErrorResponse>`;
const onePage = `<DescribeLoadBalancersResponse xmlns="${NS}"><DescribeLoadBalancersResult><LoadBalancers><member>
<LoadBalancerName>web</LoadBalancerName><LoadBalancerArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1</LoadBalancerArn>
<Type>application</Type><Scheme>internal</Scheme><State><Code>active</Code></State><DNSName>web.example</DNSName><VpcId>vpc-1</VpcId>
</member></LoadBalancers></DescribeLoadBalancersResult><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>`;

let server: Server;
let endpoint: string;
let script: Array<{ status: number; body: string }> = [];
let bodies: string[] = [];
let userAgents: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      userAgents.push(`${req.headers['user-agent'] ?? ''} ${req.headers['x-amz-user-agent'] ?? ''}`);
      const step = script.shift() ?? { status: 400, body: throttled };
      res.writeHead(step.status, { 'content-type': 'text/xml' });
      res.end(step.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  script = [];
  bodies = [];
  userAgents = [];
});

describe('client factory retries', () => {
  it('GIVEN AWS throttles twice WHEN listing THEN the SDK retries and the third attempt succeeds, logged as attempts=3', async () => {
    script = [
      { status: 400, body: throttled },
      { status: 400, body: throttled },
      { status: 200, body: onePage },
    ];
    const lines: string[] = [];
    const aws = createAws({ region: 'us-east-1', endpoint, userAgent: 'elbctl/1.2.3', debug: (l) => lines.push(l) });
    const lbs = await aws.elbv2.listLoadBalancers();
    expect(lbs.map((l) => l.name)).toEqual(['web']);
    expect(bodies).toHaveLength(3);
    expect(bodies.every((b) => b.includes('Action=DescribeLoadBalancers'))).toBe(true);
    expect(userAgents[0]).toContain('elbctl/1.2.3');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^aws elbv2 DescribeLoadBalancers \d+ms attempts=3 ok \{"PageSize":400\}$/);
  });

  it('GIVEN AWS throttles every attempt WHEN listing THEN gives up after the bounded attempts with a throttling error', async () => {
    const aws = createAws({ region: 'us-east-1', endpoint, userAgent: 'elbctl/1.2.3', maxAttempts: 3 });
    const error = await aws.elbv2.listLoadBalancers().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ElbctlError);
    expect((error as ElbctlError).code).toBe('E_THROTTLED');
    expect((error as ElbctlError).message).toBe(
      'list load balancers: AWS kept throttling the request after every retry',
    );
    expect(bodies).toHaveLength(3);
  });
});
