/**
 * The AWS WAF (v2) gateway, read-only: which load balancers a regional web ACL protects. AWS
 * allows GetWebACLForResource about once a second per account and region, so instead of one call
 * per load balancer it lists the region's web ACLs and, per web ACL, the load balancers it covers:
 * a handful of calls whatever the fleet's size.
 */
import { ListResourcesForWebACLCommand, ListWebACLsCommand, type WAFV2Client } from '@aws-sdk/client-wafv2';
import { translateAwsError } from './errors';

/** ListWebACLs takes at most 100 a page. */
const PAGE_LIMIT = 100;

export class Wafv2Gateway {
  constructor(private readonly client: WAFV2Client) {}

  /**
   * Each protected application load balancer's ARN → its web ACL's ARN, for the region. A load
   * balancer absent from the map has none. Throws (translated) when WAF cannot be read.
   */
  async webAclsByLoadBalancer(): Promise<Map<string, string>> {
    try {
      const acls: Array<{ arn: string }> = [];
      let marker: string | undefined;
      do {
        const page = await this.client.send(
          new ListWebACLsCommand({ Scope: 'REGIONAL', Limit: PAGE_LIMIT, ...(marker ? { NextMarker: marker } : {}) }),
        );
        for (const acl of page.WebACLs ?? []) if (acl.ARN) acls.push({ arn: acl.ARN });
        marker = page.WebACLs?.length ? page.NextMarker : undefined;
      } while (marker);
      const out = new Map<string, string>();
      for (const acl of acls) {
        const r = await this.client.send(
          new ListResourcesForWebACLCommand({ WebACLArn: acl.arn, ResourceType: 'APPLICATION_LOAD_BALANCER' }),
        );
        for (const resource of r.ResourceArns ?? []) out.set(resource, acl.arn);
      }
      return out;
    } catch (e) {
      throw translateAwsError(e, 'read AWS WAF web ACLs');
    }
  }
}
