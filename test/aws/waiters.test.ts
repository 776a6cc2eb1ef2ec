import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { Elbv2Gateway } from '../../src/aws/elbv2/gateway';
import { ElbctlError } from '../../src/core/errors';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1';

beforeEach(() => elbv2.reset());

describe('load balancer waiters', () => {
  it('GIVEN a load balancer that stays provisioning WHEN waiting runs out THEN the error says AWS is still working, not that it is unreachable', async () => {
    elbv2
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancers: [{ LoadBalancerArn: ARN, State: { Code: 'provisioning' } }] });
    const gateway = new Elbv2Gateway(new ElasticLoadBalancingV2Client({ region: 'us-east-1' }));
    const error = await gateway.waitUntilAvailable(ARN, 3).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ElbctlError);
    expect((error as ElbctlError).code).toBe('E_WAIT_TIMEOUT');
    expect((error as ElbctlError).message).toBe(
      'waited 3 s for the load balancer to become active; AWS has not finished yet',
    );
    expect(elbv2).toHaveReceivedCommandWith(DescribeLoadBalancersCommand, { LoadBalancerArns: [ARN] });
  });

  it('GIVEN the load balancer turns active on the second poll WHEN waiting THEN it resolves', async () => {
    elbv2
      .on(DescribeLoadBalancersCommand)
      .resolvesOnce({ LoadBalancers: [{ LoadBalancerArn: ARN, State: { Code: 'provisioning' } }] })
      .resolves({ LoadBalancers: [{ LoadBalancerArn: ARN, State: { Code: 'active' } }] });
    const gateway = new Elbv2Gateway(new ElasticLoadBalancingV2Client({ region: 'us-east-1' }));
    await expect(gateway.waitUntilAvailable(ARN, 30)).resolves.toBeUndefined();
    expect(elbv2).toHaveReceivedCommandTimes(DescribeLoadBalancersCommand, 2);
  });
});
