/**
 * How elbctl reaches AWS: proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (and their lower-case
 * forms) and TLS trust (a CA bundle, or no verification), for every AWS call, as the AWS CLI
 * honours them. The SDK's own Node handler (@smithy/node-http-handler) sends every request; this
 * module only gives it the agents.
 *
 * Why these pieces: the handler takes node:http agents, so undici's EnvHttpProxyAgent (a
 * dispatcher for fetch, not an http.Agent) does not fit it. https-proxy-agent (CONNECT tunnels
 * for https targets) and http-proxy-agent (absolute-URI requests for plain http targets, as
 * curl and the AWS CLI send them) are the maintained agents for that handler; one agent-base
 * agent picks, per request, the proxy or the direct agent. NO_PROXY is matched here, by hand:
 * proxy-from-env reads only process.env and matches `example.com` only exactly, while the AWS
 * CLI (and curl) also bypass its subdomains — `NO_PROXY=amazonaws.com` must cover every endpoint.
 */
import { BlockList, isIP } from 'node:net';
import * as http from 'node:http';
import * as https from 'node:https';
import { Agent as DispatchAgent, type AgentConnectOpts } from 'agent-base';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

export type Env = Readonly<Record<string, string | undefined>>;

/** TLS trust for AWS endpoints (and for an https proxy). */
export interface TlsTrust {
  /** PEM certificates that replace Node's built-in roots, as a CA bundle does for the AWS CLI. */
  ca?: string | undefined;
  /** false: --no-verify-ssl. */
  verify: boolean;
}

function envValue(env: Env, name: string): string | undefined {
  // The lower-case form wins, as in the AWS CLI (Python's urllib) and curl.
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function ipInCidr(host: string, cidr: string): boolean {
  const [net, bits] = cidr.split('/');
  const family = isIP(net ?? '');
  if (!family || isIP(host) !== family || bits === undefined || !/^\d+$/.test(bits)) return false;
  const list = new BlockList();
  try {
    list.addSubnet(net as string, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  } catch {
    return false;
  }
  return list.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Whether NO_PROXY says to connect directly: `*`; a host name that matches exactly or as a parent
 * domain (`example.com`, `.example.com` and `*.example.com` all cover `api.example.com`); an IP
 * address or CIDR block; each optionally with `:port`.
 */
export function bypassesProxy(host: string, port: number, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  const name = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let pattern = entry;
    let entryPort: number | undefined;
    const withPort = /^(.*?):(\d+)$/.exec(entry);
    if (withPort && !isIP(entry)) {
      pattern = withPort[1] as string;
      entryPort = Number(withPort[2]);
    }
    pattern = pattern.replace(/^\[|\]$/g, '');
    if (entryPort !== undefined && entryPort !== port) continue;
    if (pattern.includes('/')) {
      if (ipInCidr(name, pattern)) return true;
      continue;
    }
    const domain = pattern.replace(/^\*?\.?/, '');
    if (domain !== '' && (name === domain || name.endsWith(`.${domain}`))) return true;
  }
  return false;
}

/** The proxy URL for a request, or undefined to connect directly. */
export function proxyFor(secure: boolean, host: string, port: number, env: Env): string | undefined {
  if (bypassesProxy(host, port, envValue(env, 'NO_PROXY'))) return undefined;
  const proxy = envValue(env, secure ? 'HTTPS_PROXY' : 'HTTP_PROXY');
  if (proxy === undefined) return undefined;
  // `proxy.corp:3128` without a scheme means an http proxy, as curl reads it.
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

/** Checks the proxy variables up front, so a typo is a clear usage error, not a failed call. */
export function proxyProblems(env: Env): string[] {
  const problems: string[] = [];
  for (const name of ['HTTPS_PROXY', 'HTTP_PROXY']) {
    const value = envValue(env, name);
    if (value === undefined) continue;
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
    let url: URL | undefined;
    try {
      url = new URL(withScheme);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
      const which = env[name.toLowerCase()] !== undefined ? name.toLowerCase() : name;
      problems.push(`${which}: not an http or https proxy URL; write it as http://proxy.example.com:3128`);
    }
  }
  return problems;
}

const KEEP_ALIVE = { keepAlive: true, maxSockets: 50 } as const;

function tlsOptions(tls: TlsTrust): https.AgentOptions {
  return { ...(tls.ca !== undefined ? { ca: tls.ca } : {}), rejectUnauthorized: tls.verify };
}

/**
 * One agent for the handler's http or https side: each request goes direct or through the proxy
 * the environment names for its host, with one pooled agent per proxy.
 */
class EnvProxyAgent extends DispatchAgent {
  private readonly direct: http.Agent;
  private readonly viaProxy = new Map<string, http.Agent>();

  constructor(
    private readonly secure: boolean,
    private readonly env: Env,
    private readonly tls: TlsTrust,
  ) {
    // The TLS options are the request options too: https-proxy-agent upgrades the tunnel with the
    // options of the request it is handed, not with its own.
    super({ ...KEEP_ALIVE, ...tlsOptions(tls) });
    this.direct = secure ? new https.Agent({ ...KEEP_ALIVE, ...tlsOptions(tls) }) : new http.Agent(KEEP_ALIVE);
  }

  override connect(_req: http.ClientRequest, opts: AgentConnectOpts): http.Agent {
    const host = opts.host ?? 'localhost';
    const port = opts.port ?? (this.secure ? 443 : 80);
    const proxy = proxyFor(this.secure, host, port, this.env);
    if (proxy === undefined) return this.direct;
    let agent = this.viaProxy.get(proxy);
    if (!agent) {
      // The TLS options serve both the target (through the tunnel) and an https proxy itself.
      agent = this.secure
        ? new HttpsProxyAgent(proxy, { ...KEEP_ALIVE, ...tlsOptions(this.tls) })
        : new HttpProxyAgent(proxy, { ...KEEP_ALIVE, ...tlsOptions(this.tls) });
      this.viaProxy.set(proxy, agent);
    }
    return agent;
  }

  override destroy(): void {
    this.direct.destroy();
    for (const agent of this.viaProxy.values()) agent.destroy();
    super.destroy();
  }
}

export function createAgents(env: Env, tls: TlsTrust): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  return {
    httpAgent: new EnvProxyAgent(false, env, tls),
    // agent-base's Agent serves both protocols; the handler only needs an Agent it can pass on.
    httpsAgent: new EnvProxyAgent(true, env, tls) as unknown as https.Agent,
  };
}
