#!/usr/bin/env node

/**
 * Shift rollback (issue 13): from the moment a guard's metric crosses its threshold in the data,
 * how long until the weights are restored, in evaluation periods, calls and milliseconds.
 *
 * For each --interval: the built `bin/elbctl shift web:80 --to green-N --steps 10,50,100 --bake 10m
 * --guard error-rate<1%` runs against moto through the loopback proxy that counts and times every
 * call. Each round shifts to a target group of its own (`green-N`, so its own series), seeded healthy (1000 requests and 1 target 5XX a minute). Once the
 * first step has landed, at a random point of the interval, the bench writes 200 target 5XX into
 * green's current minute (PutMetricData): the rate crosses 1%. Measured from the end of that
 * PutMetricData to the end of the ModifyListener that restores blue: the time, the GetMetricData
 * calls (evaluations) in between, and every call elbctl made in between.
 *
 *   node bench/shift.js [--runs N] [--warmup N]
 */
const { spawn } = require('node:child_process');
const { BIN, support, parseRuns, assertBuilt, stats, header, progress, main } = require('./support');

const INTERVALS = [1, 2, 5];
const REGION = 'us-east-1';

main(async () => {
  const opts = parseRuns(process.argv.slice(2), { runs: 10, warmup: 1 });
  assertBuilt();
  const { startMoto } = support('moto.ts');
  const { TEST_CREDENTIALS } = support('network.ts');
  const { startFaultProxy } = support('fault-proxy.ts');
  const {
    ElasticLoadBalancingV2Client,
    CreateLoadBalancerCommand,
    CreateTargetGroupCommand,
    RegisterTargetsCommand,
    CreateListenerCommand,
    ModifyListenerCommand,
  } = require('@aws-sdk/client-elastic-load-balancing-v2');
  const { CloudWatchClient, PutMetricDataCommand } = require('@aws-sdk/client-cloudwatch');
  const { EC2Client, CreateVpcCommand, CreateSubnetCommand, RunInstancesCommand } = require('@aws-sdk/client-ec2');

  const moto = await startMoto();
  const config = { region: REGION, endpoint: moto.endpoint, credentials: TEST_CREDENTIALS };
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  const cw = new CloudWatchClient(config);
  try {
    const ec2 = new EC2Client(config);
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc.VpcId;
    const subnets = [];
    for (const [i, zone] of ['a', 'b'].entries()) {
      subnets.push(
        (
          await ec2.send(
            new CreateSubnetCommand({
              VpcId: vpc,
              CidrBlock: `10.0.${i + 1}.0/24`,
              AvailabilityZone: `${REGION}${zone}`,
            }),
          )
        ).Subnet.SubnetId,
      );
    }
    const instances = (
      await ec2.send(
        new RunInstancesCommand({
          ImageId: 'ami-12c6146b',
          MinCount: 2,
          MaxCount: 2,
          InstanceType: 't3.micro',
          SubnetId: subnets[0],
        }),
      )
    ).Instances.map((i) => i.InstanceId);
    ec2.destroy();
    const lb = (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'web', Type: 'application', Subnets: subnets })))
      .LoadBalancers[0].LoadBalancerArn;
    /** A target group with one healthy target. */
    const targetGroup = async (name, instance) => {
      const arn = (
        await elbv2.send(new CreateTargetGroupCommand({ Name: name, Protocol: 'HTTP', Port: 80, VpcId: vpc }))
      ).TargetGroups[0].TargetGroupArn;
      await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: arn, Targets: [{ Id: instance }] }));
      return arn;
    };
    const blue = await targetGroup('blue', instances[0]);
    const listener = (
      await elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: blue }],
        }),
      )
    ).Listeners[0].ListenerArn;
    /** A data point of the green group `green` (its own dimensions: every round has its own group, so its own series). */
    const put = (green, MetricName, Value, Timestamp) =>
      cw.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/ApplicationELB',
          MetricData: [
            {
              MetricName,
              Dimensions: [
                { Name: 'LoadBalancer', Value: lb.split(':loadbalancer/')[1] },
                { Name: 'TargetGroup', Value: `targetgroup/${green.split(':targetgroup/')[1]}` },
              ],
              Timestamp,
              Value,
              Unit: 'Count',
            },
          ],
        }),
      );
    let made = 0;

    const rows = [];
    for (const interval of INTERVALS) {
      const samples = { ms: [], periods: [], calls: [], ops: undefined };
      for (let round = 0; round < opts.warmup + opts.runs; round += 1) {
        const warm = round < opts.warmup;
        await elbv2.send(
          new ModifyListenerCommand({
            ListenerArn: listener,
            DefaultActions: [{ Type: 'forward', TargetGroupArn: blue }],
          }),
        );
        made += 1;
        const greenName = `green-${made}`;
        const green = await targetGroup(greenName, instances[1]);
        // Healthy traffic, one data point a minute from 2 minutes ago to 20 minutes ahead.
        const minute = Math.floor(Date.now() / 60_000) * 60_000;
        for (let m = -2; m <= 20; m += 1) {
          await put(green, 'RequestCount', 1000, new Date(minute + m * 60_000));
          await put(green, 'HTTPCode_Target_5XX_Count', 1, new Date(minute + m * 60_000));
        }
        const proxy = await startFaultProxy(moto.endpoint);
        try {
          const child = spawn(
            process.execPath,
            [
              BIN,
              'shift',
              'web:80',
              '--to',
              greenName,
              '--steps',
              '10,50,100',
              '--bake',
              '10m',
              '--interval',
              String(interval),
              '--guard',
              'error-rate<1%',
              '-y',
              '-o',
              'json',
              '--endpoint-url',
              proxy.endpoint,
            ],
            {
              env: {
                PATH: process.env.PATH,
                AWS_REGION: REGION,
                AWS_ACCESS_KEY_ID: 'testing',
                AWS_SECRET_ACCESS_KEY: 'testing',
                AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
              },
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          );
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d) => (stdout += d));
          child.stderr.on('data', (d) => (stderr += d));
          const done = new Promise((resolve) => child.on('close', resolve));
          while (!stderr.includes('10% landed') && !stderr.includes('90/10 landed')) {
            if (child.exitCode !== null) throw new Error(`elbctl shift ended before the first step landed:\n${stderr}`);
            await new Promise((r) => setTimeout(r, 20));
          }
          // Cross the threshold at a random point of an interval, well inside the 10-minute bake.
          await new Promise((r) => setTimeout(r, Math.random() * interval * 1000));
          await put(green, 'HTTPCode_Target_5XX_Count', 200, new Date());
          const crossed = Date.now();
          const code = await done;
          const result = JSON.parse(stdout.trim().split('\n').at(-1));
          if (code !== 1 || result.outcome !== 'rolled-back' || result.failedGuards[0]?.guard !== 'error-rate<1%') {
            throw new Error(
              `expected a rollback on error-rate<1%, got exit ${code}: ${stdout.slice(-500)}\n${stderr.slice(-500)}`,
            );
          }
          const after = proxy.calls.filter((c) => c.startedAt >= crossed);
          const restore = after.find((c) => c.operation === 'ModifyListener');
          if (!restore) throw new Error('no ModifyListener after the threshold was crossed');
          const until = after.filter((c) => c.seq <= restore.seq);
          const ms = restore.endedAt - crossed;
          const periods = until.filter((c) => c.operation === 'GetMetricData').length;
          progress(
            `shift: interval ${interval}s ${warm ? 'warm-up' : 'round'} ${round + 1}/${opts.warmup + opts.runs}: restored ${ms.toFixed(0)} ms after the crossing, ${periods} evaluation(s), ${until.length} calls`,
          );
          if (!warm) {
            samples.ms.push(ms);
            samples.periods.push(periods);
            samples.calls.push(until.length);
            samples.ops = until.map((c) => c.operation).join(' → ');
          }
        } finally {
          await proxy.close();
        }
      }
      rows.push({ interval, ...samples });
    }

    return [
      ...header('shift.js', [
        '- moto holds an application load balancer `web` whose HTTP:80 forwards to `blue`; each round adds a target group `green-N` with 1000 requests and 1 target 5XX a minute (PutMetricData, TargetGroup + LoadBalancer dimensions)',
        '- elbctl: `elbctl shift web:80 --to green-N --steps 10,50,100 --bake 10m --interval I --guard "error-rate<1%" -y -o json`, the built bin/elbctl through a loopback proxy that counts and times every call',
        "- once step 1 (90/10) has landed, at a random point of an interval, the bench writes 200 target 5XX into green's current minute: the error rate over the step crosses 1%",
        "- measured from the end of that PutMetricData to the end of the ModifyListener that restores the forward to blue (the proxy's clock is the bench's)",
        `- ${opts.runs} measured rounds per interval after ${opts.warmup} warm-up round`,
      ]),
      '',
      '| --interval | time to weights restored, ms: median (min–max) | in intervals (median) | evaluation periods | calls |',
      '|---:|---|---:|---:|---:|',
      ...rows.map((r) => {
        const s = stats(r.ms);
        return `| ${r.interval} s | ${s.text} | ${(s.median / (r.interval * 1000)).toFixed(2)} | ${Math.min(...r.periods)}–${Math.max(...r.periods)} | ${Math.min(...r.calls)}–${Math.max(...r.calls)} |`;
      }),
      '',
      `The calls between the crossing and the restored weights: ${rows.at(-1).ops}.`,
      '',
      'Reading: the rollback costs one evaluation period at most — the next evaluation reads the crossing and the ' +
        'restoring write follows at once — plus the few calls of the rollback itself. On AWS, ELB publishes its metrics ' +
        'per minute and they reach CloudWatch with a delay this bench does not measure (moto has the data point at once): ' +
        'add that delay to the time from a real failure to the restored weights.',
    ].join('\n');
  } finally {
    elbv2.destroy();
    cw.destroy();
    await moto.stop();
  }
});
