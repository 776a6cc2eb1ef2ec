/**
 * Security checks, each matched to the AWS Security Hub control (by public ID) that asks the same
 * question, so an audit here and Security Hub's answers can be read side by side.
 */
import { daysLeft } from '../certificates';
import { quote } from '../echo';
import type { Listener } from '../model';
import {
  type AuditedLoadBalancer,
  type CheckSpec,
  type RegionSnapshot,
  aboutLoadBalancer,
  isOn,
  listenerRef,
} from './model';
import { RECOMMENDED_TLS_POLICY, tlsPolicyFacts } from './tls-policies';

/** Certificates expiring within this many days are reported (Security Hub's ACM.1 default). */
const CERTIFICATE_WARNING_DAYS = 30;

const SECURE_PROTOCOLS = new Set(['HTTPS', 'TLS']);

const albs = (s: RegionSnapshot) => s.loadBalancers.filter((a) => a.loadBalancer.type === 'application');

function perListener(
  s: RegionSnapshot,
  pick: (a: AuditedLoadBalancer, l: Listener) => { evidence: string; fix: string } | undefined,
) {
  return s.loadBalancers.flatMap((a) =>
    a.listeners.flatMap(({ listener }) => {
      const found = pick(a, listener);
      return found
        ? [
            {
              ...aboutLoadBalancer(s, a.loadBalancer),
              resource: listener.arn,
              name: listenerRef(a.loadBalancer, listener),
              ...found,
            },
          ]
        : [];
    }),
  );
}

const redirectsToHttps = (l: Listener) =>
  l.defaultActions.some((a) => a.type === 'redirect' && (a.protocol ?? '').toUpperCase() === 'HTTPS');

const HTTP_WITHOUT_REDIRECT: CheckSpec = {
  id: 'http-without-redirect',
  family: 'security',
  severity: 'high',
  title: 'HTTP listener does not redirect to HTTPS',
  control: 'ELB.1',
  rationale: 'a plain HTTP listener that serves content sends requests and cookies in clear text',
  run: (s) =>
    perListener(s, (a, l) =>
      a.loadBalancer.type === 'application' && l.protocol === 'HTTP' && !redirectsToHttps(l)
        ? {
            evidence: `listener ${listenerRef(a.loadBalancer, l)} serves plain HTTP; its default action is ${l.defaultActions.map((x) => (x.type === 'other' ? x.awsType : x.type)).join(', ') || 'none'}, not a redirect to HTTPS`,
            fix: `elbctl listener modify ${listenerRef(a.loadBalancer, l)} --redirect-https`,
          }
        : undefined,
    ),
};

const policyFix = (a: AuditedLoadBalancer, l: Listener) =>
  `elbctl listener modify ${listenerRef(a.loadBalancer, l)} --ssl-policy ${RECOMMENDED_TLS_POLICY}`;

const TLS_BELOW_1_2: CheckSpec = {
  id: 'tls-below-1-2',
  family: 'security',
  severity: 'high',
  title: 'TLS policy allows TLS 1.0 or 1.1',
  control: 'ELB.17',
  rationale: 'TLS 1.0 and 1.1 are deprecated (RFC 8996); a policy that accepts them lets clients negotiate them',
  run: (s) =>
    perListener(s, (a, l) => {
      if (!SECURE_PROTOCOLS.has(l.protocol) || !l.sslPolicy) return undefined;
      const facts = tlsPolicyFacts(l.sslPolicy);
      if (!facts || facts.minVersion === '1.2' || facts.minVersion === '1.3') return undefined;
      return {
        evidence: `listener ${listenerRef(a.loadBalancer, l)} uses ${l.sslPolicy}, which accepts TLS ${facts.minVersion}`,
        fix: policyFix(a, l),
      };
    }),
};

