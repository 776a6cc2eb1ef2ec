/**
 * A loopback HTTP proxy between elbctl and moto that records every AWS call (service and
 * operation), so tests can count calls — e.g. prove that invalid input makes no AWS write.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';

interface RecordedCall {
  service: string;
  operation: string;
}

export interface RecordingProxy {
  readonly endpoint: string;
  readonly calls: RecordedCall[];
  /** Calls whose operation is not a read (Describe*, List*, Get*). */
  writes(): RecordedCall[];
  clear(): void;
  close(): Promise<void>;
}

const READ = /^(Describe|List|Get)/;

/** Service from the SigV4 credential scope: `Credential=AKID/DATE/REGION/SERVICE/aws4_request`. */
function serviceOf(req: IncomingMessage): string {
  const auth = req.headers.authorization ?? '';
  const m = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(auth);
  return m?.[1] ?? 'unknown';
}

/** Query-protocol services (ELBv2, EC2, CloudWatch) send `Action=`; JSON ones an X-Amz-Target header. */
function operationOf(req: IncomingMessage, body: string): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  const fromBody = new URLSearchParams(body).get('Action');
  if (fromBody) return fromBody;
  const fromUrl = new URL(req.url ?? '/', 'http://x').searchParams.get('Action');
  return fromUrl ?? `${req.method} ${req.url}`;
}

/**
 * `headers` are added to every forwarded request: `{ 'x-moto-account-id': '222222222222' }` makes
 * the emulator serve a second, empty account behind the same endpoint.
 */
export async function startRecordingProxy(
  upstream: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<RecordingProxy> {
  const up = new URL(upstream);
  const calls: RecordedCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      calls.push({ service: serviceOf(req), operation: operationOf(req, body.toString()) });
      const forward = request(
        {
          host: up.hostname,
          port: up.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, ...headers },
        },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      forward.on('error', (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    writes: () => calls.filter((c) => !READ.test(c.operation)),
    clear: () => {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
