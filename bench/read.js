#!/usr/bin/env node

/**
 * Read: `elbctl lb list -o json` against `aws elbv2 describe-load-balancers`, side by side, on one
 * moto holding 20 load balancers. Rounds alternate the two commands, so machine noise hits both
 * alike. Prints a markdown section body on stdout.
 *
 *   node bench/read.js [--runs N] [--warmup N]
 */
const { BIN, support, parseRuns, assertBuilt, run, stats, header, progress, main } = require('./support');

const LOAD_BALANCERS = 20;
const TARGET_RATIO = 0.4;
const REGION = 'us-east-1';

main(async () => {
  const opts = parseRuns(process.argv.slice(2), { runs: 15, warmup: 2 });
  assertBuilt();
  const { startMoto } = support('moto.ts');
  const { seedNetwork, TEST_CREDENTIALS } = support('network.ts');
  const {
    ElasticLoadBalancingV2Client,
    CreateLoadBalancerCommand,
  } = require('@aws-sdk/client-elastic-load-balancing-v2');

  const moto = await startMoto();
  try {
    const net = await seedNetwork(moto.endpoint);
    const client = new ElasticLoadBalancingV2Client({
      region: REGION,
      endpoint: moto.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    for (let i = 0; i < LOAD_BALANCERS; i += 1) {
      await client.send(
        new CreateLoadBalancerCommand({
          Name: `read-${String(i).padStart(2, '0')}`,
          Type: i % 2 ? 'network' : 'application',
          Subnets: net.subnets,
          ...(i % 2 ? {} : { SecurityGroups: [net.securityGroupId] }),
        }),
      );
    }
    client.destroy();

    const env = { AWS_REGION: REGION, AWS_DEFAULT_REGION: REGION };
    const rows = [
      {
        label: '`elbctl lb list -o json`',
        argv: [process.execPath, BIN, 'lb', 'list', '-o', 'json', '--endpoint-url', moto.endpoint],
        count: (out) => JSON.parse(out).length,
      },
      {
        label: '`aws elbv2 describe-load-balancers`',
        argv: ['aws', '--endpoint-url', moto.endpoint, 'elbv2', 'describe-load-balancers', '--output', 'json'],
        count: (out) => JSON.parse(out).LoadBalancers.length,
      },
    ];
    const samples = rows.map(() => ({ ms: [], rss: [] }));
    for (let round = 0; round < opts.warmup + opts.runs; round += 1) {
      progress(`read: ${round < opts.warmup ? 'warm-up' : 'round'} ${round + 1}/${opts.warmup + opts.runs}`);
      for (const [i, row] of rows.entries()) {
        const r = await run(row.argv, { env, rss: true });
        const n = row.count(r.stdout);
        if (n !== LOAD_BALANCERS)
          throw new Error(`${row.label} listed ${n} load balancers, expected ${LOAD_BALANCERS}`);
        if (round < opts.warmup) continue;
        samples[i].ms.push(r.ms);
        if (r.rssKib !== undefined) samples[i].rss.push(r.rssKib / 1024);
      }
    }

    const elbctl = stats(samples[0].ms);
    const aws = stats(samples[1].ms);
    const ratio = elbctl.median / aws.median;
    const lines = [
      ...header('read.js', [
        `- moto holds ${LOAD_BALANCERS} load balancers (10 application, 10 network); both commands talk to it directly`,
        `- ${opts.runs} measured rounds after ${opts.warmup} warm-up rounds, the two commands alternating; wall time from spawn to exit, peak RSS from \`/usr/bin/time -f %M\` in the same run`,
      ]),
      '',
      '| command | median ms | min ms | max ms | peak RSS MiB (median) |',
      '|---|---:|---:|---:|---:|',
      ...rows.map((row, i) => {
        const s = stats(samples[i].ms);
        return `| ${row.label} | ${s.median.toFixed(0)} | ${s.min.toFixed(0)} | ${s.max.toFixed(0)} | ${samples[i].rss.length ? stats(samples[i].rss, 1).median.toFixed(1) : 'n/a'} |`;
      }),
      '',
      `**elbctl / aws CLI: ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×) — ${ratio <= TARGET_RATIO ? 'met' : 'missed'}.** ` +
        `Both make one DescribeLoadBalancers call; elbctl's time is Node's start, loading the ELBv2 client and one call (${elbctl.text} ms), the AWS CLI's is the Python interpreter and botocore loading its service models (${aws.text} ms).`,
    ];
    return lines.join('\n');
  } finally {
    await moto.stop();
  }
});