const TLS_WITHOUT_FORWARD_SECRECY: CheckSpec = {
  id: 'tls-without-forward-secrecy',
  family: 'security',
  severity: 'low',
  title: 'TLS policy offers ciphers without forward secrecy',
  control: 'ELB.17',
  rationale: 'with an RSA key exchange, a leaked private key decrypts every recorded session',
  run: (s) =>
    perListener(s, (a, l) => {
      if (!SECURE_PROTOCOLS.has(l.protocol) || !l.sslPolicy) return undefined;
      const facts = tlsPolicyFacts(l.sslPolicy);
      if (!facts || facts.forwardSecrecy) return undefined;
      return {
        evidence: `listener ${listenerRef(a.loadBalancer, l)} uses ${l.sslPolicy}, which also offers RSA key-exchange ciphers`,
        fix: policyFix(a, l),
      };
    }),
};

const setAttribute = (lb: string, key: string, value: string) => `elbctl lb attributes ${lb} --set ${key}=${value}`;

function perLoadBalancer(
  s: RegionSnapshot,
  among: AuditedLoadBalancer[],
  pick: (a: AuditedLoadBalancer) => { evidence: string; fix: string } | undefined,
) {
  return among.flatMap((a) => {
    const found = pick(a);
    return found ? [{ ...aboutLoadBalancer(s, a.loadBalancer), ...found }] : [];
  });
}

const INVALID_HEADERS_KEPT: CheckSpec = {
  id: 'invalid-headers-kept',
  family: 'security',
  severity: 'medium',
  title: 'ALB passes invalid HTTP header fields to targets',
  control: 'ELB.4',
  rationale: 'headers that are not valid HTTP reach the application, a path for request smuggling',
  run: (s) =>
    perLoadBalancer(s, albs(s), (a) =>
      isOn(a.attributes, 'routing.http.drop_invalid_header_fields.enabled')
        ? undefined
        : {
            evidence: `routing.http.drop_invalid_header_fields.enabled is ${a.attributes['routing.http.drop_invalid_header_fields.enabled'] ?? 'not set'}`,
            fix: setAttribute(a.loadBalancer.name, 'routing.http.drop_invalid_header_fields.enabled', 'true'),
          },
    ),
};

const DESYNC_MONITOR: CheckSpec = {
  id: 'desync-monitor',
  family: 'security',
  severity: 'medium',
  title: 'ALB desync mitigation is only monitoring',
  control: 'ELB.12',
  rationale: 'in monitor mode, ambiguous requests (HTTP desync) are forwarded instead of being blocked',
  run: (s) =>
    perLoadBalancer(s, albs(s), (a) => {
      const mode = a.attributes['routing.http.desync_mitigation_mode'];
      return mode === undefined || mode === 'defensive' || mode === 'strictest'
        ? undefined
        : {
            evidence: `routing.http.desync_mitigation_mode is ${quote(mode)}`,
            fix: setAttribute(a.loadBalancer.name, 'routing.http.desync_mitigation_mode', 'defensive'),
          };
    }),
};

const NO_DELETION_PROTECTION: CheckSpec = {
  id: 'no-deletion-protection',
  family: 'security',
  severity: 'medium',
  title: 'Deletion protection is off',
  control: 'ELB.6',
  rationale: 'one DeleteLoadBalancer call (a script, a stray destroy) takes the endpoint and its DNS name away',
  run: (s) =>
    perLoadBalancer(s, s.loadBalancers, (a) =>
      isOn(a.attributes, 'deletion_protection.enabled')
        ? undefined
        : {
            evidence: 'deletion_protection.enabled is false',
            fix: setAttribute(a.loadBalancer.name, 'deletion_protection.enabled', 'true'),
          },
    ),
};

const NO_ACCESS_LOGS: CheckSpec = {
  id: 'no-access-logs',
  family: 'security',
  severity: 'medium',
  title: 'ALB access logs are off',
  control: 'ELB.5',
  rationale: 'without access logs there is no record of who sent which request, for incidents or audits',
  run: (s) =>
    perLoadBalancer(s, albs(s), (a) =>
      isOn(a.attributes, 'access_logs.s3.enabled')
        ? undefined
        : {
            evidence: 'access_logs.s3.enabled is false',
            fix: `elbctl lb attributes ${a.loadBalancer.name} --set access_logs.s3.enabled=true --set access_logs.s3.bucket=BUCKET`,
          },
    ),
};

