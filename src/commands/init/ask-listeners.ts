/** The wizard asks for listeners: HTTP/HTTPS with a certificate on an ALB, TCP/TLS on an NLB. */
import type { Certificate } from '../../aws/acm';
import {
  certificateArnAnswer,
  listenerPortAnswer,
  type ListenerAnswer,
  type WizardListenerProtocol,
} from '../../core/wizard';
import type { Choice } from '../../ui/prompter';
import type { Wizard } from './questions';

async function certificates(w: Wizard): Promise<Certificate[]> {
  const found = await w.deps.discovery.certificates();
  if (!found.ok) {
    w.lookupFailed(found, 'you can type a certificate ARN instead');
    return [];
  }
  if (found.value.length === 0) {
    w.deps.warn(
      `no issued ACM certificate in ${w.deps.region ?? 'this region'}: HTTPS needs one (request it with \`aws acm request-certificate\`); you can type a certificate ARN, or use plain HTTP`,
    );
  }
  return found.value;
}

function certificateLabel(c: Certificate): string {
  const more =
    c.alternativeNames.length > 0
      ? ` (+${c.alternativeNames.length} name${c.alternativeNames.length > 1 ? 's' : ''})`
      : '';
  return `${c.domainName || 'no domain name'}${more}, …${c.arn.slice(-12)}`;
}

async function typeCertificate(w: Wizard): Promise<string> {
  const typed = await w.ask.input('Certificate ARN', { validate: (v) => certificateArnAnswer(v.trim()) });
  return typed.trim();
}

export async function albListeners(w: Wizard): Promise<ListenerAnswer[]> {
  const certs = await certificates(w);
  const TYPE = 'type';
  const HTTP = 'http';
  const choices: Choice<string>[] = [
    ...certs.map((c) => ({
      value: c.arn,
      short: `HTTPS 443 (${c.domainName || c.arn}), HTTP 80 redirects`,
      name: `HTTPS on 443 with ${certificateLabel(c)}; HTTP on 80 redirects to it`,
    })),
    {
      value: TYPE,
      short: 'HTTPS 443 (certificate typed next), HTTP 80 redirects',
      name: 'HTTPS on 443 with a certificate ARN I type; HTTP on 80 redirects to it',
    },
    { value: HTTP, short: 'HTTP 80', name: 'HTTP on 80 only (no certificate: traffic is not encrypted)' },
  ];
  const picked = await w.ask.select('Listeners', choices, { default: certs[0]?.arn ?? HTTP });
  if (picked === HTTP) return [{ protocol: 'HTTP', port: 80 }];
  const certificate = picked === TYPE ? await typeCertificate(w) : picked;
  return [
    { protocol: 'HTTP', port: 80, redirectToHttpsPort: 443 },
    { protocol: 'HTTPS', port: 443, certificateArn: certificate },
  ];
}

export async function nlbListeners(w: Wizard): Promise<ListenerAnswer[]> {
  const listeners: ListenerAnswer[] = [];
  do {
    const protocol = await w.ask.select<WizardListenerProtocol>(
      listeners.length === 0 ? 'Listener protocol' : 'Next listener protocol',
      [
        { value: 'TCP', short: 'TCP', name: 'TCP  passes connections through to the targets as they are' },
        { value: 'TLS', short: 'TLS', name: 'TLS  ends TLS at the load balancer with an ACM certificate' },
      ],
      { default: 'TCP' },
    );
    const used = listeners.map((l) => l.port);
    const preferred = protocol === 'TLS' ? [443, 8443, 80] : [80, 443, 8080];
    const free = preferred.find((p) => !used.includes(p));
    const port = await w.ask.input('Listener port', {
      ...(free !== undefined ? { default: String(free) } : {}),
      validate: (v) => listenerPortAnswer(v, used),
    });
    const listener: ListenerAnswer = { protocol, port: Number(port.trim()) };
    if (protocol === 'TLS') listener.certificateArn = await askNlbCertificate(w);
    listeners.push(listener);
  } while (await w.ask.confirm('Add another listener?', { default: false }));
  return listeners;
}

async function askNlbCertificate(w: Wizard): Promise<string> {
  const certs = await certificates(w);
  const TYPE = 'type';
  const picked = await w.ask.select(
    'Certificate',
    [
      ...certs.map((c) => ({ value: c.arn, short: c.domainName || c.arn, name: certificateLabel(c) })),
      { value: TYPE, name: 'a certificate ARN I type' },
    ],
    certs[0] ? { default: certs[0].arn } : {},
  );
  return picked === TYPE ? typeCertificate(w) : picked;
}
