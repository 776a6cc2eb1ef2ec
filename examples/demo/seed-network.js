// Creates what a load balancer needs in the local emulator: a VPC, two subnets in two zones,
// a security group and two running instances. Prints shell assignments for demo.sh.
'use strict';
const {
  EC2Client, CreateVpcCommand, CreateSubnetCommand, CreateSecurityGroupCommand, RunInstancesCommand, CreateTagsCommand,
} = require('@aws-sdk/client-ec2');

// A throwaway self-signed certificate for example.com, imported into the emulator's ACM so the
// stack's HTTPS listener has something to serve.
async function importCertificate() {
  const { ACMClient, ImportCertificateCommand } = require('@aws-sdk/client-acm');
  const { execFileSync } = require('node:child_process');
  const fs = require('node:fs');
  const path = require('node:path');
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'elbctl-demo-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=example.com',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    const acm = new ACMClient({ region: process.env.AWS_REGION, endpoint: process.env.ELBCTL_ENDPOINT_URL });
    const r = await acm.send(new ImportCertificateCommand({
      Certificate: fs.readFileSync(path.join(dir, 'cert.pem')),
      PrivateKey: fs.readFileSync(path.join(dir, 'key.pem')),
    }));
    return r.CertificateArn;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const ec2 = new EC2Client({ region: process.env.AWS_REGION, endpoint: process.env.ELBCTL_ENDPOINT_URL });
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc.VpcId;
  await ec2.send(new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'Name', Value: 'demo' }] }));
  const subnets = [];
  for (const [i, zone] of ['a', 'b'].entries()) {
    const s = await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.0.${i + 1}.0/24`, AvailabilityZone: `${process.env.AWS_REGION}${zone}` }));
    subnets.push(s.Subnet.SubnetId);
  }
  const sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'demo-web', Description: 'demo web tier', VpcId: vpc }))).GroupId;
  const instances = [];
  for (const subnet of subnets) {
    const r = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', SubnetId: subnet }));
    instances.push(r.Instances[0].InstanceId);
  }
  const cert = await importCertificate();
  process.stdout.write(`VPC=${vpc}\nSUBNET1=${subnets[0]}\nSUBNET2=${subnets[1]}\nSG=${sg}\nI1=${instances[0]}\nI2=${instances[1]}\nCERT=${cert}\n`);
}

main().catch((e) => {
  process.stderr.write(`seeding the emulator failed: ${e.message}\n`);
  process.exit(1);
});
