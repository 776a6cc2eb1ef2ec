/**
 * A flag that takes one value may be given once: given twice, elbctl exits 64 naming it, before
 * any AWS call, instead of silently keeping the last value. Repeatable flags collect every value.
 */
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program';
import { elbctl } from '../support/harness';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);

beforeEach(() => {
  elbv2.reset();
  ec2.reset();
});

const HINT = 'hint: only flags documented as repeatable (such as --tag, --set, --path) may be given more than once\n';

describe('repeated single-value flags', () => {
  it.each([
    [
      'a command flag twice',
      ['lb', 'create', 'web', '--type', 'application', '--type', 'network', '--subnets', 'subnet-0aaa1111'],
      'error: --type: given 2 times, but it takes one value; give it once\n',
    ],
    [
      'a short flag and then its long form',
      ['validate', '-f', 'a.yaml', '--file', 'b.yaml'],
      'error: --file (-f): given 2 times, but it takes one value; give it once\n',
    ],
    [
      'a global flag before and after the command',
      ['--region', 'us-east-1', 'lb', 'list', '--region', 'eu-west-1'],
      'error: --region: given 2 times, but it takes one value; give it once\n',
    ],
    [
      'a flag three times, once as --flag=value',
      ['lb', 'list', '--output=json', '-o', 'yaml', '--output', 'table'],
      'error: --output (-o): given 3 times, but it takes one value; give it once\n',
    ],
  ])('GIVEN %s WHEN run THEN exits 64 naming it, with no AWS call', async (_what, args, message) => {
    const r = await elbctl(args);

    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${message}${HINT}`);
    expect(elbv2.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('GIVEN two different flags each given twice WHEN run THEN both are named at once', async () => {
    const r = await elbctl(['tg', 'create', 'api', '--port', '80', '--port', '81', '--vpc', 'vpc-1', '--vpc', 'vpc-2']);

    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'error: --port: given 2 times, but it takes one value; give it once\n' +
        'error: --vpc: given 2 times, but it takes one value; give it once\n' +
        HINT,
    );
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN a repeatable flag twice WHEN run THEN both values reach the command, which judges them', async () => {
    // Both tags are read: the second one's reserved prefix is what the command refuses.
    const r = await elbctl([
      'tg',
      'create',
      'api',
      '--protocol',
      'HTTP',
      '--port',
      '80',
      '--vpc',
      'vpc-0abc1234',
      '--tag',
      'team=web',
      '--tag',
      'aws:owner=me',
    ]);

    expect(r.code).toBe(64);
    expect(r.stderr).toBe('error: tag key "aws:owner": the "aws:" prefix is reserved by AWS; choose another key\n');
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN a boolean flag twice WHEN run THEN it is not a repeated value (nothing to lose)', async () => {
    const r = await elbctl(['validate', '-f', 'missing.yaml', '-q', '-q']);

    expect(r.code).toBe(64);
    expect(r.stderr).toBe('error: stack file "missing.yaml": not found; check the path\n');
  });
});

describe('which flags are repeatable', () => {
  const leaves = (cmd: Command): Command[] => cmd.commands.flatMap((c) => (c.commands.length === 0 ? [c] : leaves(c)));

  it('GIVEN the command tree THEN a flag collects values exactly when its help says "(repeatable)"', async () => {
    const program = buildProgram('0.0.0', async () => undefined);
    const repeatedOk: string[] = [];
    const documented: string[] = [];
    for (const leaf of leaves(program)) {
      for (const option of leaf.options) {
        const name = `${leaf.parent?.name() === 'elbctl' ? '' : `${leaf.parent?.name()} `}${leaf.name()} ${option.long}`;
        if (option.description.includes('(repeatable')) documented.push(name);
        if (!(option.required || option.optional)) continue;
        // A repeatable flag keeps both values; any other is refused (checked above).
        const parsed = option.parseArg ? option.parseArg('b', option.parseArg('a', undefined as never)) : 'b';
        if (Array.isArray(parsed) && parsed.length === 2) repeatedOk.push(name);
      }
    }

    expect(repeatedOk.sort()).toEqual(documented.sort());
    expect(documented.sort()).toEqual([
      'clb attributes --set',
      'lb attributes --set',
      'lb create --subnet-mapping',
      'lb create --tag',
      'lb modify --subnet-mapping',
      'listener attributes --set',
      'listener create --certificate',
      'metrics --metric',
      'metrics --stat',
      'migrate --guard',
      'rule add --header',
      'rule add --header-regex',
      'rule add --host',
      'rule add --host-regex',
      'rule add --method',
      'rule add --path',
      'rule add --path-regex',
      'rule add --query-string',
      'rule add --source-ip',
      'rule modify --header',
      'rule modify --header-regex',
      'rule modify --host',
      'rule modify --host-regex',
      'rule modify --method',
      'rule modify --path',
      'rule modify --path-regex',
      'rule modify --query-string',
      'rule modify --source-ip',
      'shift start --guard',
      'tg attributes --set',
      'tg create --tag',
      'trust-store create --revocations',
      'trust-store create --tag',
    ]);
  });
});
