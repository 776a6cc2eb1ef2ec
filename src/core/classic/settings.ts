/**
 * The per-setting translations: the health check, stickiness, the TLS policy of a listener, the
 * backend policies, and the load balancer's attributes. Each returns what goes in the file and
 * the findings that say what changed or what needs a hand.
 */
import { quote } from '../echo';
import type { HealthCheckFile, StickinessFile } from '../stack/schema';
import { blocking, type Finding, note } from './findings';
import { mapHealthNumbers, parseHealthTarget } from './health-check';
import type { MigrateTo } from './listeners';
import type { ClassicAttributes, ClassicHealthCheck, ClassicListener, ClassicPolicy } from './model';
import { nearestTlsPolicy } from './tls-policies';

const SUBJECT_HC = 'health check';
/** ELBv2's default stickiness duration: what a Classic session cookie becomes. */
const DEFAULT_COOKIE_SECONDS = 86_400;
const MAX_COOKIE_SECONDS = 604_800;

export function translateHealthCheck(
  hc: ClassicHealthCheck,
  type: MigrateTo,
  healthPath: string | undefined,
): { healthCheck?: HealthCheckFile | undefined; findings: Finding[] } {
  const findings: Finding[] = [];
  const parsed = parseHealthTarget(hc.target);
  if (!parsed) {
    findings.push(
      blocking(
        SUBJECT_HC,
        `target ${quote(hc.target)} is not PROTOCOL:PORT[/PATH]`,
        'write healthCheck for each target group by hand',
      ),
    );
    return { findings };
  }
  const { numbers, notes } = mapHealthNumbers(hc);
  for (const n of notes) findings.push(note(SUBJECT_HC, n));
  const numbersOf = {
    interval: numbers.interval,
    timeout: numbers.timeout,
    healthyThreshold: numbers.healthyThreshold,
    unhealthyThreshold: numbers.unhealthyThreshold,
  };
  if (parsed.protocol === 'HTTP' || parsed.protocol === 'HTTPS') {
    // A Classic HTTP check passes on 200 only; ELBv2's network default is 200-399.
    return {
      healthCheck: { protocol: parsed.protocol, port: parsed.port, path: parsed.path, matcher: '200', ...numbersOf },
      findings,
    };
  }
  const asHttp = parsed.protocol === 'SSL' ? 'HTTPS' : 'HTTP';
  if (healthPath !== undefined) {
    findings.push(
      note(
        SUBJECT_HC,
        `${hc.target} checked a connection only; --health-path makes it ${asHttp}:${parsed.port}${healthPath} (200 = healthy)`,
      ),
    );
    return {
      healthCheck: { protocol: asHttp, port: parsed.port, path: healthPath, matcher: '200', ...numbersOf },
      findings,
    };
  }
  if (type === 'application') {
    findings.push(
      blocking(
        SUBJECT_HC,
        `${hc.target} checks a connection, and application load balancer target groups check health over HTTP/HTTPS only`,
        `run migrate again with --health-path /PATH (a path your instances answer 200 on over ${asHttp} port ${parsed.port})`,
      ),
    );
    return { findings };
  }
  if (parsed.protocol === 'SSL') {
    findings.push(
      note(
        SUBJECT_HC,
        `${hc.target}: a network load balancer has no SSL health check; TCP:${parsed.port} checks the connection but not the TLS handshake`,
      ),
    );
  }
  return { healthCheck: { protocol: 'TCP', port: parsed.port, ...numbersOf }, findings };
}

export interface StickinessResult {
  stickiness?: StickinessFile | undefined;
  findings: Finding[];
}

