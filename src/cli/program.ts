/**
 * The command tree. Only commander is loaded here: each command's module (and through it the
 * AWS SDK) is imported when that command runs, so `elbctl --help` stays as fast as Node itself.
 */
import { Command, Option } from 'commander';
import type { Context } from './context';
import type { Result } from '../ui/render';

export type CommandModule = { run(opts: never, ctx: Context): Promise<Result> };
export type Runner = (
  load: () => Promise<CommandModule>,
  opts: Record<string, unknown>,
  command: Command,
) => Promise<void>;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

export function buildProgram(version: string, runner: Runner): Command {
  const program = new Command('elbctl')
    .description(
      'Provision and operate AWS Elastic Load Balancing v2 (application and network load balancers):\nsafer than raw API calls, explained when something is wrong.',
    )
    .version(version, '-V, --version', 'print the elbctl version')
    .option('--profile <name>', 'AWS shared-config profile (env: AWS_PROFILE)')
    .option('--region <name>', 'AWS region (env: AWS_REGION, AWS_DEFAULT_REGION)')
    .option(
      '--endpoint-url <url>',
      'one endpoint for every AWS service, e.g. a local emulator (env: ELBCTL_ENDPOINT_URL, AWS_ENDPOINT_URL)',
    )
    .addOption(
      new Option(
        '-o, --output <format>',
        'result format: table, json or yaml (env: ELBCTL_OUTPUT; default: table on a terminal, json otherwise)',
      ),
    )
    .option('--no-color', 'no colour (also off with NO_COLOR or when stdout is not a terminal)')
    .option('--no-input', 'never prompt; a missing answer is an error naming the flag to pass (also with CI=true)')
    .option('-y, --yes', 'approve destructive or mutating confirmations')
    .option('--debug', 'log every AWS call to stderr, secrets redacted (env: ELBCTL_DEBUG=1)')
    .option('-q, --quiet', 'no progress or info lines on stderr')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true });

  const act =
    (load: () => Promise<CommandModule>, names: string[] = []) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const opts: Record<string, unknown> = { ...command.opts() };
      names.forEach((name, i) => {
        opts[name] = args[i];
      });
      await runner(load, opts, command);
    };

  // ------------------------------------------------------------------ lb
  const lb = program
    .command('lb')
    .description('load balancers: create, list, describe, delete, attributes, cross-zone');

  examples(
    lb
      .command('create')
      .description('create an application or network load balancer and wait until it is active')
      .argument('<name>', 'load balancer name (1-32 letters, digits, hyphens)')
      .requiredOption('--type <type>', 'application or network')
      .requiredOption('--subnets <ids>', 'subnet IDs, comma-separated (an application load balancer needs two zones)')
      .option('--security-groups <ids>', 'security group IDs, comma-separated (application load balancers)')
      .option('--scheme <scheme>', 'internet-facing or internal', 'internet-facing')
      .option('--ip-address-type <type>', 'ipv4 or dualstack', 'ipv4')
      .option('--tag <key=value>', 'tag to add (repeatable)', collect)
      .option('--no-wait', 'return as soon as AWS accepts the request')
      .action(act(() => import('../commands/lb/create'), ['name'])),
    [
      'elbctl lb create web --type application --subnets subnet-0a1b2c3d,subnet-4e5f6a7b --security-groups sg-0123abcd',
      'elbctl lb create edge --type network --subnets subnet-0a1b2c3d --scheme internal --no-wait',
    ],
  );
  examples(
    lb
      .command('list')
      .description('list every load balancer in the region')
      .action(act(() => import('../commands/lb/list'))),
    ['elbctl lb list', 'elbctl lb list -o json'],
  );
  examples(
    lb
      .command('describe')
      .description('show one load balancer with its listeners and attributes')
      .argument('<lb>', 'load balancer name or ARN')
      .action(act(() => import('../commands/lb/describe'), ['lb'])),
    ['elbctl lb describe web'],
  );
  examples(
    lb
      .command('delete')
      .description('delete a load balancer (asks first; -y to approve without a terminal)')
      .argument('<lb>', 'load balancer name or ARN')
      .option('--no-wait', 'return without waiting for the deletion to finish')
      .action(act(() => import('../commands/lb/delete'), ['lb'])),
    ['elbctl lb delete web', 'elbctl lb delete web -y'],
  );
  examples(
    lb
      .command('attributes')
      .description('show every attribute of a load balancer, or set the named ones')
      .argument('<lb>', 'load balancer name or ARN')
      .option('--set <key=value>', 'attribute to set (repeatable)', collect)
      .action(act(() => import('../commands/lb/attributes'), ['lb'])),
    ['elbctl lb attributes web', 'elbctl lb attributes web --set idle_timeout.timeout_seconds=120'],
  );
  examples(
    lb
      .command('cross-zone')
      .description('turn cross-zone load balancing on or off (network and gateway load balancers)')
      .argument('<lb>', 'load balancer name or ARN')
      .argument('<state>', 'on or off')
      .action(act(() => import('../commands/lb/cross-zone'), ['lb', 'state'])),
    ['elbctl lb cross-zone edge on', 'elbctl lb cross-zone edge off'],
  );

  // ------------------------------------------------------------------ tg
  const tg = program.command('tg').description('target groups: create, list, describe, delete, attributes, cross-zone');
  examples(
    tg
      .command('create')
      .description('create a target group with its health check')
      .argument('<name>', 'target group name (1-32 letters, digits, hyphens)')
      .option('--protocol <protocol>', 'HTTP, HTTPS, TCP, TLS, UDP or TCP_UDP (not for lambda)')
      .option('--port <port>', 'port the targets listen on (not for lambda)')
      .option('--vpc <id>', 'VPC ID (not for lambda)')
      .option('--target-type <type>', 'instance, ip, lambda or alb', 'instance')
      .option('--health-protocol <protocol>', 'health check protocol (default: the target group protocol)')
      .option('--health-port <port>', 'health check port, or traffic-port', undefined)
      .option('--health-path <path>', 'health check path for HTTP/HTTPS, e.g. /healthz')
      .option('--health-interval <seconds>', 'seconds between health checks (5-300)')
      .option('--health-timeout <seconds>', 'seconds before a check times out (2-120, less than the interval)')
      .option('--healthy-threshold <n>', 'passes before a target is healthy (2-10)')
      .option('--unhealthy-threshold <n>', 'failures before a target is unhealthy (2-10)')
      .option('--matcher <codes>', 'HTTP codes that mean healthy, e.g. 200 or 200-299')
      .option('--tag <key=value>', 'tag to add (repeatable)', collect)
      .action(act(() => import('../commands/tg/create'), ['name'])),
    [
      'elbctl tg create api --protocol HTTP --port 8080 --vpc vpc-0abc1234 --health-path /healthz --matcher 200-299',
      'elbctl tg create tcp-pool --protocol TCP --port 443 --vpc vpc-0abc1234 --target-type ip',
    ],
  );
  examples(
    tg
      .command('list')
      .description('list target groups, optionally only those of one load balancer')
      .option('--lb <lb>', 'only target groups used by this load balancer (name or ARN)')
      .action(act(() => import('../commands/tg/list'))),
    ['elbctl tg list', 'elbctl tg list --lb web'],
  );
  examples(
    tg
      .command('describe')
      .description('show one target group with its health check, attributes and targets')
      .argument('<tg>', 'target group name or ARN')
      .action(act(() => import('../commands/tg/describe'), ['tg'])),
    ['elbctl tg describe api'],
  );
  examples(
    tg
      .command('delete')
      .description('delete a target group (asks first; -y to approve without a terminal)')
      .argument('<tg>', 'target group name or ARN')
      .action(act(() => import('../commands/tg/delete'), ['tg'])),
    ['elbctl tg delete api -y'],
  );
  examples(
    tg
      .command('attributes')
      .description('show every attribute of a target group, or set the named ones')
      .argument('<tg>', 'target group name or ARN')
      .option('--set <key=value>', 'attribute to set (repeatable)', collect)
      .action(act(() => import('../commands/tg/attributes'), ['tg'])),
    ['elbctl tg attributes api', 'elbctl tg attributes api --set deregistration_delay.timeout_seconds=30'],
  );
  examples(
    tg
      .command('cross-zone')
      .description('override cross-zone load balancing for one target group')
      .argument('<tg>', 'target group name or ARN')
      .argument('<state>', 'on, off, or inherit (use the load balancer setting)')
      .action(act(() => import('../commands/tg/cross-zone'), ['tg', 'state'])),
    ['elbctl tg cross-zone api off', 'elbctl tg cross-zone api inherit'],
  );

  // ------------------------------------------------------------------ targets
  const targets = program.command('targets').description('targets: register, deregister, health');
  examples(
    targets
      .command('register')
      .description('register instances, IP addresses or a lambda function with a target group')
      .argument('<tg>', 'target group name or ARN')
      .argument('<targets...>', 'ID[:PORT][@ZONE]: i-0abc…, 10.0.1.5:8080, 203.0.113.9@all, a lambda ARN')
      .action(act(() => import('../commands/targets/register'), ['tg', 'targets'])),
    [
      'elbctl targets register api i-0abc12345678 i-0def12345678:8080',
      'elbctl targets register ips 10.0.1.5:80 10.0.2.7:80',
    ],
  );
  examples(
    targets
      .command('deregister')
      .description('deregister targets from a target group')
      .argument('<tg>', 'target group name or ARN')
      .argument('<targets...>', 'ID[:PORT]')
      .action(act(() => import('../commands/targets/deregister'), ['tg', 'targets'])),
    ['elbctl targets deregister api i-0abc12345678'],
  );
  examples(
    targets
      .command('health')
      .description("show each target's health, reason and what to do about it")
      .argument('<tg>', 'target group name or ARN')
      .option('--wait <state>', 'wait until every target is in this state (healthy)')
      .option('--timeout <seconds>', 'give up waiting after this many seconds', '300')
      .action(act(() => import('../commands/targets/health'), ['tg'])),
    ['elbctl targets health api', 'elbctl targets health api --wait healthy --timeout 600'],
  );

  // ------------------------------------------------------------------ listener
  const listener = program.command('listener').description('listeners: create, list, delete');
  examples(
    listener
      .command('create')
      .description('add a listener to a load balancer with its default action')
      .argument('<lb>', 'load balancer name or ARN')
      .requiredOption('--protocol <protocol>', 'HTTP or HTTPS (application); TCP, TLS, UDP or TCP_UDP (network)')
      .requiredOption('--port <port>', 'port to listen on')
      .option('--forward <tg[=weight],...>', 'forward to target groups (weights for a weighted split)')
      .option('--redirect-https', 'redirect every request to HTTPS on port 443 (HTTP 301)')
      .option('--fixed-response <code[:body]>', 'answer with a fixed HTTP status and optional body')
      .option('--certificate <arn>', 'certificate ARN for HTTPS/TLS (repeatable; the first is the default)', collect)
      .option('--ssl-policy <name>', 'TLS policy for HTTPS/TLS', 'ELBSecurityPolicy-TLS13-1-2-2021-06')
      .action(act(() => import('../commands/listener/create'), ['lb'])),
    [
      'elbctl listener create web --protocol HTTP --port 80 --redirect-https',
      'elbctl listener create web --protocol HTTPS --port 443 --certificate arn:aws:acm:us-east-1:123456789012:certificate/abc --forward api',
      'elbctl listener create edge --protocol TCP --port 443 --forward tcp-pool',
    ],
  );
  examples(
    listener
      .command('list')
      .description('list the listeners of a load balancer')
      .argument('<lb>', 'load balancer name or ARN')
      .action(act(() => import('../commands/listener/list'), ['lb'])),
    ['elbctl listener list web'],
  );
  examples(
    listener
      .command('delete')
      .description('delete a listener and its rules (asks first)')
      .argument('<listener>', 'listener ARN, or LB:PORT')
      .action(act(() => import('../commands/listener/delete'), ['listener'])),
    ['elbctl listener delete web:80 -y'],
  );

  // ------------------------------------------------------------------ rule
  const rule = program.command('rule').description('listener rules: add, list, delete, move');
  examples(
    rule
      .command('add')
      .description('add a routing rule to an application load balancer listener')
      .argument('<listener>', 'listener ARN, or LB:PORT')
      .option('--path <pattern>', 'path pattern, e.g. /api/* (repeatable)', collect)
      .option('--host <pattern>', 'host header pattern, e.g. *.example.com (repeatable)', collect)
      .option('--header <name=value>', 'HTTP header match (repeatable)', collect)
      .option('--query <key=value>', 'query string match; =value or key= alone also work (repeatable)', collect)
      .option('--method <method>', 'HTTP method, e.g. GET (repeatable)', collect)
      .option('--source-ip <cidr>', 'client source CIDR, e.g. 203.0.113.0/24 (repeatable)', collect)
      .option('--forward <tg[=weight],...>', 'forward to target groups (weights for a weighted split)')
      .option('--redirect <url>', 'redirect to a URL, e.g. https://example.com/new (HTTP 301)')
      .option('--fixed-response <code[:body]>', 'answer with a fixed HTTP status and optional body')
      .option('--priority <n>', 'priority 1-50000 (default: the next free one after the last rule)')
      .action(act(() => import('../commands/rule/add'), ['listener'])),
    [
      'elbctl rule add web:443 --path "/api/*" --forward api',
      'elbctl rule add web:443 --host admin.example.com --source-ip 203.0.113.0/24 --forward admin --priority 5',
      'elbctl rule add web:443 --path /old --redirect https://example.com/new',
    ],
  );
  examples(
    rule
      .command('list')
      .description('list the rules of a listener, lowest priority first')
      .argument('<listener>', 'listener ARN, or LB:PORT')
      .action(act(() => import('../commands/rule/list'), ['listener'])),
    ['elbctl rule list web:443'],
  );
  examples(
    rule
      .command('delete')
      .description('delete a rule (asks first)')
      .argument('<rule>', 'rule ARN, or LB:PORT:PRIORITY')
      .action(act(() => import('../commands/rule/delete'), ['rule'])),
    ['elbctl rule delete web:443:10 -y'],
  );
  examples(
    rule
      .command('move')
      .description("change a rule's priority without recreating it")
      .argument('<rule>', 'rule ARN, or LB:PORT:PRIORITY')
      .requiredOption('--priority <n>', 'the new priority (1-50000, must be free)')
      .action(act(() => import('../commands/rule/move'), ['rule'])),
    ['elbctl rule move web:443:10 --priority 3'],
  );

  // ------------------------------------------------------------------ stacks
  examples(
    program
      .command('validate')
      .description('check a stack file offline: every problem at once, with file:line:column')
      .option('-f, --file <path>', 'the stack file (YAML)')
      .action(act(() => import('../commands/stack/validate'))),
    ['elbctl validate -f elbctl.yaml', 'elbctl validate -f examples/alb-path-routing.yaml -o json'],
  );
  examples(
    program
      .command('plan')
      .description('show what apply would change: the stack file against the live state')
      .option('-f, --file <path>', 'the stack file (YAML)')
      .option('--offline', 'plan against an empty account: no AWS call, no credentials needed')
      .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error')
      .option('--out <path>', 'save the plan for `elbctl apply --plan PATH`')
      .action(act(() => import('../commands/stack/plan'))),
    [
      'elbctl plan -f elbctl.yaml',
      'elbctl plan -f elbctl.yaml --detailed-exitcode --out plan.json',
      'elbctl plan -f examples/blue-green.yaml --offline',
    ],
  );
  examples(
    program
      .command('apply')
      .description('make the live state match a stack file (asks first; -y to approve)')
      .option('-f, --file <path>', 'the stack file (YAML)')
      .option('--plan <path>', 'apply a plan saved by `elbctl plan --out`; refused if the live state changed since')
      .action(act(() => import('../commands/stack/apply'))),
    ['elbctl apply -f elbctl.yaml', 'elbctl apply --plan plan.json -y'],
  );
  examples(
    program
      .command('destroy')
      .description('delete every resource the stack owns (by tag), in dependency order (asks first)')
      .option('-f, --file <path>', 'the stack file (YAML)')
      .action(act(() => import('../commands/stack/destroy'))),
    ['elbctl destroy -f elbctl.yaml', 'elbctl destroy -f elbctl.yaml -y'],
  );

  examples(
    program
      .command('export')
      .description('write a stack file for existing load balancers, so a stack can adopt them')
      .argument('<lb...>', 'load balancer names or ARNs')
      .option('--stack <name>', 'stack name (default: the owning stack tag, else the first load balancer name)')
      .option('-f, --file <path>', 'write the stack file here instead of printing it (asks before overwriting)')
      .action(act(() => import('../commands/export'), ['lb'])),
    ['elbctl export shop-web --stack shop', 'elbctl export shop-web shop-internal --stack shop -f shop.yaml'],
  );

  examples(
    program
      .command('init')
      .description('set up a load balancer step by step: writes a stack file, shows its plan, offers to apply it')
      .option('-f, --file <path>', 'the stack file to write (asks before overwriting)', 'elbctl.yaml')
      .option('--defaults', 'ask nothing: take every default (default VPC, its subnets…); applies only with -y')
      .action(act(() => import('../commands/init'))),
    ['elbctl init', 'elbctl init -f shop.yaml', 'elbctl init --defaults -y'],
  );

  // ------------------------------------------------------------------ metrics and doctor
  examples(
    program
      .command('metrics')
      .description('CloudWatch metrics of load balancers: a table with trends, line charts, or a live view')
      .argument('[lb...]', 'load balancer names or ARNs')
      .option('--all', 'every load balancer in the region')
      .option('--target-group <tg>', 'only the traffic of this target group (adds the TargetGroup dimension)')
      .option('--since <duration>', 'window ending now (or at --end): 15m, 3h, 2d, 1w (default: 3h)')
      .option('--start <time>', 'window start, ISO 8601 (e.g. 2024-05-01T09:00:00Z)')
      .option('--end <time>', 'window end, ISO 8601 (default: now)')
      .option('--period <seconds>', 'seconds per data point, a multiple of 60 (default: chosen from the window)')
      .option('--metric <name>', 'a metric to show instead of the default set (repeatable)', collect)
      .option('--stat <stat>', 'statistic: Sum, Average, Minimum, Maximum, SampleCount, p99 … (repeatable)', collect)
      .option('--chart', 'draw a line chart per metric, sized to the terminal')
      .option('--watch <seconds>', 'refresh every N seconds until Ctrl-C (redraws in place on a terminal)')
      .action(act(() => import('../commands/metrics'), ['lb'])),
    [
      'elbctl metrics web',
      'elbctl metrics web --since 1d --chart',
      'elbctl metrics web --target-group api --metric TargetResponseTime --stat p50 --stat p99',
      'elbctl metrics --all --watch 60',
    ],
  );
  examples(
    program
      .command('doctor')
      .description('why targets are unhealthy: target health explained, and checks with the fix')
      .argument('<target>', 'load balancer or target group, by name or ARN')
      .action(act(() => import('../commands/doctor'), ['target'])),
    ['elbctl doctor web', 'elbctl doctor api -o json'],
  );

  return program;
}
