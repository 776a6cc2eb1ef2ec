/**
 * The wizard in a real pseudo-terminal: the BUILT bin/elbctl runs under @lydell/node-pty (120×40)
 * against moto, and the test types as a person would — it waits for each question to appear
 * on the screen, then presses keys. Moto creates a default VPC with a subnet in every zone, as
 * AWS does; the test adds a running instance to it so every question of the flow appears.
 */
import { DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pty from '@lydell/node-pty';
import { assertBuilt, BIN, cleanEnv, runCli } from '../support/cli-process';
import { startMoto, type Moto } from '../support/moto';
import { TEST_CREDENTIALS, TEST_REGION } from '../support/network';

jest.setTimeout(120_000);

const WAIT_MS = 20_000;

let moto: Moto;

beforeAll(async () => {
  assertBuilt();
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
});

// ------------------------------------------------------------------ a terminal the test can read

// Written out rather than util.stripVTControlCharacters: on Node 20 that leaves most of an OSC
// sequence whose text has a space or a URL in it (`ESC ]0;my title BEL`) and the intermediate bytes
// of a CSI (`ESC [2 q`), and it keeps \r. Matching ESC and BEL bytes is the whole point here.
/** CSI: colours, cursor moves, erasing, modes (`ESC [ … final`). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the pattern must match the ESC byte
const CSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
/** OSC: window title, hyperlinks (`ESC ] … BEL` or `ESC ] … ESC \`). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the pattern must match the ESC and BEL bytes
const OSC = /\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g;
/** Charset selection (`ESC ( B`), keypad modes (`ESC =`, `ESC >`), cursor save/restore (`ESC 7`, `ESC 8`). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the pattern must match the ESC byte
const OTHER_ESC = /\x1b[()][0-9A-Za-z]|\x1b[=>78]/g;

/** Escape sequences removed, and carriage returns: what a person reads, in order. */
const plain = (raw: string) => raw.replace(CSI, '').replace(OSC, '').replace(OTHER_ESC, '').replace(/\r/g, '');

class Terminal {
  private raw = '';
  private readOffset = 0;
  private exit: { exitCode: number; signal?: number | undefined } | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly term: pty.IPty;

  constructor(args: string[], cwd: string) {
    this.term = pty.spawn(process.execPath, [BIN, ...args], {
      name: 'xterm-256color',
      cols: 120,
      rows: 40,
      cwd,
      env: cleanEnv({ AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: TEST_REGION, TERM: 'xterm-256color' }),
    });
    this.term.onData((d) => {
      this.raw += d;
      this.notify();
    });
    this.term.onExit((e) => {
      this.exit = e;
      this.notify();
    });
  }

  private notify(): void {
    for (const w of this.waiters) w();
  }

  get screen(): string {
    return plain(this.raw);
  }

  /** The end of the screen, for failure messages. */
  private tail(): string {
    return this.screen.split('\n').slice(-30).join('\n');
  }

  private until<T>(check: () => T | undefined, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const done = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(done);
        reject(new Error(`${what} within ${WAIT_MS} ms; the screen ends with:\n${this.tail()}`));
      }, WAIT_MS);
      this.waiters.add(done);
      done();
    });
  }

  /** Waits for TEXT to appear after everything already read (so the same prompt is not found twice). */
  async expect(text: string): Promise<void> {
    await this.until(() => {
      const at = this.screen.indexOf(text, this.readOffset);
      if (at >= 0) {
        this.readOffset = at + text.length;
        return true;
      }
      if (this.exit)
        throw new Error(
          `elbctl exited (${this.exit.exitCode}) before "${text}" appeared; the screen ends with:\n${this.tail()}`,
        );
      return undefined;
    }, `"${text}" did not appear`);
  }

  /** Waits for a prompt, then answers it. */
  async answer(prompt: string, keys: string): Promise<void> {
    await this.expect(prompt);
    this.term.write(keys);
  }

  exited(): Promise<{ exitCode: number; signal?: number | undefined }> {
    return this.until(() => this.exit, 'elbctl did not exit');
  }

  kill(): void {
    if (!this.exit) this.term.kill();
  }
}

const ENTER = '\r';
const CTRL_C = '\x03';

/** Every question of the application load balancer flow, in order, when every default is taken. */
const DEFAULT_FLOW = [
  '? Stack name',
  '? Load balancer type',
  '? Load balancer name',
  '? Scheme',
  '? VPC',
  '? Subnets',
  '? Security groups',
  '? Listeners',
  '? Target group name',
  '? Protocol of shop-web',
  '? Port the targets of shop-web listen on',
  '? Health check path of shop-web',
  '? Add another target group?',
  '? Targets of shop-web',
  '? Instances to register in shop-web',
  '? Turn cross-zone off',
];

