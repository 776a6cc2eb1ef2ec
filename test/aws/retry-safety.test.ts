/**
 * Retry safety of the client factory, over real HTTP (aws-sdk-client-mock replaces `send`, so it
 * cannot show retries or timeouts).
 *
 * Regression 1: the SDK used to re-send CreateLoadBalancer / CreateListener / CreateRule after an
 * ambiguous failure (connection reset, timeout, 5xx), although the first request may have been
 * carried out — on the emulator that made a twin load balancer or listener, and a rule twin or
 * PriorityInUse. Only throttling (answered before AWS does anything) is re-sent by the SDK now;
 * the executor looks before it creates again.
 *
 * Regression 2: requestTimeout was not enforced — the SDK's HTTP handler only logs a warning
 * unless throwOnRequestTimeout is set, so a request that never got an answer hung forever.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { createAws } from '../../src/aws';
import { ElbctlError } from '../../src/core/errors';

const NS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
const error = (code: string, type = 'Sender') =>
  `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
const lbArn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1';
const created = `<CreateLoadBalancerResponse xmlns="${NS}"><CreateLoadBalancerResult><LoadBalancers><member>
<LoadBalancerName>web</LoadBalancerName><LoadBalancerArn>${lbArn}</LoadBalancerArn><Type>application</Type><Scheme>internal</Scheme>
<State><Code>provisioning</Code></State><VpcId>vpc-1</VpcId></member></LoadBalancers></CreateLoadBalancerResult>
<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></CreateLoadBalancerResponse>`;
const tagsOk = `<AddTagsResponse xmlns="${NS}"><AddTagsResult/><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AddTagsResponse>`;

type Step = { status: number; body: string } | 'reset';
let server: Server;
let endpoint: string;
let script: Step[] = [];
let actions: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      actions.push(new URLSearchParams(body).get('Action') ?? '?');
      const step = script.shift() ?? { status: 500, body: error('InternalFailure', 'Receiver') };
      if (step === 'reset') {
        req.socket.destroy();
        return;
      }
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
  actions = [];
});

const aws = (lines?: string[]) =>
  createAws({
    region: 'us-east-1',
    endpoint,
    userAgent: 'elbctl/0.0.0',
    ...(lines ? { debug: (l: string) => lines.push(l) } : {}),
  });
const createWeb = (a = aws()) =>
  a.elbv2.createLoadBalancer({ name: 'web', type: 'application', subnets: ['subnet-1', 'subnet-2'] }).then(
    (lb) => lb,
    (e: unknown) => e,
  );

describe('SDK retries of creates that are not idempotent', () => {
  it('GIVEN CreateLoadBalancer answers HTTP 500 WHEN creating THEN the request is sent once and the 500 reaches the caller', async () => {
    script = [{ status: 500, body: error('InternalFailure', 'Receiver') }];
    const lines: string[] = [];
    const e = await createWeb(aws(lines));
    expect(actions).toEqual(['CreateLoadBalancer']);
    expect(e).toBeInstanceOf(ElbctlError);
    expect((e as ElbctlError).message).toBe('create load balancer "web": InternalFailure: m');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^aws elbv2 CreateLoadBalancer \d+ms attempts=1 error=InternalFailure /);
  });

  it('GIVEN the connection is reset after CreateLoadBalancer was sent WHEN creating THEN it is not sent again and the caller sees a network error', async () => {
    script = ['reset'];
    const e = await createWeb();
    expect(actions).toEqual(['CreateLoadBalancer']);
    expect((e as ElbctlError).code).toBe('E_NETWORK');
  });

  it('GIVEN CreateLoadBalancer is throttled twice WHEN creating THEN the SDK re-sends it (throttled requests were not carried out) and the third succeeds', async () => {
    script = [
      { status: 400, body: error('Throttling') },
      { status: 400, body: error('Throttling') },
      { status: 200, body: created },
    ];
    const lines: string[] = [];
    const lb = await createWeb(aws(lines));
    expect(actions).toEqual(['CreateLoadBalancer', 'CreateLoadBalancer', 'CreateLoadBalancer']);
    expect(lb).toMatchObject({ name: 'web', arn: lbArn });
    expect(lines[0]).toMatch(/^aws elbv2 CreateLoadBalancer \d+ms attempts=3 ok /);
  });

  it('GIVEN a throttle and then a 500 WHEN creating THEN two requests are sent and the 500 is reported with attempts=2', async () => {
    script = [
      { status: 400, body: error('Throttling') },
      { status: 500, body: error('InternalFailure', 'Receiver') },
    ];
    const lines: string[] = [];
    const e = await createWeb(aws(lines));
    expect(actions).toEqual(['CreateLoadBalancer', 'CreateLoadBalancer']);
    expect((e as ElbctlError).message).toBe('create load balancer "web": InternalFailure: m');
    expect(lines[0]).toMatch(/^aws elbv2 CreateLoadBalancer \d+ms attempts=2 error=InternalFailure /);
  });

  it('GIVEN an idempotent write answers HTTP 500 once WHEN adding tags THEN the SDK re-sends it as before', async () => {
    script = [
      { status: 500, body: error('InternalFailure', 'Receiver') },
      { status: 200, body: tagsOk },
    ];
    await aws().elbv2.addTags([lbArn], [{ key: 'k', value: 'v' }]);
    expect(actions).toEqual(['AddTags', 'AddTags']);
  });
});

describe('request timeout', () => {
  it('GIVEN an endpoint that accepts connections and never answers WHEN listing with a 300 ms timeout and 2 attempts THEN both attempts time out and the caller gets a network error within seconds', async () => {
    const sockets: Socket[] = [];
    const blackhole = createTcpServer((s) => void sockets.push(s));
    await new Promise<void>((r) => blackhole.listen(0, '127.0.0.1', () => r()));
    const port = (blackhole.address() as { port: number }).port;
    try {
      const started = Date.now();
      const a = createAws({
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${port}`,
        userAgent: 'elbctl/0.0.0',
        requestTimeoutMs: 300,
        maxAttempts: 2,
      });
      const e = await a.elbv2.listLoadBalancers().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect((e as ElbctlError).code).toBe('E_NETWORK');
      expect((e as ElbctlError).message).toBe('list load balancers: cannot reach AWS (ETIMEDOUT)');
      expect(sockets).toHaveLength(2);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => blackhole.close(() => r()));
    }
  });
});