const SINGLE_ZONE: CheckSpec = {
  id: 'single-zone',
  family: 'security',
  severity: 'medium',
  title: 'Load balancer uses one Availability Zone',
  control: 'ELB.13',
  rationale: 'a zone outage takes the whole load balancer down',
  run: (s) =>
    perLoadBalancer(s, s.loadBalancers, (a) =>
      a.loadBalancer.availabilityZones.length >= 2
        ? undefined
        : {
            evidence: `it uses ${a.loadBalancer.availabilityZones.length === 0 ? 'no zone' : `only ${a.loadBalancer.availabilityZones.join('')}`}`,
            fix: `elbctl lb modify ${a.loadBalancer.name} --subnets ${[...a.loadBalancer.subnets, 'SUBNET_IN_ANOTHER_ZONE'].join(',')}`,
          },
    ),
};

const NO_WAF: CheckSpec = {
  id: 'no-waf',
  family: 'security',
  severity: 'medium',
  title: 'ALB has no AWS WAF web ACL',
  control: 'ELB.16',
  rationale: 'an internet-facing application with no web ACL has no rate limiting or managed rules in front of it',
  run: (s) =>
    perLoadBalancer(s, albs(s), (a) =>
      a.webAcl === null && a.loadBalancer.scheme === 'internet-facing'
        ? {
            evidence: 'no web ACL is associated (WAFv2 GetWebACLForResource)',
            fix: `aws wafv2 associate-web-acl --web-acl-arn WEB_ACL_ARN --resource-arn ${a.loadBalancer.arn}`,
          }
        : undefined,
    ),
};

const CERTIFICATE_EXPIRING: CheckSpec = {
  id: 'certificate-expiring',
  family: 'security',
  severity: 'high',
  title: `Listener certificate expires within ${CERTIFICATE_WARNING_DAYS} days`,
  control: 'ACM.1',
  rationale: 'an expired certificate breaks every TLS handshake; imported certificates are never renewed by ACM',
  run: (s, ctx) => {
    const byArn = new Map(s.certificates.map((c) => [c.arn, c]));
    return perListener(s, (a, l) => {
      if (!SECURE_PROTOCOLS.has(l.protocol)) return undefined;
      const expiring = l.certificates
        .map((arn) => ({ arn, cert: byArn.get(arn) }))
        .map((c) => ({ ...c, days: daysLeft(c.cert?.notAfter, ctx.now) }))
        .filter((c): c is typeof c & { days: number } => c.days !== undefined && c.days <= CERTIFICATE_WARNING_DAYS);
      const first = expiring[0];
      if (!first) return undefined;
      const words = expiring.map(
        (c) =>
          `${c.cert?.domainName ?? c.arn} ${c.days < 0 ? `expired ${-c.days} days ago` : `expires in ${c.days} days`} (${c.cert?.notAfter?.toISOString().slice(0, 10)})`,
      );
      return {
        evidence: `listener ${listenerRef(a.loadBalancer, l)}: ${words.join('; ')}`,
        fix: `renew or re-import it in ACM, or issue a new one and run: elbctl listener certs rotate ${listenerRef(a.loadBalancer, l)} --from ${first.arn} --to NEW_CERTIFICATE_ARN`,
      };
    });
  },
};

export const SECURITY_CHECKS: readonly CheckSpec[] = [
  HTTP_WITHOUT_REDIRECT,
  TLS_BELOW_1_2,
  TLS_WITHOUT_FORWARD_SECRECY,
  INVALID_HEADERS_KEPT,
  DESYNC_MONITOR,
  NO_DELETION_PROTECTION,
  NO_ACCESS_LOGS,
  SINGLE_ZONE,
  NO_WAF,
  CERTIFICATE_EXPIRING,
];
