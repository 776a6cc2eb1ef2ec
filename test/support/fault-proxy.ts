/**
 * A seeded, fault-injecting loopback HTTP proxy between the AWS SDK and moto. moto has no fault
 * injection, and the failures that make an apply dangerous are exactly the ones it cannot
 * produce:
 *
 * - `throttle`: HTTP 400 `<Code>Throttling</Code>` ("Rate exceeded"), answered without
 *   forwarding — AWS throttles a request before doing anything with it;
 * - `server-error`: HTTP 500 `<Code>InternalFailure</Code>`; with `serverErrorAfterWrite` of
 *   them the request is forwarded first, so the write may have happened (AWS gives no promise
 *   either way);
 * - `lost-answer`: the request is forwarded, moto does the work and answers, and the proxy
 *   destroys the client's socket instead of passing the answer on: the write happened, the
 *   client sees a connection reset;
 * - `slow`: forwarded, and the answer is held for `slowMs` (longer than the client's request
 *   timeout), so the client gives up although the write happened.
 *
 * Every call is recorded (service, operation, whether it mutates, the fault it got, timings),
 * so tests count calls by operation and prove what was and was not sent. `latencyMs` delays
 * every call, for the benchmark's "50 ms per call" network. `afterUpstream` sees each call once
 * moto has answered it and may drop the answer — the kill-at-the-Nth-write hook.
 *
 * Seeded: the sequence of fault decisions is fixed by the seed (one draw per faultable call, in
 * arrival order). Under concurrency the order in which calls arrive can vary, so the same seed
 * gives the same mix of faults but not always to the same calls.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type FaultKind = 'throttle' | 'server-error' | 'lost-answer' | 'slow';
const FAULT_KINDS: readonly FaultKind[] = ['throttle', 'server-error', 'lost-answer', 'slow'];

/** Probabilities per faultable call, 0–1; their sum must not exceed 1. */
export interface FaultRates {
  throttle?: number;
  serverError?: number;
  lostAnswer?: number;
  slow?: number;
}

interface ProxiedCall {
  /** Arrival order, from 1. */
  seq: number;
  /** From the SigV4 credential scope: `elasticloadbalancing`, `ec2`, `acm`, `monitoring`. */
  service: string;
  operation: string;
  /** Not a Describe*, List* or Get*. */
  mutating: boolean;
  fault?: FaultKind | undefined;
  /** Whether moto received the request (false for a throttle or an early 500). */
  forwarded: boolean;
  /** The status moto answered with, when forwarded and answered. */
  upstreamStatus?: number | undefined;
  startedAt: number;
  endedAt?: number | undefined;
}

type UpstreamVerdict = 'answer' | 'drop';

export interface FaultProxyOptions {
  seed?: number;
  rates?: FaultRates;
  /** Which calls may get a fault; default: every ELBv2 call. */
  faultable?: (call: ProxiedCall) => boolean;
  /** Of the server errors, the share sent on to moto first (the write may have happened). Default 0.5. */
  serverErrorAfterWrite?: number;
  /** How long a `slow` answer is held, in ms; make it longer than the client's request timeout. Default 2000. */
  slowMs?: number;
  /** Added before every call is forwarded (or faulted), in ms. Default 0. */
  latencyMs?: number;
  /** Called once moto has answered a call that got no fault; `drop` destroys the client's socket instead of answering. */
  afterUpstream?: (call: ProxiedCall) => UpstreamVerdict;
}

export interface FaultProxy {
  readonly endpoint: string;
  readonly calls: readonly ProxiedCall[];
  /** Calls per operation, e.g. `{ CreateRule: 60, DescribeRules: 2 }`. */
  countsByOperation(filter?: (c: ProxiedCall) => boolean): Record<string, number>;
  /** Injected faults per kind. */
  faultCounts(): Record<FaultKind, number>;
  writes(): ProxiedCall[];
  /** Changes the fault rates from now on (e.g. to 0 for a clean second apply). */
  setRates(rates: FaultRates): void;
  setAfterUpstream(hook: FaultProxyOptions['afterUpstream']): void;
  clear(): void;
  close(): Promise<void>;
}

const READ = /^(Describe|List|Get)/;

/** mulberry32: small, fast, good enough to spread faults; the same seed gives the same draws. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The service from the SigV4 credential scope: `elasticloadbalancing`, `ec2`, `acm`, `monitoring`. */
export function serviceOf(req: IncomingMessage): string {
  const auth = req.headers.authorization ?? '';
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? 'unknown';
}

export function operationOf(req: IncomingMessage, body: string): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  const fromBody = new URLSearchParams(body).get('Action');
  if (fromBody) return fromBody;
  const fromUrl = new URL(req.url ?? '/', 'http://x').searchParams.get('Action');
  return fromUrl ?? `${req.method} ${req.url}`;
}

