/** The exact findings each failing case of cases.ts must produce (checked by checks.test.ts). */

export const EXPECTED: Record<string, Array<{ name: string; resource: string; evidence: string; fix: string }>> = {
  'http-without-redirect': [
    {
      name: 'web:80',
      resource:
        'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/0000000000000080',
      evidence: 'listener web:80 serves plain HTTP; its default action is forward, not a redirect to HTTPS',
      fix: 'elbctl listener modify web:80 --redirect-https',
    },
  ],
  'tls-below-1-2': [
    {
      name: 'web:443',
      resource:
        'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/0000000000000443',
      evidence: 'listener web:443 uses ELBSecurityPolicy-TLS-1-1-2017-01, which accepts TLS 1.1',
      fix: 'elbctl listener modify web:443 --ssl-policy ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    },
  ],
  'tls-without-forward-secrecy': [
    {
      name: 'edge:443',
      resource:
        'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/edge/0123456789abcdef/0000000000000443',
      evidence:
        'listener edge:443 uses ELBSecurityPolicy-TLS13-1-2-2021-06, which also offers RSA key-exchange ciphers',
      fix: 'elbctl listener modify edge:443 --ssl-policy ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    },
  ],
  'invalid-headers-kept': [
    {
      name: 'web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
      evidence: 'routing.http.drop_invalid_header_fields.enabled is false',
      fix: 'elbctl lb attributes web --set routing.http.drop_invalid_header_fields.enabled=true',
    },
  ],
  'desync-monitor': [
    {
      name: 'web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
      evidence: 'routing.http.desync_mitigation_mode is "monitor"',
      fix: 'elbctl lb attributes web --set routing.http.desync_mitigation_mode=defensive',
    },
  ],
  'no-deletion-protection': [
    {
      name: 'edge',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/edge/0123456789abcdef',
      evidence: 'deletion_protection.enabled is false',
      fix: 'elbctl lb attributes edge --set deletion_protection.enabled=true',
    },
  ],
  'no-access-logs': [
    {
      name: 'web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
      evidence: 'access_logs.s3.enabled is false',
      fix: 'elbctl lb attributes web --set access_logs.s3.enabled=true --set access_logs.s3.bucket=BUCKET',
    },
  ],
  'single-zone': [
    {
      name: 'web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
      evidence: 'it uses only us-east-1a',
      fix: 'elbctl lb modify web --subnets subnet-0aaa,SUBNET_IN_ANOTHER_ZONE',
    },
  ],
  'no-waf': [
    {
      name: 'web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
      evidence: 'no web ACL is associated (WAFv2 GetWebACLForResource)',
      fix: 'aws wafv2 associate-web-acl --web-acl-arn WEB_ACL_ARN --resource-arn arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
    },
  ],
  'certificate-expiring': [
    {
      name: 'web:443',
      resource:
        'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/0000000000000443',
      evidence: 'listener web:443: shop.example.com expires in 13 days (2026-12-20)',
      fix: 'renew or re-import it in ACM, or issue a new one and run: elbctl listener certs rotate web:443 --from arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555 --to NEW_CERTIFICATE_ARN',
    },
  ],
  'no-listener': [
    {
      name: 'web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
      evidence: 'it has no listener; $16.43 a month in hourly charges (list price of 2026-12-06)',
      fix: 'elbctl lb delete web',
    },
  ],
  'no-healthy-target': [
    {
      name: 'web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
      evidence: '1 target in 1 target group, none healthy; $16.43 a month in hourly charges (list price of 2026-12-06)',
      fix: 'elbctl doctor web',
    },
  ],
  idle: [
    {
      name: 'web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
      evidence:
        '0 requests (RequestCount) over the last 14 days; $16.43 a month in hourly charges (list price of 2026-12-06)',
      fix: 'elbctl lb delete web',
    },
  ],
  'targets-one-zone': [
    {
      name: 'api',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067',
      evidence: '2 targets, all in us-east-1a',
      fix: 'elbctl targets register api TARGET_IN_ANOTHER_ZONE',
    },
  ],
  'cross-zone-uneven': [
    {
      name: 'api',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067',
      evidence: 'behind edge with cross-zone off: us-east-1a 2, us-east-1b 1',
      fix: 'elbctl tg cross-zone api on (or register targets so every zone holds the same number)',
    },
  ],
  'unhealthy-targets': [
    {
      name: 'api',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067',
      evidence:
        '1 of 2 targets unhealthy — 10.0.1.10:80 Target.Timeout: the health check timed out; check that the target security group allows the load balancer on the health-check port and that the app is listening',
      fix: 'elbctl doctor api',
    },
  ],
  'default-health-check': [
    {
      name: 'api',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067',
      evidence: 'HTTP GET / on the traffic port with a 5 s timeout',
      fix: 'elbctl tg modify api --health-path /healthz',
    },
  ],
  'nlb-deregistration-delay': [
    {
      name: 'api',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067',
      evidence: "deregistration_delay.timeout_seconds is 300 (AWS's default)",
      fix: 'elbctl tg attributes api --set deregistration_delay.timeout_seconds=60',
    },
  ],
  'rules-quota': [
    {
      name: 'web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
      evidence:
        "81 of 100 rules (81%, 19 left; AWS's default quota L-7EED9B64); split: serve 40 hosts (a0.example.com, a1.example.com, a10.example.com, a11.example.com, a12.example.com, a13.example.com, and 34 more) from a second load balancer: 40 rules move, 1 must be on both, leaving 41 here and 41 there",
      fix: "move the listed hosts' rules to a second load balancer (elbctl export web gives a stack file to start from) and point their DNS at it, or raise the quota: aws service-quotas request-service-quota-increase --service-code elasticloadbalancing --quota-code L-7EED9B64 --desired-value 200 --region us-east-1",
    },
  ],
  'target-groups-quota': [
    {
      name: 'web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
      evidence: "80 of 100 target groups (80%, 20 left; AWS's default quota L-822D1B1B)",
      fix: 'aws service-quotas request-service-quota-increase --service-code elasticloadbalancing --quota-code L-822D1B1B --desired-value 200 --region us-east-1',
    },
  ],
  'certificates-quota': [
    {
      name: 'web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
      evidence:
        "20 of 25 certificates besides the listeners’ default ones (80%, 5 left; AWS's default quota L-9365A611)",
      fix: 'aws service-quotas request-service-quota-increase --service-code elasticloadbalancing --quota-code L-9365A611 --desired-value 50 --region us-east-1',
    },
  ],
  'targets-quota': [
    {
      name: 'api',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/73e2d6bc24d8a067',
      evidence: "800 of 1000 targets (80%, 200 left; AWS's default quota L-A0D0B863)",
      fix: 'aws service-quotas request-service-quota-increase --service-code elasticloadbalancing --quota-code L-A0D0B863 --desired-value 2000 --region us-east-1',
    },
  ],
  'classic-plain-listener': [
    {
      name: 'old-web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/old-web',
      evidence: 'unencrypted listener: HTTP:80',
      fix: 'elbctl migrate old-web --to application (then redirect HTTP to HTTPS on the new load balancer)',
    },
  ],
  'classic-no-cross-zone': [
    {
      name: 'old-web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/old-web',
      evidence: 'cross-zone load balancing is off',
      fix: 'aws elb modify-load-balancer-attributes --load-balancer-name old-web --load-balancer-attributes "{\\"CrossZoneLoadBalancing\\":{\\"Enabled\\":true}}" --region us-east-1',
    },
  ],
  'classic-single-zone': [
    {
      name: 'old-web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/old-web',
      evidence: 'it uses only us-east-1a',
      fix: 'elbctl migrate old-web --to network (with subnets in two zones or more)',
    },
  ],
  'classic-migrate': [
    {
      name: 'old-web',
      resource: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/old-web',
      evidence: 'HTTPS:443, 2 instances; it maps to an application load balancer',
      fix: 'elbctl migrate old-web --to application',
    },
  ],
};
