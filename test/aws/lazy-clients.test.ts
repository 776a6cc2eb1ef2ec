/**
 * Regression: the AWS boundary used to import all four SDK client packages when it loaded, so
 * `elbctl lb list` or `apply`, which only talk to ELBv2, paid for EC2's (~0.3 s, ~60 MB) too —
 * measured in bench/RESULTS.md (read, critical path). A client's package, and its gateway, now
 * load on first use. Checked on the BUILT boundary in a fresh Node process.
 */
import { spawnSync } from 'node:child_process';
import { chunkOf } from '../support/built';

/** Which SDK client packages are loaded after touching the given gateways. */
function packagesAfter(touch: string[]): string[] {
  // The boundary's chunk of the bundle; the SDK packages it requires land in require.cache.
  const script = `
    import(${JSON.stringify(chunkOf('src/aws/index.ts'))}).then((m) => {
      const aws = m.createAws({ region: 'us-east-1', userAgent: 'elbctl/0.0.0' });
      for (const g of ${JSON.stringify(touch)}) void aws[g];
      const names = Object.keys(require.cache).map((f) => /node_modules\\/@aws-sdk\\/(client-[a-z0-9-]+)\\//.exec(f)?.[1]).filter(Boolean);
      process.stdout.write(JSON.stringify([...new Set(names)].sort()));
    });`;
  const r = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

describe('SDK client packages load on first use', () => {
  it('GIVEN only the ELBv2 gateway is used WHEN the boundary loads THEN no other client package is loaded', () => {
    expect(packagesAfter(['elbv2'])).toEqual(['client-elastic-load-balancing-v2']);
  });

  it('GIVEN the EC2 and CloudWatch gateways are used THEN exactly their packages join it', () => {
    expect(packagesAfter(['elbv2', 'ec2', 'cloudwatch'])).toEqual([
      'client-cloudwatch',
      'client-ec2',
      'client-elastic-load-balancing-v2',
    ]);
  });
});
