/**
 * A loopback forward proxy, as a corporate one: CONNECT tunnels (https endpoints) and
 * absolute-URI requests (http endpoints), each counted. Host names are resolved from its own
 * table only, so a name that only the proxy knows proves a request went through it.
 */
import { createServer, request, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface ForwardProxy {
  readonly url: string;
  /** `host:port` of every CONNECT. */
  readonly connects: string[];
  /** The absolute URL of every plain request. */
  readonly plain: string[];
  close(): Promise<void>;
}

export async function startForwardProxy(hosts: Record<string, string>): Promise<ForwardProxy> {
  const connects: string[] = [];
  const plain: string[] = [];
  const sockets = new Set<Socket>();
  const resolveHost = (name: string) => hosts[name.toLowerCase()];
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '/');
    plain.push(target.href);
    const address = resolveHost(target.hostname);
    if (!address) {
      res.writeHead(502).end(`unknown host ${target.hostname}`);
      return;
    }
    const up = request(
      {
        host: address,
        port: target.port,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers: req.headers,
      },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const [name, port] = (req.url ?? '').split(':');
    connects.push(req.url ?? '');
    const address = resolveHost(name ?? '');
    if (!address) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const up = connect(Number(port), address, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    sockets.add(up);
    sockets.add(client);
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    plain,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
