/**
 * Entry point of the AWS boundary, loaded lazily by the context: importing this module is
 * what loads the SDK, so `elbctl --help` never does.
 */
import { createClients, type AwsSettings, type Clients } from './clients';
import { Ec2Gateway } from './ec2';
import { Elbv2Gateway } from './elbv2';

export interface Aws {
  readonly clients: Clients;
  readonly elbv2: Elbv2Gateway;
  readonly ec2: Ec2Gateway;
}

export function createAws(settings: AwsSettings): Aws {
  const clients = createClients(settings);
  let elbv2: Elbv2Gateway | undefined;
  let ec2: Ec2Gateway | undefined;
  return {
    clients,
    get elbv2() {
      return (elbv2 ??= new Elbv2Gateway(clients.elbv2));
    },
    get ec2() {
      return (ec2 ??= new Ec2Gateway(clients.ec2));
    },
  };
}

export type { AwsSettings } from './clients';