/** The stickiness policy on a listener (if any) → a target group's stickiness. */
export function translateStickiness(
  listener: ClassicListener,
  policies: readonly ClassicPolicy[],
  type: MigrateTo,
): StickinessResult {
  const subject = `listener ${listener.port}`;
  const sticky = policies.find(
    (p) => listener.policyNames.includes(p.name) && (p.kind === 'lb-cookie' || p.kind === 'app-cookie'),
  );
  if (!sticky) return { findings: [] };
  if (type === 'network') {
    return {
      findings: [
        blocking(
          subject,
          `${sticky.kind} stickiness (policy ${quote(sticky.name)}) cannot move to a network load balancer, whose only stickiness is by source IP`,
          'migrate with --to application, or accept source-IP stickiness: add stickiness: { type: source_ip } to the target group and delete this finding',
        ),
      ],
    };
  }
  if (sticky.kind === 'app-cookie') {
    return {
      stickiness: {
        enabled: true,
        type: 'app_cookie',
        cookieName: sticky.cookieName,
        duration: DEFAULT_COOKIE_SECONDS,
      },
      findings: [
        note(
          subject,
          `app-cookie stickiness on ${quote(sticky.cookieName)} → app_cookie; ELBv2 also expires its own stickiness cookie, set to ${DEFAULT_COOKIE_SECONDS} s (the ELBv2 default)`,
        ),
      ],
    };
  }
  if (sticky.kind !== 'lb-cookie') return { findings: [] };
  const asked = sticky.expirationSeconds;
  if (asked === undefined || asked <= 0) {
    return {
      stickiness: { enabled: true, type: 'lb_cookie', duration: DEFAULT_COOKIE_SECONDS },
      findings: [
        note(
          subject,
          `LB-cookie stickiness lasted the browser session; ELBv2 cookies always expire, set to ${DEFAULT_COOKIE_SECONDS} s`,
        ),
      ],
    };
  }
  if (asked > MAX_COOKIE_SECONDS) {
    return {
      stickiness: { enabled: true, type: 'lb_cookie', duration: MAX_COOKIE_SECONDS },
      findings: [
        note(subject, `LB-cookie stickiness of ${asked} s: ELBv2 allows at most ${MAX_COOKIE_SECONDS} s; clamped`),
      ],
    };
  }
  return { stickiness: { enabled: true, type: 'lb_cookie', duration: asked }, findings: [] };
}

/** The TLS policy of an HTTPS/SSL listener: the nearest ELBv2 one, named with what it drops. */
export function translateTlsPolicy(
  listener: ClassicListener,
  policies: readonly ClassicPolicy[],
): { sslPolicy?: string | undefined; findings: Finding[] } {
  const subject = `listener ${listener.port}`;
  const negotiation = policies.find((p) => listener.policyNames.includes(p.name) && p.kind === 'ssl-negotiation');
  if (negotiation?.kind !== 'ssl-negotiation') {
    return {
      findings: [
        note(
          subject,
          'no SSL negotiation policy on the Classic listener; the new one gets elbctl’s recommended policy',
        ),
      ],
    };
  }
  const reference =
    negotiation.reference ?? (negotiation.name.startsWith('ELBSecurityPolicy-') ? negotiation.name : undefined);
  if (reference === undefined) {
    return {
      findings: [
        blocking(
          subject,
          `policy ${quote(negotiation.name)} is a custom SSL negotiation (its own protocols and ciphers); ELBv2 has predefined policies only`,
          'pick the nearest with `aws elbv2 describe-ssl-policies`, set sslPolicy on this listener, and delete this finding',
        ),
      ],
    };
  }
  const nearest = nearestTlsPolicy(reference);
  if (!nearest) {
    return {
      findings: [
        blocking(
          subject,
          `SSL policy ${quote(reference)} is not in elbctl's table of Classic policies`,
          'pick the nearest with `aws elbv2 describe-ssl-policies`, set sslPolicy on this listener, and delete this finding',
        ),
      ],
    };
  }
  return {
    sslPolicy: nearest.policy,
    findings: [
      note(
        subject,
        nearest.drops
          ? `TLS policy ${reference} → ${nearest.policy}, which drops ${nearest.drops}`
          : `TLS policy ${reference} → ${nearest.policy} (the same protocols and ciphers)`,
      ),
    ],
  };
}

