#!/usr/bin/env node

/**
 * Fleet audit (issue 15): 17 regions × 20 application load balancers (each with an HTTP listener
 * forwarding to its own target group of two targets) seeded in moto, audited through the
 * token-bucket proxy of test/support/bucket-proxy.ts — 50 ms added to every call, and AWS's ELB
 * buckets (elbctl's rate table: 40 reads at once, 10 a second) kept per region, as AWS keeps them.
 *
 * Reported: wall time of `elbctl audit --regions <17> -o json` from spawn to exit, calls by
 * operation, throttles, and the ratio to the bound: max(latency critical path, per rate bucket
 * (calls − burst) ÷ refill) — the slowest region's read bucket, since regions run in parallel and
 * each has its own. Then the same inventory read by a loop of `aws` CLI commands (one per call,
 * as a script would): one region is timed and the time multiplied by 17 (the loop goes region
 * after region; running all 17 would take about half an hour), which the output says.
 *
 *   node bench/audit.js [--runs N] [--warmup N] [--cli-regions N]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BIN, support, source, parseRuns, assertBuilt, run, stats, header, progress, main } = require('./support');

const LATENCY_MS = 50;
const LBS_PER_REGION = 20;
const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'sa-east-1',
];
const TARGETS = { ratio: 1.5, speedup: 20 };
const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const TIME = '/usr/bin/time';

main(async () => {
  const args = process.argv.slice(2);
  const at = args.indexOf('--cli-regions');
  const cliRegions = at >= 0 ? Number(args[at + 1]) : 1;
  const opts = parseRuns(at >= 0 ? args.filter((_, i) => i !== at && i !== at + 1) : args, { runs: 10, warmup: 1 });
  assertBuilt();
  const { startMoto } = support('moto.ts');
  const { startBucketProxy } = support('bucket-proxy.ts');
  const { RATE_TABLE, RATE_TABLE_DATE } = source('core/pacing/table.ts');
  const { CALLS_IN_FLIGHT, REGIONS_IN_PARALLEL } = source('commands/audit/fleet.ts');
  const read = RATE_TABLE.elbv2.buckets.read;
  const buckets = { 'elbv2.read': { capacity: read.capacity, refillPerSecond: read.refillPerSecond } };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elbctl-bench-audit-'));
  const moto = await startMoto();
  // Every round audits the whole fleet, then its first region alone (the per-region reference).
  const scenarios = [
    { key: 'fleet', regions: REGIONS },
    { key: 'one', regions: REGIONS.slice(0, 1) },
  ];
  const samples = { fleet: [], one: [] };
  let cli;
  try {
    progress(`audit: seeding ${REGIONS.length} regions × ${LBS_PER_REGION} load balancers`);
    const fleet = await Promise.all(REGIONS.map((region) => seedRegion(moto.endpoint, region)));
    for (let round = 0; round < opts.warmup + opts.runs; round += 1) {
      const warm = round < opts.warmup;
      for (const scenario of scenarios) {
        const proxy = await startBucketProxy(moto.endpoint, { buckets, latencyMs: LATENCY_MS, perRegion: true });
        try {
          const moto0 = cpuSeconds(moto.pid);
          const bench0 = process.cpuUsage();
          const r = await run(
            [
              TIME,
              '-f',
              'elbctl-cpu %U %S',
              process.execPath,
              BIN,
              'audit',
              '--regions',
              scenario.regions.join(','),
              '--fail-on',
              'none',
              '-q',
              '-o',
              'json',
              '--endpoint-url',
              proxy.endpoint,
            ],
            { env: { AWS_REGION: 'us-east-1' } },
          );
          const benchCpu = process.cpuUsage(bench0);
          const [, user, sys] = /elbctl-cpu ([\d.]+) ([\d.]+)/.exec(r.stderr) ?? [];
          const doc = JSON.parse(r.stdout);
          if (doc.summary.loadBalancers !== scenario.regions.length * LBS_PER_REGION || doc.errors.length > 0)
            throw new Error(`audit read ${doc.summary.loadBalancers} load balancers with ${doc.errors.length} errors`);
          const sample = {
            ms: r.ms,
            ...proxy.totals(),
            byOperation: proxy.byOperation(),
            byRegionBucket: proxy.byRegionBucket(),
            cpu: {
              elbctl: Number(user) + Number(sys),
              moto: cpuSeconds(moto.pid) - moto0,
              proxy: (benchCpu.user + benchCpu.system) / 1e6,
            },
            load: os.loadavg()[0],
          };
          progress(
            `audit: ${warm ? 'warm-up' : `round ${round + 1 - opts.warmup}/${opts.runs}`}: ${scenario.key}: ${(r.ms / 1000).toFixed(2)} s, ${sample.calls} calls, ${sample.throttles} throttled; CPU s elbctl ${sample.cpu.elbctl.toFixed(1)}, moto ${sample.cpu.moto.toFixed(1)}, proxy ${sample.cpu.proxy.toFixed(1)}; load ${sample.load.toFixed(1)}`,
          );
          if (!warm) samples[scenario.key].push(sample);
        } finally {
          await proxy.close();
        }
      }
    }

    // The same reads, one `aws` command per call, region after region.
    const proxy = await startBucketProxy(moto.endpoint, { buckets, latencyMs: LATENCY_MS, perRegion: true });
    try {
      let ms = 0;
      for (const seeded of fleet.slice(0, cliRegions)) {
        const queries = path.join(dir, `queries-${seeded.region}.json`);
        fs.writeFileSync(queries, JSON.stringify(metricQueries(seeded)));
        const script = path.join(dir, 'audit.sh');
        fs.writeFileSync(script, cliScript());
        const r = await run(['bash', script], {
          env: { ENDPOINT: proxy.endpoint, REGION: seeded.region, QUERIES: queries },
        });
        ms += r.ms;
        progress(`audit: aws CLI loop, ${seeded.region}: ${(r.ms / 1000).toFixed(1)} s`);
      }
      cli = { ms, regions: cliRegions, ...proxy.totals(), byOperation: proxy.byOperation() };
    } finally {
      await proxy.close();
    }
  } finally {
    await moto.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  /** The bound of a run: the slowest region's read bucket, or the latency critical path, whichever is longer. */
  const boundOf = (sample) => {
    const perBucket = Object.entries(sample.byRegionBucket)
      .filter(([key]) => key.endsWith('/elbv2.read'))
      .map(([key, n]) => {
        const admitted = n.calls - n.throttles;
        return { key, admitted, seconds: Math.max(0, admitted - read.capacity) / read.refillPerSecond };
      });
    const top = perBucket.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    // Three calls in a chain (load balancers → listeners → rules), or every call at the in-flight cap.
    const latencyMs = Math.max(3 * LATENCY_MS, (sample.calls * LATENCY_MS) / CALLS_IN_FLIGHT);
    return { top, latencyMs, ms: Math.max(top.seconds * 1000 + LATENCY_MS, latencyMs) };
  };
  const summary = Object.fromEntries(
    scenarios.map(({ key }) => {
      const xs = samples[key];
      const wall = stats(
        xs.map((x) => x.ms / 1000),
        2,
      );
      const bound = boundOf(xs.at(-1));
      const cpu = (k) =>
        stats(
          xs.map((x) => x.cpu[k]),
          1,
        );
      return [
        key,
        {
          wall,
          bound,
          ratio: wall.median / (bound.ms / 1000),
          calls: stats(xs.map((x) => x.calls)),
          throttles: stats(xs.map((x) => x.throttles)),
          cpu: { elbctl: cpu('elbctl'), moto: cpu('moto'), proxy: cpu('proxy') },
          load: stats(
            xs.map((x) => x.load),
            1,
          ),
        },
      ];
    }),
  );
  const f = summary.fleet;
  const one = summary.one;
  const cliPerRegionS = cli.ms / 1000 / cli.regions;
  const cliFleetS = cliPerRegionS * REGIONS.length;
  const speedup = cliFleetS / f.wall.median;
  const last = samples.fleet.at(-1);
  const operations = [...new Set([...Object.keys(last.byOperation), ...Object.keys(cli.byOperation)])].sort();
  const cpuTotal = f.cpu.elbctl.median + f.cpu.moto.median + f.cpu.proxy.median;

  const lines = header('audit.js', [
    `- the fleet: ${REGIONS.length} regions × ${LBS_PER_REGION} application load balancers, each with an HTTP listener forwarding to its own target group of 2 IP targets (${REGIONS.length * LBS_PER_REGION} load balancers, ${REGIONS.length * LBS_PER_REGION} target groups), seeded in moto`,
    `- every call goes through test/support/bucket-proxy.ts: ${LATENCY_MS} ms added to each, and the ELB read bucket of elbctl's rate table of ${RATE_TABLE_DATE} (${read.capacity} at once, ${read.refillPerSecond} a second), one per region as AWS keeps them; a throttle is AWS's HTTP 400 \`Throttling\``,
    `- elbctl: \`elbctl audit --regions R1,… --fail-on none -q -o json\`, ${REGIONS_IN_PARALLEL} regions at once, ${CALLS_IN_FLIGHT} calls in flight at most, paced (the default); ${opts.runs} measured rounds after ${opts.warmup} warm-up, each auditing the 17 regions and then ${REGIONS[0]} alone, a fresh proxy (full buckets) for every run; wall time from spawn to exit (Node's start included); CPU seconds of elbctl (GNU time), moto (/proc) and the proxy (this process) per run`,
    `- the AWS CLI loop: one \`aws\` command per call, the same reads (describe-load-balancers, describe-tags by 20, per load balancer its attributes, listeners and each listener's rules, describe-target-groups, tags by 20, per target group its attributes and health, one get-metric-data of the region's queries), through the same proxy; **${cli.regions} of the ${REGIONS.length} regions timed and multiplied by ${REGIONS.length / cli.regions}** (the loop runs region after region; the full loop would take about ${(cliFleetS / 60).toFixed(0)} minutes)`,
    '',
    '| run | wall s median | min | max | calls | throttled | bound s | wall / bound | CPU s: elbctl, moto, proxy | load average |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---:|',
    ...scenarios.map(({ key, regions }) => {
      const x = summary[key];
      return `| \`elbctl audit\`, ${regions.length} region${regions.length === 1 ? '' : 's'} | ${x.wall.median.toFixed(2)} | ${x.wall.min.toFixed(2)} | ${x.wall.max.toFixed(2)} | ${x.calls.median} | ${x.throttles.median} | ${(x.bound.ms / 1000).toFixed(2)} | ${x.ratio.toFixed(2)} | ${x.cpu.elbctl.median.toFixed(1)}, ${x.cpu.moto.median.toFixed(1)}, ${x.cpu.proxy.median.toFixed(1)} | ${x.load.median.toFixed(1)} |`;
    }),
    `| \`aws\` CLI loop, ${cli.regions} region${cli.regions === 1 ? '' : 's'} (measured) | ${(cli.ms / 1000).toFixed(1)} | | | ${cli.calls} | ${cli.throttles} | | | | |`,
    `| \`aws\` CLI loop, 17 regions (extrapolated ×${REGIONS.length / cli.regions}) | ${cliFleetS.toFixed(0)} | | | ${Math.round((cli.calls * REGIONS.length) / cli.regions)} | | | | | |`,
    '',
    `- bound, 17 regions: the slowest region's read bucket (${f.bound.top.key}) admitted ${f.bound.top.admitted} calls, ${read.capacity} at once then ${read.refillPerSecond} a second: (${f.bound.top.admitted} − ${read.capacity}) ÷ ${read.refillPerSecond} = ${f.bound.top.seconds.toFixed(1)} s, plus ${LATENCY_MS} ms for the last call's round trip; the latency critical path (3 calls in a chain, or ${last.calls} calls ${CALLS_IN_FLIGHT} at a time) is ${(f.bound.latencyMs / 1000).toFixed(2)} s.`,
    `- CPU: a 17-region run needs ${cpuTotal.toFixed(1)} CPU seconds on this machine (elbctl ${f.cpu.elbctl.median.toFixed(1)}, moto ${f.cpu.moto.median.toFixed(1)} in one Python process, the proxy ${f.cpu.proxy.median.toFixed(1)}) against a bound of ${(f.bound.ms / 1000).toFixed(1)} s on ${os.cpus().length} cores shared with the load average shown: the emulator's single process alone needs about the bound, so below a load of about 1 the run is bucket-bound and above it CPU-bound. The one-region run, with the same per-region work and a seventeenth of the CPU, is the per-region reference.`,
    '',
    `**17 regions: wall / bound ${f.ratio.toFixed(2)} (target ≤ ${TARGETS.ratio}) — ${f.ratio <= TARGETS.ratio ? 'met' : 'missed'}${f.ratio <= TARGETS.ratio ? '' : ` (one region: ${one.ratio.toFixed(2)})`}; ${speedup.toFixed(0)}× faster than the AWS CLI loop (target ≥ ${TARGETS.speedup}×) — ${speedup >= TARGETS.speedup ? 'met' : 'missed'}.** The CLI loop pays a Python start and botocore's model loading per call (${(cli.ms / cli.calls) | 0} ms a call here) and runs one call at a time; elbctl runs the regions side by side, each at its own bucket's rate, so the fleet takes as long as its slowest region's reads take to be admitted, when the CPU keeps up.`,
    '',
    'Calls by operation (elbctl: the last measured 17-region run; the CLI loop: the regions timed):',
    '',
    '| operation | elbctl | aws CLI loop |',
    '|---|---:|---:|',
    ...operations.map((op) => `| ${op} | ${last.byOperation[op]?.calls ?? 0} | ${cli.byOperation[op]?.calls ?? 0} |`),
  ]);
  return `${lines.join('\n')}\n`;
});

