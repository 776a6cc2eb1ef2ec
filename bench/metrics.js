#!/usr/bin/env node

/**
 * GetMetricData (issue item 5): `elbctl metrics --all` for 20 application load balancers with the
 * default set of series, against one GetMetricStatistics call per series (what a script over
 * `aws cloudwatch get-metric-statistics` does), both through the loopback proxy that adds 50 ms
 * to every call and counts calls by operation. moto is seeded with data points
 * (PutMetricData into AWS/ApplicationELB, which moto accepts) so the series are not empty.
 *
 * TargetResponseTime is not seeded: with data, moto answers the default set's p99 query with
 * HTTP 500 for the whole call (AWS serves percentiles), and what would be measured is moto's
 * limitation and elbctl's fallback for it (send the call again without the percentile), not the
 * batching. That fallback is covered by the CloudWatch gateway's tests.
 *
 *   node bench/metrics.js [--runs N] [--warmup N]
 */
const { BIN, support, source, parseRuns, assertBuilt, run, stats, header, progress, main } = require('./support');

const LOAD_BALANCERS = 20;
const LATENCY_MS = 50;
const REGION = 'us-east-1';
const WINDOW_SECONDS = 3600;

main(async () => {
  const opts = parseRuns(process.argv.slice(2), { runs: 10, warmup: 1 });
  assertBuilt();
  const { startMoto } = support('moto.ts');
  const { TEST_CREDENTIALS } = support('network.ts');
  const { startFaultProxy } = support('fault-proxy.ts');
  const {
    ElasticLoadBalancingV2Client,
    CreateLoadBalancerCommand,
  } = require('@aws-sdk/client-elastic-load-balancing-v2');
  const { CloudWatchClient, PutMetricDataCommand, GetMetricStatisticsCommand } = require('@aws-sdk/client-cloudwatch');
  const { DEFAULT_SERIES, NAMESPACE } = source('core/metrics/catalog.ts');

  const moto = await startMoto();
  try {
    const dimensions = await seedRegion(REGION);

    async function seedRegion(region) {
      const {
        CreateVpcCommand,
        CreateSubnetCommand,
        CreateSecurityGroupCommand,
        EC2Client,
      } = require('@aws-sdk/client-ec2');
      const ec2 = new EC2Client({ region, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
      const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc.VpcId;
      const subnets = [];
      for (const [i, zone] of ['a', 'b'].entries()) {
        subnets.push(
          (
            await ec2.send(
              new CreateSubnetCommand({
                VpcId: vpc,
                CidrBlock: `10.0.${i + 1}.0/24`,
                AvailabilityZone: `${region}${zone}`,
              }),
            )
          ).Subnet.SubnetId,
        );
      }
      const sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpc })))
        .GroupId;
      ec2.destroy();
      const elbv2 = new ElasticLoadBalancingV2Client({
        region,
        endpoint: moto.endpoint,
        credentials: TEST_CREDENTIALS,
      });
      const cw = new CloudWatchClient({ region, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS });
      const out = [];
      const now = Date.now();
      for (let i = 0; i < LOAD_BALANCERS; i += 1) {
        const lb = (
          await elbv2.send(
            new CreateLoadBalancerCommand({
              Name: `metrics-${String(i).padStart(2, '0')}`,
              Type: 'application',
              Subnets: subnets,
              SecurityGroups: [sg],
            }),
          )
        ).LoadBalancers[0];
        const dimension = lb.LoadBalancerArn.split(':loadbalancer/')[1];
        out.push(dimension);
        const points = [];
        for (let m = 1; m <= 30; m += 1) {
          const Timestamp = new Date(now - m * 120_000);
          const Dimensions = [{ Name: 'LoadBalancer', Value: dimension }];
          points.push(
            { MetricName: 'RequestCount', Dimensions, Timestamp, Value: 100 + m, Unit: 'Count' },
            { MetricName: 'HTTPCode_Target_5XX_Count', Dimensions, Timestamp, Value: m % 3, Unit: 'Count' },
            { MetricName: 'HealthyHostCount', Dimensions, Timestamp, Value: 2, Unit: 'Count' },
          );
        }
        for (let p = 0; p < points.length; p += 20)
          await cw.send(
            new PutMetricDataCommand({ Namespace: NAMESPACE.application, MetricData: points.slice(p, p + 20) }),
          );
      }
      elbv2.destroy();
      cw.destroy();
      return out;
    }

    const series = DEFAULT_SERIES.application.filter((s) => s.name !== 'ErrorRate');
    const samples = { elbctl: [], elbctlCalls: [], gmd: [], naive: [], naiveCalls: [] };
    let elbctlCounts;
    let shown;
    for (let round = 0; round < opts.warmup + opts.runs; round += 1) {
      const warm = round < opts.warmup;
      const proxy = await startFaultProxy(moto.endpoint, { latencyMs: LATENCY_MS });
      try {
        const r = await run(
          [
            process.execPath,
            BIN,
            'metrics',
            '--all',
            '--since',
            '1h',
            '-q',
            '-o',
            'json',
            '--endpoint-url',
            proxy.endpoint,
          ],
          { env: { AWS_REGION: REGION } },
        );
        const result = JSON.parse(r.stdout);
        shown = result.reduce((n, lb) => n + lb.metrics.length, 0);
        if (result.length !== LOAD_BALANCERS)
          throw new Error(`elbctl metrics showed ${result.length} load balancers, expected ${LOAD_BALANCERS}`);
        const withPoints = result.filter((lb) =>
          lb.metrics.some((m) => m.name === 'RequestCount' && m.points.length > 0),
        ).length;
        if (withPoints !== LOAD_BALANCERS)
          throw new Error(`only ${withPoints} load balancers have RequestCount points; the seeding did not take`);
        const counts = proxy.countsByOperation();
        proxy.clear();

        // One call per series, one after another, as a script over the AWS CLI would (in-process: no CLI start-up counted).
        const cw = new CloudWatchClient({ region: REGION, endpoint: proxy.endpoint, credentials: TEST_CREDENTIALS });
        const started = process.hrtime.bigint();
        for (const dimension of dimensions) {
          for (const s of series) {
            const extended = /^p\d/.test(s.stat);
            await cw.send(
              new GetMetricStatisticsCommand({
                Namespace: NAMESPACE.application,
                MetricName: s.name,
                Dimensions: [{ Name: 'LoadBalancer', Value: dimension }],
                StartTime: new Date(Date.now() - WINDOW_SECONDS * 1000),
                EndTime: new Date(),
                Period: 60,
                ...(extended ? { ExtendedStatistics: [s.stat] } : { Statistics: [s.stat] }),
              }),
            );
          }
        }
        const naiveMs = Number(process.hrtime.bigint() - started) / 1e6;
        cw.destroy();
        const naiveCalls = proxy.calls.length;
        progress(
          `metrics: ${warm ? 'warm-up' : 'round'} ${round + 1}/${opts.warmup + opts.runs}: elbctl ${r.ms.toFixed(0)} ms (${counts.GetMetricData} GetMetricData), one call per series ${naiveMs.toFixed(0)} ms (${naiveCalls} calls)`,
        );
        if (!warm) {
          samples.elbctl.push(r.ms);
          samples.gmd.push(counts.GetMetricData ?? 0);
          samples.elbctlCalls.push(Object.values(counts).reduce((a, b) => a + b, 0));
          samples.naive.push(naiveMs);
          samples.naiveCalls.push(naiveCalls);
          elbctlCounts = counts;
        }
      } finally {
        await proxy.close();
      }
    }

    const gmd = Math.max(...samples.gmd);
    const e = stats(samples.elbctl);
    const n = stats(samples.naive);
    return [
      ...header('metrics.js', [
        `- moto holds ${LOAD_BALANCERS} application load balancers, each with 30 data points of RequestCount, HTTPCode_Target_5XX_Count and HealthyHostCount in the last hour (no TargetResponseTime: with data, moto fails the default set's p99 query with HTTP 500, which AWS serves)`,
        `- every call goes through a loopback proxy that adds ${LATENCY_MS} ms and counts calls by operation`,
        `- elbctl: \`elbctl metrics --all --since 1h -q -o json\` (the default set: ${DEFAULT_SERIES.application.map((s) => `${s.name} ${s.stat}`).join(', ')}), wall time from spawn to exit`,
        `- one call per series: GetMetricStatistics for each load balancer and each default series that is a CloudWatch metric (${series.length} per load balancer; ErrorRate is computed from three of them), one after another, from an SDK client in the bench process (so without any CLI start-up)`,
        `- ${opts.runs} measured rounds after ${opts.warmup} warm-up round`,
      ]),
      '',
      '| | GetMetricData calls | all calls | wall ms median | min | max |',
      '|---|---:|---:|---:|---:|---:|',
      `| \`elbctl metrics --all\` (${shown} series shown) | ${gmd} | ${Math.max(...samples.elbctlCalls)} | ${e.median.toFixed(0)} | ${e.min.toFixed(0)} | ${e.max.toFixed(0)} |`,
      `| one GetMetricStatistics call per series | 0 | ${Math.max(...samples.naiveCalls)} | ${n.median.toFixed(0)} | ${n.min.toFixed(0)} | ${n.max.toFixed(0)} |`,
      '',
      `elbctl's calls: ${Object.entries(elbctlCounts)
        .map(([op, c]) => `${op} ${c}`)
        .join(', ')}.`,
      '',
      `**GetMetricData calls: ${gmd} (target 1) — ${gmd === 1 ? 'met' : 'missed'}**, against ${Math.max(...samples.naiveCalls)} calls for one call per series; ` +
        `${(n.median / e.median).toFixed(1)}× faster in wall time, elbctl's start-up included.`,
    ].join('\n');
  } finally {
    await moto.stop();
  }
});