/** Policies with no ELBv2 equivalent: backend authentication, proxy protocol, unknown kinds. */
export function backendFindings(
  backends: ReadonlyArray<{ instancePort: number; policyNames: string[] }>,
  policies: readonly ClassicPolicy[],
  type: MigrateTo,
): Finding[] {
  const findings: Finding[] = [];
  for (const b of backends) {
    for (const name of b.policyNames) {
      const p = policies.find((x) => x.name === name);
      const subject = `instance port ${b.instancePort}`;
      if (p?.kind === 'proxy-protocol') {
        findings.push(
          type === 'network'
            ? blocking(
                subject,
                `the Classic load balancer sends PROXY protocol v1 (policy ${quote(name)}); a network load balancer sends v2 only`,
                `make the instances on port ${b.instancePort} accept PROXY protocol v2, add attributes: { proxy_protocol_v2.enabled: true } to its target group, and delete this finding`,
              )
            : blocking(
                subject,
                `the Classic load balancer sends PROXY protocol v1 (policy ${quote(name)}); an application load balancer never does (it adds X-Forwarded-For instead)`,
                `make the instances on port ${b.instancePort} read the client address from X-Forwarded-For, then delete this finding`,
              ),
        );
      } else if (p?.kind === 'backend-authentication' || p?.kind === 'public-key') {
        findings.push(
          blocking(
            subject,
            `backend authentication (policy ${quote(name)}): the Classic load balancer checks the instances' certificate; ELBv2 encrypts to HTTPS/TLS targets but does not authenticate them`,
            'decide that encryption without authentication is acceptable (or put the check in the instances), then delete this finding',
          ),
        );
      } else {
        findings.push(
          blocking(
            subject,
            `policy ${quote(name)} (${p?.kind === 'other' ? p.type : 'unknown'}) has no ELBv2 equivalent elbctl knows`,
            'recreate its effect by hand, then delete this finding',
          ),
        );
      }
    }
  }
  return findings;
}

/** Listener policies that are neither stickiness nor SSL negotiation. */
export function otherListenerPolicyFindings(listener: ClassicListener, policies: readonly ClassicPolicy[]): Finding[] {
  return listener.policyNames.flatMap((name) => {
    const p = policies.find((x) => x.name === name);
    if (p && (p.kind === 'lb-cookie' || p.kind === 'app-cookie' || p.kind === 'ssl-negotiation')) return [];
    return [
      blocking(
        `listener ${listener.port}`,
        `policy ${quote(name)} (${p?.kind === 'other' ? p.type : (p?.kind ?? 'not found')}) has no ELBv2 equivalent elbctl knows`,
        'recreate its effect by hand, then delete this finding',
      ),
    ];
  });
}

export interface AttributesResult {
  attributes: Record<string, string | number | boolean>;
  findings: Finding[];
}

/** Idle timeout and access logs → load balancer attributes. */
export function translateLbAttributes(a: ClassicAttributes, type: MigrateTo, hasTls: boolean): AttributesResult {
  const attributes: Record<string, string | number | boolean> = {};
  const findings: Finding[] = [];
  if (type === 'application') {
    attributes['idle_timeout.timeout_seconds'] = a.idleTimeoutSeconds;
  } else if (a.idleTimeoutSeconds !== 350) {
    findings.push(
      note(
        'idle timeout',
        `${a.idleTimeoutSeconds} s on the Classic load balancer; a network load balancer closes idle TCP flows after 350 s (a listener attribute, tcp.idle_timeout.seconds, set outside this file)`,
      ),
    );
  }
  if (a.accessLog.enabled) {
    attributes['access_logs.s3.enabled'] = true;
    if (a.accessLog.bucket) attributes['access_logs.s3.bucket'] = a.accessLog.bucket;
    if (a.accessLog.prefix) attributes['access_logs.s3.prefix'] = a.accessLog.prefix;
    findings.push(
      note(
        'access logs',
        `kept in s3://${a.accessLog.bucket ?? '?'}${a.accessLog.prefix ? `/${a.accessLog.prefix}` : ''}; ELBv2 writes every 5 minutes${a.accessLog.intervalMinutes !== undefined && a.accessLog.intervalMinutes !== 5 ? ` (the Classic interval was ${a.accessLog.intervalMinutes} min)` : ''} in its own log format; check the bucket policy lets ELBv2 deliver`,
      ),
    );
    if (type === 'network' && !hasTls)
      findings.push(note('access logs', 'a network load balancer logs TLS listeners only; this one has none'));
  }
  return { attributes, findings };
}
