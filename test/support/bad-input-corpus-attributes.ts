/**
 * The bad-input corpus, attributes part (issue 12): keys written by hand that elbctl does not
 * know are refused with the nearest known one, in commands and stack files alike; `raw:` holds a
 * map and nothing else; listener attributes are judged by load balancer type and protocol. Each
 * is refused with 64 and a message, with no AWS write.
 */
import type { FlagCase, StackCase } from './bad-input-corpus';

const stack = (what: string, edits: Array<[string, string]>, message: string): StackCase => ({
  kind: 'attributes',
  what,
  edit: edits,
  code: 64,
  message,
});
const flag = (what: string, args: string[], message: string): FlagCase => ({
  kind: 'attributes',
  what,
  args,
  code: 64,
  message,
});

const ALB = '    securityGroups: [$SG]\n';
const ALB_LISTENER = '        defaultAction: { forward: front }\n';
const NLB_LISTENER = '        defaultAction: { forward: raw }\n';
const TG = '    healthCheck: { path: /health, interval: 15 }\n';

export function attributeStackCases(): StackCase[] {
  return [
    stack(
      'a load balancer attribute with a typo',
      [[ALB, `${ALB}    attributes: { routing.http2.enable: true }\n`]],
      'not a known application load balancer attribute; did you mean "routing.http2.enabled"?',
    ),
    stack(
      'a target group attribute cut short',
      [[TG, `${TG}    attributes: { slow_start.duration: 30 }\n`]],
      'did you mean "slow_start.duration_seconds"?',
    ),
    stack(
      'a network target group attribute on an HTTP target group',
      [[TG, `${TG}    attributes: { proxy_protocol_v2.enabled: true }\n`]],
      'target groups of network load balancers only; "front" is a HTTP target group',
    ),
    stack(
      'a map outside raw',
      [[ALB, `${ALB}    attributes: { access_logs: { s3.enabled: true } }\n`]],
      'only raw holds a map of KEY: VALUE',
    ),
    stack(
      'raw that is not a map',
      [[ALB, `${ALB}    attributes: { raw: on }\n`]],
      'attributes.raw: must be a map of KEY: VALUE',
    ),
    stack(
      'one key both judged and raw',
      [[ALB, `${ALB}    attributes: { waf.fail_open.enabled: true, raw: { waf.fail_open.enabled: "true" } }\n`]],
      'written both under attributes and under attributes.raw; keep one',
    ),
    stack(
      'a network listener attribute on an application listener',
      [[ALB_LISTENER, `${ALB_LISTENER}        attributes: { tcp.idle_timeout.seconds: 900 }\n`]],
      'not a listener attribute of an application load balancer (listener shop:80)',
    ),
    stack(
      'an mTLS header name on an HTTP listener',
      [
        [
          ALB_LISTENER,
          `${ALB_LISTENER}        attributes: { routing.http.request.x_amzn_mtls_clientcert.header_name: X-Cert }\n`,
        ],
      ],
      'HTTPS listeners only, listener shop:80 is HTTP',
    ),
    stack(
      'a TCP idle timeout out of range',
      [[NLB_LISTENER, `${NLB_LISTENER}        attributes: { tcp.idle_timeout.seconds: 6001 }\n`]],
      'attribute "tcp.idle_timeout.seconds=6001": must be a whole number from 60 to 6000',
    ),
    stack(
      'anomaly mitigation without the weighted_random algorithm',
      [
        [
          TG,
          `${TG}    algorithm: least_outstanding_requests\n    attributes: { load_balancing.algorithm.anomaly_mitigation: "on" }\n`,
        ],
      ],
      'load_balancing.algorithm.anomaly_mitigation=on needs load_balancing.algorithm.type=weighted_random, not least_outstanding_requests',
    ),
    stack(
      'a listener attribute with a typo',
      [[NLB_LISTENER, `${NLB_LISTENER}        attributes: { tcp.idle_timeout.second: 900 }\n`]],
      'did you mean "tcp.idle_timeout.seconds"?',
    ),
  ];
}

export function attributeFlagCases(): FlagCase[] {
  return [
    flag(
      'tg attributes key with a typo',
      ['tg', 'attributes', 'app', '--set', 'stickiness.enable=true'],
      'not a known target group attribute; did you mean "stickiness.enabled"?',
    ),
    flag(
      'tg attributes key for another kind of target group',
      ['tg', 'attributes', 'app', '--set', 'preserve_client_ip.enabled=false'],
      'target groups of network load balancers only; "app" is a HTTP target group',
    ),
    flag(
      'tg attributes anomaly mitigation on a round_robin target group',
      ['tg', 'attributes', 'app', '--set', 'load_balancing.algorithm.anomaly_mitigation=on', '-y'],
      'needs load_balancing.algorithm.type=weighted_random, not round_robin',
    ),
    flag(
      'listener attributes key with a typo',
      ['listener', 'attributes', 'edge:80', '--set', 'tcp.idle_timeout.second=900'],
      'did you mean "tcp.idle_timeout.seconds"?',
    ),
  ];
}