/** The error body each protocol's SDK parser expects: ELBv2/CloudWatch query XML, EC2 XML, or JSON. */
export function errorResponse(
  req: IncomingMessage,
  service: string,
  status: number,
  code: string,
  message: string,
): { headers: Record<string, string>; body: string } {
  const requestId = `fault-${Math.random().toString(16).slice(2, 10)}`;
  if (typeof req.headers['x-amz-target'] === 'string') {
    return {
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
      body: JSON.stringify({ __type: code, message }),
    };
  }
  if (service === 'ec2') {
    return {
      headers: { 'content-type': 'text/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
    };
  }
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return {
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body:
      `<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">` +
      `<Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

interface Upstream {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startFaultProxy(upstream: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
  const up = new URL(upstream);
  const random = seededRandom(options.seed ?? 1);
  const coin = seededRandom((options.seed ?? 1) ^ 0x5eed);
  let rates: Required<FaultRates> = { throttle: 0, serverError: 0, lostAnswer: 0, slow: 0 };
  const setRates = (r: FaultRates) => {
    const next = {
      throttle: r.throttle ?? 0,
      serverError: r.serverError ?? 0,
      lostAnswer: r.lostAnswer ?? 0,
      slow: r.slow ?? 0,
    };
    const sum = next.throttle + next.serverError + next.lostAnswer + next.slow;
    if (Object.values(next).some((v) => v < 0) || sum > 1)
      throw new Error(`fault rates must be 0-1 and add up to at most 1: ${JSON.stringify(r)}`);
    rates = next;
  };
  setRates(options.rates ?? {});
  const faultable = options.faultable ?? ((c: ProxiedCall) => c.service === 'elasticloadbalancing');
  const afterWrite = options.serverErrorAfterWrite ?? 0.5;
  const slowMs = options.slowMs ?? 2000;
  const latencyMs = options.latencyMs ?? 0;
  let afterUpstream = options.afterUpstream;
  const calls: ProxiedCall[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;

  const pickFault = (): FaultKind | undefined => {
    const r = random();
    let edge = rates.throttle;
    if (r < edge) return 'throttle';
    edge += rates.serverError;
    if (r < edge) return 'server-error';
    edge += rates.lostAnswer;
    if (r < edge) return 'lost-answer';
    edge += rates.slow;
    if (r < edge) return 'slow';
    return undefined;
  };

  const forward = (req: IncomingMessage, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const out = request(
        { host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const answer = (
    res: ServerResponse,
    status: number,
    headers: IncomingMessage['headers'] | Record<string, string>,
    body: Buffer | string,
  ) => {
    if (res.destroyed || res.writableEnded) return;
    const h = { ...headers } as Record<string, string | string[] | undefined>;
    delete h['transfer-encoding'];
    h['content-length'] = String(Buffer.byteLength(body));
    res.writeHead(status, h);
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const service = serviceOf(req);
    const operation = operationOf(req, body.toString());
    const call: ProxiedCall = {
      seq: calls.length + 1,
      service,
      operation,
      mutating: !READ.test(operation),
      forwarded: false,
      startedAt: Date.now(),
    };
    calls.push(call);
    const finish = () => {
      call.endedAt = Date.now();
    };
    if (latencyMs > 0) await sleep(latencyMs);
    const fault = faultable(call) ? pickFault() : undefined;
    call.fault = fault;
    try {
      if (fault === 'throttle') {
        const e = errorResponse(
          req,
          service,
          400,
          service === 'ec2' ? 'RequestLimitExceeded' : 'Throttling',
          'Rate exceeded',
        );
        answer(res, 400, e.headers, e.body);
        return;
      }
      if (fault === 'server-error') {
        if (coin() < afterWrite) {
          call.forwarded = true;
          call.upstreamStatus = (await forward(req, body)).status;
        }
        const e = errorResponse(
          req,
          service,
          500,
          service === 'ec2' ? 'InternalError' : 'InternalFailure',
          'An internal error has occurred',
        );
        answer(res, 500, e.headers, e.body);
        return;
      }
      call.forwarded = true;
      const got = await forward(req, body);
      call.upstreamStatus = got.status;
      if (fault === 'lost-answer') {
        req.socket.destroy();
        return;
      }
      if (fault === 'slow') {
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, slowMs);
          timers.add(t);
        });
        answer(res, got.status, got.headers, got.body);
        return;
      }
      if (afterUpstream?.(call) === 'drop') {
        req.socket.destroy();
        return;
      }
      answer(res, got.status, got.headers, got.body);
    } catch (e) {
      if (!closing) answer(res, 502, { 'content-type': 'text/plain' }, `fault proxy: upstream failed: ${String(e)}`);
    } finally {
      finish();
    }
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

  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    countsByOperation(filter = () => true) {
      const out: Record<string, number> = {};
      for (const c of calls) if (filter(c)) out[c.operation] = (out[c.operation] ?? 0) + 1;
      return out;
    },
    faultCounts() {
      const out = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
      for (const c of calls) if (c.fault) out[c.fault] += 1;
      return out;
    },
    writes: () => calls.filter((c) => c.mutating),
    setRates,
    setAfterUpstream(hook) {
      afterUpstream = hook;
    },
    clear() {
      calls.length = 0;
    },
    close() {
      closing = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
