/**
 * Whether an existing listener already is the one asked for: actions and listeners compared
 * the way AWS reports them. (What a listener may be is the rulebook's: rules/listener.ts.)
 */
import type { Action } from './model';
import { isSecureProtocol } from './rules/listener';

function normaliseAction(a: Action): unknown {
  switch (a.type) {
    case 'forward':
      // One target group without a weight is the same as one with weight 1.
      return {
        type: a.type,
        groups: a.targetGroups
          .map((g) => `${g.targetGroupArn}=${a.targetGroups.length === 1 ? 1 : (g.weight ?? 1)}`)
          .sort(),
        stickiness: a.stickinessSeconds ?? null,
      };
    case 'redirect':
      return {
        type: a.type,
        protocol: a.protocol ?? '#{protocol}',
        port: a.port ?? '#{port}',
        host: a.host ?? '#{host}',
        path: a.path ?? '/#{path}',
        query: a.query ?? '#{query}',
        statusCode: a.statusCode,
      };
    case 'fixed-response':
      return {
        type: a.type,
        statusCode: a.statusCode,
        contentType: a.contentType ?? null,
        messageBody: a.messageBody ?? '',
      };
    case 'other':
      return { type: a.awsType };
  }
}

export function sameActions(a: readonly Action[], b: readonly Action[]): boolean {
  return JSON.stringify(a.map(normaliseAction)) === JSON.stringify(b.map(normaliseAction));
}

export interface ListenerShape {
  protocol: string;
  port: number;
  sslPolicy?: string | undefined;
  certificates: readonly string[];
  defaultActions: readonly Action[];
}

/**
 * What differs between an existing listener and the one asked for (empty: they are the same,
 * so nothing needs to be written). Only the default certificate is compared: extra
 * certificates are reported by DescribeListenerCertificates, not DescribeListeners.
 */
export function listenerDifferences(existing: ListenerShape, wanted: ListenerShape): string[] {
  const diffs: string[] = [];
  if (existing.protocol !== wanted.protocol) diffs.push(`protocol ${existing.protocol}, not ${wanted.protocol}`);
  if (!sameActions(existing.defaultActions, wanted.defaultActions)) diffs.push('another default action');
  if (existing.protocol === wanted.protocol && isSecureProtocol(wanted.protocol)) {
    if ((existing.certificates[0] ?? '') !== (wanted.certificates[0] ?? '')) diffs.push('another default certificate');
    if ((existing.sslPolicy ?? '') !== (wanted.sslPolicy ?? ''))
      diffs.push(`ssl policy ${existing.sslPolicy ?? 'none'}`);
  }
  return diffs;
}