/** CPU seconds a process has used so far (Linux /proc: utime + stime in clock ticks of 1/100 s). */
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** One region: a VPC with two subnets in two zones, 20 ALBs each with a listener and a target group of two targets. */
async function seedRegion(endpoint, region) {
  const { EC2Client, CreateVpcCommand, CreateSubnetCommand } = require('@aws-sdk/client-ec2');
  const elb = require('@aws-sdk/client-elastic-load-balancing-v2');
  const ec2 = new EC2Client({ region, endpoint, credentials: CREDENTIALS });
  const elbv2 = new elb.ElasticLoadBalancingV2Client({ region, endpoint, credentials: CREDENTIALS });
  try {
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc.VpcId;
    const subnets = [];
    // moto's zones are AWS's: Tokyo has no "b" for new subnets.
    for (const [i, zone] of (region === 'ap-northeast-1' ? ['a', 'c'] : ['a', 'b']).entries()) {
      const s = await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: `10.0.${i + 1}.0/24`,
          AvailabilityZone: `${region}${zone}`,
        }),
      );
      subnets.push(s.Subnet.SubnetId);
    }
    const lbs = [];
    for (let i = 0; i < LBS_PER_REGION; i += 1) {
      const name = `app${String(i).padStart(2, '0')}`;
      const lb = (
        await elbv2.send(new elb.CreateLoadBalancerCommand({ Name: name, Subnets: subnets, Type: 'application' }))
      ).LoadBalancers[0];
      const tg = (
        await elbv2.send(
          new elb.CreateTargetGroupCommand({
            Name: `${name}-tg`,
            Protocol: 'HTTP',
            Port: 80,
            VpcId: vpcId,
            TargetType: 'ip',
          }),
        )
      ).TargetGroups[0];
      await elbv2.send(
        new elb.RegisterTargetsCommand({
          TargetGroupArn: tg.TargetGroupArn,
          Targets: [
            { Id: `10.0.1.${10 + i}`, Port: 80 },
            { Id: `10.0.2.${10 + i}`, Port: 80 },
          ],
        }),
      );
      await elbv2.send(
        new elb.CreateListenerCommand({
          LoadBalancerArn: lb.LoadBalancerArn,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
        }),
      );
      lbs.push(lb.LoadBalancerArn);
    }
    return { region, lbs };
  } finally {
    ec2.destroy();
    elbv2.destroy();
  }
}

