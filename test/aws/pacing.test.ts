/**
 * The pacing middleware over real HTTP (aws-sdk-client-mock replaces `send`, so it would never
 * run): a scripted server answers each request, and the limiter's counters show what was sent,
 * what waited and what was throttled.
 */
import { createServer, type Server } from 'node:http';
import { createAws } from '../../src/aws';
import { clientConfig } from '../../src/aws/clients';
import { ElbctlError } from '../../src/core/errors';
import { PacingLimiter } from '../../src/core/pacing';
import { parseApiRates } from '../../src/core/pacing/settings';

const NS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
const error = (code: string, type = 'Sender', message = 'm') =>
  `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
const throttle = { status: 400, body: error('Throttling', 'Sender', 'Rate exceeded') };
const lbArn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1';
const created = {
  status: 200,
  body: `<CreateLoadBalancerResponse xmlns="${NS}"><CreateLoadBalancerResult><LoadBalancers><member>
<LoadBalancerName>web</LoadBalancerName><LoadBalancerArn>${lbArn}</LoadBalancerArn><Type>application</Type><Scheme>internal</Scheme>
<State><Code>provisioning</Code></State><VpcId>vpc-1</VpcId></member></LoadBalancers></CreateLoadBalancerResult>
<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></CreateLoadBalancerResponse>`,
};
const noLbs = {
  status: 200,
  body: `<DescribeLoadBalancersResponse xmlns="${NS}"><DescribeLoadBalancersResult><LoadBalancers/></DescribeLoadBalancersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>`,
};

type Step = { status: number; body: string };
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

/** Fast buckets: a wait is a few milliseconds, so tests never sleep long (and assert no timing). */
const FAST = 'elbv2.write=2:200,elbv2.read=2:200';

function setup(options: { enabled?: boolean; maxAttempts?: number; rates?: string } = {}) {
  const limiter = new PacingLimiter({
    enabled: options.enabled ?? true,
    overrides: parseApiRates(options.rates ?? FAST),
  });
  const lines: string[] = [];
  const aws = createAws({
    region: 'us-east-1',
    endpoint,
    userAgent: 'elbctl/0.0.0',
    pacing: limiter,
    debug: (l) => lines.push(l),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  return { limiter, lines, aws };
}

const createWeb = (aws: ReturnType<typeof createAws>) =>
  aws.elbv2.createLoadBalancer({ name: 'web', type: 'application', subnets: ['subnet-1', 'subnet-2'] }).then(
    (lb) => lb,
    (e: unknown) => e,
  );

describe('pacing middleware', () => {
  it('GIVEN a throttle WHEN CreateLoadBalancer is sent THEN it is re-sent once the limiter grants a token, within one SDK attempt, and the bucket halves', async () => {
    const { limiter, lines, aws } = setup();
    script = [throttle, created];
    const lb = await createWeb(aws);
    expect(lb).toMatchObject({ arn: lbArn });
    expect(actions).toEqual(['CreateLoadBalancer', 'CreateLoadBalancer']);
    expect(
      lines.filter((l) => l.startsWith('aws elbv2 CreateLoadBalancer')).map((l) => l.split(' ').slice(4, 6)),
    ).toEqual([['attempts=1', 'ok']]);
    expect(lines).toContain('pacing elbv2.write: CreateLoadBalancer throttled; rate 200/s → 100/s');
    const [write] = limiter.buckets();
    expect(write).toMatchObject({ name: 'elbv2.write', granted: 2, waited: 1, throttles: 1, decreases: 1 });
    expect(limiter.summary()).toMatchObject({ calls: 2, throttles: 1 });
  });

  it('GIVEN throttles on every send and 3 attempts WHEN creating THEN pacing sends it 3 times, not the SDK 3 × 3, and the throttle reaches the caller', async () => {
    const { limiter, aws } = setup({ maxAttempts: 3 });
    script = [throttle, throttle, throttle, throttle, throttle];
    const e = await createWeb(aws);
    expect(actions).toEqual(['CreateLoadBalancer', 'CreateLoadBalancer', 'CreateLoadBalancer']);
    expect(e).toBeInstanceOf(ElbctlError);
    expect((e as ElbctlError).code).toBe('E_THROTTLED');
    expect(((e as ElbctlError).cause as { name?: string }).name).toBe('Throttling');
    expect(limiter.summary()).toMatchObject({ calls: 3, throttles: 3 });
  });

  it('GIVEN ELBCTL_PACING=off WHEN a read is throttled THEN the SDK retries it as before (2 attempts), nothing waits, and the call and throttle are counted', async () => {
    const { limiter, lines, aws } = setup({ enabled: false });
    script = [throttle, noLbs];
    expect(await aws.elbv2.listLoadBalancers()).toEqual([]);
    expect(actions).toEqual(['DescribeLoadBalancers', 'DescribeLoadBalancers']);
    expect(lines.find((l) => l.startsWith('aws elbv2 DescribeLoadBalancers'))?.split(' ')[4]).toBe('attempts=2');
    expect(limiter.summary()).toEqual({ calls: 2, throttles: 1, waitedMs: 0 });
    expect(limiter.buckets()[0]).toMatchObject({ paced: false, decreases: 0 });
  });

  it('GIVEN an HTTP 500 on a read WHEN paced THEN the SDK, not pacing, retries it; the rate is untouched', async () => {
    const { limiter, lines, aws } = setup();
    script = [{ status: 500, body: error('InternalFailure', 'Receiver') }, noLbs];
    expect(await aws.elbv2.listLoadBalancers()).toEqual([]);
    expect(actions).toEqual(['DescribeLoadBalancers', 'DescribeLoadBalancers']);
    expect(lines.find((l) => l.startsWith('aws elbv2 DescribeLoadBalancers'))?.split(' ')[4]).toBe('attempts=2');
    expect(limiter.buckets()[0]).toMatchObject({ name: 'elbv2.read', granted: 2, throttles: 0, rate: 200 });
  });

  it('GIVEN more calls than the bucket holds WHEN sent at once THEN they all complete in order of asking and the waits are counted', async () => {
    // A slow refill (one token per 200 ms): no token can come back while the six are being asked, however loaded the machine.
    const { limiter, aws } = setup({ rates: 'elbv2.read=2:5' });
    script = Array.from({ length: 6 }, () => noLbs);
    await Promise.all(Array.from({ length: 6 }, () => aws.elbv2.listLoadBalancers()));
    expect(actions).toHaveLength(6);
    expect(limiter.buckets()[0]).toMatchObject({ granted: 6, waited: 5, throttles: 0 });
  });

  it("GIVEN no account ID in the credentials WHEN keyed THEN the custom endpoint stands for the account; with AWS_ACCOUNT_ID the bucket is the account's", async () => {
    const first = setup();
    script = [noLbs];
    await first.aws.elbv2.listLoadBalancers();
    expect(first.limiter.buckets()[0]).toMatchObject({
      account: `endpoint ${new URL(endpoint).host}`,
      region: 'us-east-1',
    });

    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_ACCOUNT_ID: '111122223333',
    });
    try {
      const second = setup();
      script = [noLbs];
      await second.aws.elbv2.listLoadBalancers();
      expect(second.limiter.buckets()[0]).toMatchObject({ account: '111122223333' });
    } finally {
      process.env = saved;
    }
  });
});

describe('retry mode with pacing', () => {
  const settings = { userAgent: 'elbctl/0.0.0', retryMode: 'adaptive' as const };
  it('GIVEN AWS_RETRY_MODE=adaptive and pacing on WHEN clients are configured THEN the SDK retries in standard mode (one limiter, never two)', () => {
    expect(
      clientConfig({ ...settings, pacing: new PacingLimiter({ enabled: true, overrides: new Map() }) }).retryMode,
    ).toBe('standard');
  });
  it('GIVEN AWS_RETRY_MODE=adaptive and ELBCTL_PACING=off WHEN configured THEN adaptive is kept', () => {
    expect(
      clientConfig({ ...settings, pacing: new PacingLimiter({ enabled: false, overrides: new Map() }) }).retryMode,
    ).toBe('adaptive');
  });
});