// ------------------------------------------------------------------ moto

function clients() {
  const config = { region: TEST_REGION, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS };
  return { ec2: new EC2Client(config), elbv2: new ElasticLoadBalancingV2Client(config) };
}

/** The default VPC moto made, plus one running instance in it. */
async function seedDefaultVpc(): Promise<{ vpcId: string; instanceId: string }> {
  const { ec2, elbv2 } = clients();
  try {
    const vpcs =
      (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs ?? [];
    const vpcId = vpcs[0]?.VpcId;
    if (vpcs.length !== 1 || !vpcId) throw new Error(`moto should have made one default VPC, found ${vpcs.length}`);
    const subnets =
      (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Subnets ?? [];
    const r = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.micro',
        SubnetId: subnets[0]?.SubnetId,
      }),
    );
    return { vpcId, instanceId: r.Instances?.[0]?.InstanceId as string };
  } finally {
    ec2.destroy();
    elbv2.destroy();
  }
}

async function liveLoadBalancers() {
  const { ec2, elbv2 } = clients();
  try {
    const lbs = (await elbv2.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [];
    const tgs = (await elbv2.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
    return { lbs, tgs };
  } finally {
    ec2.destroy();
    elbv2.destroy();
  }
}

function workdir(): { dir: string; file: string } {
  const dir = join(mkdtempSync(join(tmpdir(), 'elbctl-pty-')), 'shop');
  mkdirSync(dir);
  return { dir, file: join(dir, 'elbctl.yaml') };
}

// ------------------------------------------------------------------ the runs

describe('elbctl init in a pseudo-terminal', () => {
  it('GIVEN the default VPC WHEN Enter is pressed at every question and "Apply now?" is answered y THEN exit 0, the file validates and the load balancer exists', async () => {
    const { vpcId } = await seedDefaultVpc();
    const { dir, file } = workdir();
    const term = new Terminal(['init', '-f', file], dir);
    try {
      for (const prompt of DEFAULT_FLOW) await term.answer(prompt, ENTER);
      await term.expect('Plan for stack "shop":');
      await term.answer('? Apply now?', `y${ENTER}`);
      await term.expect('wrote ');
      const { exitCode } = await term.exited();

      expect({ exitCode, screen: exitCode === 0 ? '' : term.screen }).toEqual({ exitCode: 0, screen: '' });
      expect(term.screen).toContain(`✔ VPC ${vpcId}`);
      expect(term.screen).toContain('load balancer shop-alb: shop-alb-');
      const validated = await runCli(['validate', '-f', file], cleanEnv());
      expect({ code: validated.code, stderr: validated.stderr }).toEqual({ code: 0, stderr: '' });
      expect(JSON.parse(validated.stdout)).toMatchObject({ valid: true, stack: 'shop', loadBalancers: 1 });
      const live = await liveLoadBalancers();
      expect(live.lbs.map((l) => [l.LoadBalancerName, l.Type, l.VpcId])).toEqual([['shop-alb', 'application', vpcId]]);
      expect(live.tgs.map((t) => t.TargetGroupName)).toEqual(['shop-web']);
    } finally {
      term.kill();
    }
  });

  it('GIVEN the first question WHEN Ctrl-C is pressed THEN exit 130, no file is written and nothing is created', async () => {
    await seedDefaultVpc();
    const { dir, file } = workdir();
    const term = new Terminal(['init', '-f', file], dir);
    try {
      await term.answer('? Stack name', CTRL_C);
      const { exitCode } = await term.exited();

      expect({ exitCode, screen: exitCode === 130 ? '' : term.screen }).toEqual({ exitCode: 130, screen: '' });
      expect(term.screen).toContain('cancelled');
      expect(existsSync(file)).toBe(false);
      expect(await liveLoadBalancers()).toEqual({ lbs: [], tgs: [] });
    } finally {
      term.kill();
    }
  });

  it('GIVEN every question answered WHEN Ctrl-C is pressed at "Apply now?" THEN exit 130, still no file and nothing created', async () => {
    await seedDefaultVpc();
    const { dir, file } = workdir();
    const term = new Terminal(['init', '-f', file], dir);
    try {
      for (const prompt of DEFAULT_FLOW) await term.answer(prompt, ENTER);
      await term.answer('? Apply now?', CTRL_C);
      const { exitCode } = await term.exited();

      expect({ exitCode, screen: exitCode === 130 ? '' : term.screen }).toEqual({ exitCode: 130, screen: '' });
      expect(existsSync(file)).toBe(false);
      expect(await liveLoadBalancers()).toEqual({ lbs: [], tgs: [] });
    } finally {
      term.kill();
    }
  });
});
