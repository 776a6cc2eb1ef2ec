/**
 * Entry point of the AWS boundary, loaded lazily by the context: importing this module is
 * what loads the SDK, so `elbctl --help` never does.
 */
import { createClients, type AwsSettings, type Clients } from './clients';
// Types only: a gateway's module (and with it its SDK package) is loaded on first use.
import type { AcmGateway } from './acm';
import type { CloudWatchGateway } from './cloudwatch';
import type { Ec2Gateway } from './ec2';
import { Elbv2Gateway } from './elbv2/gateway';

export interface Aws {
  readonly clients: Clients;
  readonly elbv2: Elbv2Gateway;
  readonly ec2: Ec2Gateway;
  readonly cloudwatch: CloudWatchGateway;
  readonly acm: AcmGateway;
  /** Ends every connection the clients in use hold, so a process that gave up waiting can exit at once. */
  close(): void;
}

export function createAws(settings: AwsSettings): Aws {
  const clients = createClients(settings);
  let elbv2: Elbv2Gateway | undefined;
  let ec2: Ec2Gateway | undefined;
  let cloudwatch: CloudWatchGateway | undefined;
  let acm: AcmGateway | undefined;
  return {
    clients,
    get elbv2() {
      elbv2 ??= new Elbv2Gateway(clients.elbv2);
      return elbv2;
    },
    // Each gateway module is required on first use so a command loads only the SDK clients it needs.
    get ec2() {
      ec2 ??= new (require('./ec2') as typeof import('./ec2')).Ec2Gateway(clients.ec2);
      return ec2;
    },
    get cloudwatch() {
      cloudwatch ??= new (require('./cloudwatch') as typeof import('./cloudwatch')).CloudWatchGateway(
        clients.cloudwatch,
      );
      return cloudwatch;
    },
    get acm() {
      acm ??= new (require('./acm') as typeof import('./acm')).AcmGateway(clients.acm);
      return acm;
    },
    close() {
      if (elbv2) clients.elbv2.destroy();
      if (ec2) clients.ec2.destroy();
      if (cloudwatch) clients.cloudwatch.destroy();
      if (acm) clients.acm.destroy();
    },
  };
}

export type { AwsSettings } from './clients';