/** The region's GetMetricData input, as elbctl sends it: a daily RequestCount sum per load balancer over 14 days. */
function metricQueries(seeded) {
  const day = 86_400_000;
  const end = Math.ceil(Date.now() / day) * day;
  return {
    StartTime: new Date(end - 14 * day).toISOString(),
    EndTime: new Date(end).toISOString(),
    MetricDataQueries: seeded.lbs.map((arn, i) => ({
      Id: `t${i}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'RequestCount',
          Dimensions: [
            { Name: 'LoadBalancer', Value: arn.slice(arn.indexOf(':loadbalancer/') + ':loadbalancer/'.length) },
          ],
        },
        Period: 86400,
        Stat: 'Sum',
      },
    })),
  };
}

/** The same reads as a script of `aws` commands, one per call, the way an audit is scripted without elbctl. */
function cliScript() {
  return `#!/usr/bin/env bash
set -euo pipefail
a() { aws --endpoint-url "$ENDPOINT" --region "$REGION" "$@"; }
read -r -a LBS <<< "$(a elbv2 describe-load-balancers --page-size 400 --query 'LoadBalancers[].LoadBalancerArn' --output text)"
for ((i = 0; i < \${#LBS[@]}; i += 20)); do a elbv2 describe-tags --resource-arns "\${LBS[@]:i:20}" > /dev/null; done
for LB in "\${LBS[@]}"; do
  a elbv2 describe-load-balancer-attributes --load-balancer-arn "$LB" > /dev/null
  for L in $(a elbv2 describe-listeners --load-balancer-arn "$LB" --query 'Listeners[].ListenerArn' --output text); do
    a elbv2 describe-rules --listener-arn "$L" > /dev/null
  done
done
read -r -a TGS <<< "$(a elbv2 describe-target-groups --query 'TargetGroups[].TargetGroupArn' --output text)"
for ((i = 0; i < \${#TGS[@]}; i += 20)); do a elbv2 describe-tags --resource-arns "\${TGS[@]:i:20}" > /dev/null; done
for TG in "\${TGS[@]}"; do
  a elbv2 describe-target-group-attributes --target-group-arn "$TG" > /dev/null
  a elbv2 describe-target-health --target-group-arn "$TG" > /dev/null
done
a cloudwatch get-metric-data --cli-input-json "file://$QUERIES" > /dev/null
`;
}
