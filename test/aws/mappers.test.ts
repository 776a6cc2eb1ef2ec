/** Load balancers as AWS describes them → elbctl's model: what it does not manage is kept by name, never dropped. */
import type { LoadBalancer as SdkLoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import { toLoadBalancer } from '../../src/aws/mappers';

const base: SdkLoadBalancer = {
  LoadBalancerName: 'edge',
  LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/edge/0123456789abcdef',
  Type: 'network',
  Scheme: 'internet-facing',
  AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-0aaa1111' }],
};

describe('toLoadBalancer: settings elbctl does not manage', () => {
  it('GIVEN the defaults (PrivateLink inbound rules on, IPv6 source NAT off, no pools) WHEN read THEN none is named', () => {
    const lb = toLoadBalancer({
      ...base,
      EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: 'on',
      EnablePrefixForIpv6SourceNat: 'off',
    });
    expect(lb.unmanagedSettings).toBeUndefined();
  });

  it('GIVEN each off its default WHEN read THEN each is named FIELD=VALUE, in a fixed order', () => {
    const lb = toLoadBalancer({
      ...base,
      CustomerOwnedIpv4Pool: 'ipv4pool-coip-0123456789abcdef0',
      IpamPools: { Ipv4IpamPoolId: 'ipam-pool-0123456789abcdef0' },
      EnablePrefixForIpv6SourceNat: 'on',
      EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: 'off',
    });
    expect(lb.unmanagedSettings).toEqual([
      'CustomerOwnedIpv4Pool=ipv4pool-coip-0123456789abcdef0',
      'IpamPools.Ipv4IpamPoolId=ipam-pool-0123456789abcdef0',
      'EnablePrefixForIpv6SourceNat=on',
      'EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic=off',
    ]);
  });
});
