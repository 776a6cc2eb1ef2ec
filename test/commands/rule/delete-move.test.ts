import {
  CreateRuleCommand,
  DeleteRuleCommand,
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
  SetRulePrioritiesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { ScriptedPrompter } from '../../../src/ui/prompter';
import { elbctl } from '../../support/harness';
import { defaultRule, numberedRule, ruleArn, stubReads, tgArn } from './fixtures';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const r3 = numberedRule('r3', 3, [{ Field: 'host-header', HostHeaderConfig: { Values: ['admin.example.com'] } }]);
const r5 = numberedRule('r5', 5);
const r6 = numberedRule('r6', 6);

beforeEach(() => {
  elbv2.reset();
  stubReads(elbv2, [r3, r5, r6, defaultRule()]);
});

describe('rule delete', () => {
  it('GIVEN LB:PORT:PRIORITY and -y WHEN deleted THEN DeleteRule gets that rule and the result says deleted', async () => {
    elbv2.on(DeleteRuleCommand).resolves({});

    const r = await elbctl(['rule', 'delete', 'web:443:5', '-y']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(DeleteRuleCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DeleteRuleCommand, { RuleArn: ruleArn('r5') });
    expect(r.json()).toStrictEqual({ arn: ruleArn('r5'), priority: 5, deleted: true });
    expect(r.stderr).toBe('✓ deleted rule web:443:5 (path /r5/*)\n');
  });

  it('GIVEN a rule ARN and -y WHEN deleted THEN the rule is described by ARN and deleted', async () => {
    elbv2.on(DeleteRuleCommand).resolves({});
    const r = await elbctl(['rule', 'delete', ruleArn('r3'), '-y']);
    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(DescribeRulesCommand, { RuleArns: [ruleArn('r3')] });
    expect(elbv2).toHaveReceivedCommandWith(DeleteRuleCommand, { RuleArn: ruleArn('r3') });
    expect(r.json()).toStrictEqual({ arn: ruleArn('r3'), priority: 3, deleted: true });
  });

  it('GIVEN no terminal and no -y WHEN deleted THEN exits 64 asking for -y and deletes nothing', async () => {
    const r = await elbctl(['rule', 'delete', 'web:443:5']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'error: delete rule web:443:5 (path /r5/*): confirmation needed but no terminal to ask on; pass -y to approve\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(DeleteRuleCommand);
  });

  it('GIVEN a terminal WHEN the confirmation is declined THEN exits 130 and deletes nothing', async () => {
    const prompter = new ScriptedPrompter([{ match: 'Delete rule web:443:5 (path /r5/*)?', answer: false }]);
    const r = await elbctl(['rule', 'delete', 'web:443:5'], { tty: true, prompter });
    expect(r.code).toBe(130);
    expect(prompter.remaining).toBe(0);
    expect(r.stderr).toBe('error: delete rule web:443:5 (path /r5/*): declined, nothing was changed\n');
    expect(elbv2).not.toHaveReceivedCommand(DeleteRuleCommand);
  });

  it('GIVEN a terminal WHEN the confirmation is approved THEN the rule is deleted', async () => {
    elbv2.on(DeleteRuleCommand).resolves({});
    const prompter = new ScriptedPrompter([{ match: 'Delete rule web:443:3 (host admin.example.com)?', answer: true }]);
    const r = await elbctl(['rule', 'delete', 'web:443:3'], { tty: true, prompter });
    expect(r.code).toBe(0);
    expect(prompter.remaining).toBe(0);
    expect(elbv2).toHaveReceivedCommandWith(DeleteRuleCommand, { RuleArn: ruleArn('r3') });
    expect(r.stdout).toBe('deleted rule web:443:3 (host admin.example.com)\n');
  });

  it('GIVEN the default rule WHEN deleted THEN exits 64 pointing at the listener default action, without asking or deleting', async () => {
    const prompter = new ScriptedPrompter();
    const r = await elbctl(['rule', 'delete', ruleArn('default0default0'), '-y'], { prompter });
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      `error: rule "${ruleArn('default0default0')}": is the default rule of listener "web:443" and cannot be deleted; change the listener's default action instead\n` +
        'hint: the default rule answers every request no other rule matches; it goes away only with its listener\n',
    );
    expect(prompter.asked).toEqual([]);
    expect(elbv2).not.toHaveReceivedCommand(DeleteRuleCommand);
  });

  it('GIVEN a priority no rule holds WHEN deleted THEN exits 1 not found', async () => {
    const r = await elbctl(['rule', 'delete', 'web:443:4', '-y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: rule "web:443:4": not found\nhint: `elbctl rule list web:443` shows the rules and their priorities\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(DeleteRuleCommand);
  });

  it.each([
    ['web:443', 'rule "web:443": name it by its ARN or as LB:PORT:PRIORITY, e.g. web:443:10'],
    ['web:443:0', 'rule "web:443:0": name it by its ARN or as LB:PORT:PRIORITY, e.g. web:443:10'],
    [
      'web:443:default',
      'rule "web:443:default": the default rule is the listener\'s default action, not a rule of its own; change it with `elbctl listener modify web:443` (--forward, --redirect, --fixed-response)',
    ],
  ])('GIVEN the invalid reference %j WHEN deleted THEN exits 64 with no AWS call', async (ref, message) => {
    const r = await elbctl(['rule', 'delete', ref, '-y']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(elbv2.calls()).toHaveLength(0);
  });
});

describe('rule move', () => {
  it('GIVEN a free priority WHEN a rule is moved THEN SetRulePriorities moves exactly that rule, never delete + create', async () => {
    elbv2.on(SetRulePrioritiesCommand).resolves({ Rules: [{ ...r5, Priority: '4' }] });

    const r = await elbctl(['rule', 'move', 'web:443:5', '--priority', '4']);

    expect(r.code).toBe(0);
    expect(elbv2).toHaveReceivedCommandTimes(SetRulePrioritiesCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(SetRulePrioritiesCommand, {
      RulePriorities: [{ RuleArn: ruleArn('r5'), Priority: 4 }],
    });
    expect(elbv2).not.toHaveReceivedCommand(DeleteRuleCommand);
    expect(elbv2).not.toHaveReceivedCommand(CreateRuleCommand);
    expect(r.json()).toStrictEqual({
      arn: ruleArn('r5'),
      priority: 4,
      isDefault: false,
      conditions: [{ field: 'path-pattern', values: ['/r5/*'] }],
      actions: [{ type: 'forward', targetGroups: [{ name: 'api', arn: tgArn('api'), weight: null }] }],
      tags: {},
      stack: null,
    });
    expect(r.stderr).toBe('✓ moved rule web:443:5 to priority 4\n');
  });

  it('GIVEN a priority held by another rule WHEN moved there THEN exits 1 naming that rule and the next free priority, with no write', async () => {
    const r = await elbctl(['rule', 'move', 'web:443:5', '--priority', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: listener "web:443": priority 3: already taken by rule "host admin.example.com" (r3); the next free priority is 4\n' +
        'hint: move rule "host admin.example.com" (r3) first, or pick a free priority; `elbctl rule list web:443` shows them all\n',
    );
    expect(elbv2).not.toHaveReceivedCommand(SetRulePrioritiesCommand);
  });

  it('GIVEN the rule already at that priority WHEN moved THEN an info line and no write', async () => {
    const r = await elbctl(['rule', 'move', 'web:443:5', '--priority', '5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('rule web:443:5 is already at priority 5; nothing to change\n');
    expect(r.json<{ priority: number }>().priority).toBe(5);
    expect(elbv2).not.toHaveReceivedCommand(SetRulePrioritiesCommand);
  });

  it('GIVEN -o table WHEN moved THEN the moved rule shows as fields with the target group by name', async () => {
    elbv2.on(SetRulePrioritiesCommand).resolves({ Rules: [{ ...r6, Priority: '9' }] });
    const r = await elbctl(['rule', 'move', 'web:443:6', '--priority', '9', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [`arn         ${ruleArn('r6')}`, 'priority    9', 'conditions  path /r6/*', 'action      forward → api', ''].join(
        '\n',
      ),
    );
  });

  it('GIVEN the default rule WHEN moved THEN exits 64 and nothing is written', async () => {
    const r = await elbctl(['rule', 'move', ruleArn('default0default0'), '--priority', '2']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      `error: rule "${ruleArn('default0default0')}": is the default rule of listener "web:443"; it is always evaluated last and cannot be moved\n`,
    );
    expect(elbv2).not.toHaveReceivedCommand(SetRulePrioritiesCommand);
  });

  it('GIVEN SetRulePriorities fails with PriorityInUse (a race) WHEN moved THEN exits 1 naming the priority', async () => {
    elbv2
      .on(SetRulePrioritiesCommand)
      .rejects(Object.assign(new Error("Priority '4' is currently in use"), { name: 'PriorityInUseException' }));
    const r = await elbctl(['rule', 'move', 'web:443:5', '--priority', '4']);
    expect(r.code).toBe(1);
    expect(elbv2).toHaveReceivedCommandTimes(SetRulePrioritiesCommand, 1);
    expect(r.stderr).toContain(
      'error: listener "web:443": priority 4: taken by another rule created meanwhile; the rule stays at priority 5\n',
    );
  });

  it.each([
    [['web:443:5', '--priority', '0'], 'error: priority "0": must be a whole number from 1 to 50000\n'],
    [['web:443:5', '--priority', '50001'], 'error: priority "50001": must be a whole number from 1 to 50000\n'],
    [['web:443:5', '--priority', 'top'], 'error: priority "top": must be a whole number from 1 to 50000\n'],
    [
      ['web:443', '--priority', '0'],
      'error: rule "web:443": name it by its ARN or as LB:PORT:PRIORITY, e.g. web:443:10\nerror: priority "0": must be a whole number from 1 to 50000\n',
    ],
  ])('GIVEN invalid input %j WHEN moved THEN exits 64 listing every problem with no AWS call', async (args, stderr) => {
    const r = await elbctl(['rule', 'move', ...args]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(stderr);
    expect(elbv2.calls()).toHaveLength(0);
  });

  it('GIVEN no --priority WHEN moved THEN commander refuses with exit 64 and no AWS call', async () => {
    const r = await elbctl(['rule', 'move', 'web:443:5']);
    expect(r.code).toBe(64);
    expect(elbv2.calls()).toHaveLength(0);
  });
});
