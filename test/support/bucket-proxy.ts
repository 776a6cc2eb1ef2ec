/**
 * A loopback proxy between the SDK and moto that throttles like AWS: token buckets per bucket
 * class, refilled continuously, and when one is empty the call is answered, without reaching
 * moto, with AWS's throttle — HTTP 400 `Throttling` "Rate exceeded" in the Query protocol's XML
 * (what the ELB API sends and the SDK parses), `RequestLimitExceeded` for EC2.
 *
 * Its classification of actions is written here on purpose, apart from elbctl's map in
 * src/core/pacing/operations.ts: the proxy stands for AWS, so a mistake in elbctl's map shows
 * up as throttles instead of being copied into the referee. Classes it has no bucket for pass
 * unlimited. It counts every call and every throttle per action and per bucket, and can add a
 * fixed latency to every call (the benchmark's network).
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { errorResponse, operationOf, serviceOf } from './fault-proxy';

export interface ProxyBucket {
  capacity: number;
  refillPerSecond: number;
}

/** Which bucket a call draws from: the ELB API's classes, named as elbctl's ELBCTL_API_RATES names them. */
type Classifier = (service: string, operation: string) => string | undefined;

const ELB_REGISTRATION = new Set(['RegisterTargets', 'DeregisterTargets']);

/** The ELB API version 2 as its user guide describes it: Describe* share one bucket; registration, Modify* and the other mutating actions have their own. */
const elbv2Classes: Classifier = (service, operation) => {
  if (service !== 'elasticloadbalancing') return undefined;
  if (operation.startsWith('Describe') || operation.startsWith('Get')) return 'elbv2.read';
  if (ELB_REGISTRATION.has(operation)) return 'elbv2.register';
  if (operation.startsWith('Modify')) return 'elbv2.modify';
  return 'elbv2.write';
};

export interface BucketProxyOptions {
  /** Bucket class → size and refill. A class without an entry is not limited. */
  buckets: Record<string, ProxyBucket>;
  classify?: Classifier;
  /** Added before every call is answered or forwarded, in ms. Default 0. */
  latencyMs?: number;
  /**
   * One set of buckets per region (read from the request's SigV4 credential scope), as AWS keeps
   * them per account and region; default: one set for every region (a single-region test).
   */
  perRegion?: boolean;
  /** The buckets' clock in ms (default `performance.now`); a test of the proxy itself steps it by hand. */
  now?: () => number;
}

interface BucketProxyCall {
  seq: number;
  service: string;
  region: string;
  operation: string;
  bucket?: string | undefined;
  throttled: boolean;
  startedAt: number;
  endedAt?: number | undefined;
}

interface BucketCount {
  calls: number;
  throttles: number;
}

export interface BucketProxy {
  readonly endpoint: string;
  readonly calls: readonly BucketProxyCall[];
  /** Per action: calls and throttles, e.g. `{ CreateRule: { calls: 152, throttles: 1 } }`. */
  byOperation(): Record<string, BucketCount>;
  /** Per bucket class (unlimited calls under `unlimited`). */
  byBucket(): Record<string, BucketCount>;
  /** Per region and bucket class, `REGION/CLASS` (with `perRegion`, each is its own bucket). */
  byRegionBucket(): Record<string, BucketCount>;
  totals(): BucketCount;
  /** Refills every bucket and forgets the calls (between scenarios). */
  reset(): void;
  close(): Promise<void>;
}

interface Bucket {
  spec: ProxyBucket;
  tokens: number;
  at: number;
}

/** The region of a signed request: `Credential=AKID/DATE/REGION/SERVICE/aws4_request`. */
const regionOf = (req: IncomingMessage): string =>
  /Credential=[^/]+\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? 'unknown';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startBucketProxy(upstream: string, options: BucketProxyOptions): Promise<BucketProxy> {
  const up = new URL(upstream);
  const classify = options.classify ?? elbv2Classes;
  const latencyMs = options.latencyMs ?? 0;
  const clock = options.now ?? (() => performance.now());
  const calls: BucketProxyCall[] = [];
  const sockets = new Set<Socket>();
  let buckets = new Map<string, Bucket>();
  const fill = () => {
    buckets = new Map();
  };
  fill();
  /** A bucket, full when first used: one per class, or per region and class. */
  const bucketOf = (name: string, region: string): Bucket | undefined => {
    const spec = options.buckets[name];
    if (!spec) return undefined;
    const key = options.perRegion ? `${region}/${name}` : name;
    let b = buckets.get(key);
    if (!b) {
      b = { spec, tokens: spec.capacity, at: clock() };
      buckets.set(key, b);
    }
    return b;
  };

  /** Takes a token from the call's bucket at the moment it arrives; false when the bucket is empty. */
  const admit = (name: string | undefined, region: string): boolean => {
    const b = name === undefined ? undefined : bucketOf(name, region);
    if (!b) return true;
    const now = clock();
    b.tokens = Math.min(b.spec.capacity, b.tokens + (b.spec.refillPerSecond * (now - b.at)) / 1000);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  };

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse, done: () => void) => {
    const out = request(
      { host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers },
      (upRes) => {
        const headers = { ...upRes.headers };
        res.writeHead(upRes.statusCode ?? 502, headers);
        upRes.pipe(res);
        upRes.on('end', done);
      },
    );
    out.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bucket proxy: upstream failed: ${String(e)}`);
      done();
    });
    out.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const service = serviceOf(req);
    const region = regionOf(req);
    const operation = operationOf(req, body.toString());
    const bucket = classify(service, operation);
    const call: BucketProxyCall = {
      seq: calls.length + 1,
      service,
      region,
      operation,
      bucket,
      throttled: false,
      startedAt: Date.now(),
    };
    calls.push(call);
    const done = () => {
      call.endedAt = Date.now();
    };
    if (latencyMs > 0) await sleep(latencyMs);
    if (admit(bucket, region)) {
      forward(req, body, res, done);
      return;
    }
    call.throttled = true;
    const e = errorResponse(
      req,
      service,
      400,
      service === 'ec2' ? 'RequestLimitExceeded' : 'Throttling',
      'Rate exceeded',
    );
    res.writeHead(400, { ...e.headers, 'content-length': String(Buffer.byteLength(e.body)) });
    res.end(e.body);
    done();
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks)));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const count = (key: (c: BucketProxyCall) => string) => {
    const out: Record<string, BucketCount> = {};
    for (const c of calls) {
      const k = key(c);
      const n = out[k] ?? { calls: 0, throttles: 0 };
      out[k] = n;
      n.calls += 1;
      if (c.throttled) n.throttles += 1;
    }
    return out;
  };

  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    byOperation: () => count((c) => c.operation),
    byBucket: () => count((c) => c.bucket ?? 'unlimited'),
    byRegionBucket: () => count((c) => `${c.region}/${c.bucket ?? 'unlimited'}`),
    totals: () => ({ calls: calls.length, throttles: calls.filter((c) => c.throttled).length }),
    reset() {
      calls.length = 0;
      fill();
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
