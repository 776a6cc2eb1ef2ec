/**
 * Regression: a type error under a secret-looking key (a header such as Authorization, an
 * attribute named client_secret) used to repeat the value in the message — and messages end up
 * in terminals and CI logs. The key and the position are still named; the value is not.
 */
import { isSecretPath } from '../../../src/core/stack/problems';
import { problemsOf, SUBNETS, VPC, yaml } from './helpers';

const SECRET = 'oidc-client-secret-5f4dcc3b5aa765d6';

const stack = (conditions: string, tgAttributes: string) => yaml`
  version: 1
  stack: shop
  loadBalancers:
    - name: web
      type: application
      subnets: ${SUBNETS}
      listeners:
        - port: 80
          protocol: HTTP
          defaultAction: { forward: app }
          rules:
            - name: api
              priority: 10
              conditions: ${conditions}
              action: { forward: app }
  targetGroups:
    - name: app
      protocol: HTTP
      port: 8080
      vpc: ${VPC}
      attributes: ${tgAttributes}
`;

describe('values under secret-looking keys are never repeated in messages', () => {
  it('GIVEN an Authorization header written as text and an api token as a number WHEN loaded THEN the messages name the header but not the value', () => {
    const problems = problemsOf(
      stack(`{ headers: { Authorization: "Bearer ${SECRET}", X-Api-Token: [12345678901234] } }`, '{}'),
    );
    expect(problems).toEqual([
      '14:53 E_TYPE header "Authorization" [redacted]: must be a list, not text',
      '14:113 E_TYPE header "X-Api-Token"[0] [redacted]: must be text, not a whole number',
    ]);
    expect(problems.join('\n')).not.toMatch(/5f4dcc3b|12345678901234/);
  });

  it('GIVEN an attribute named client_secret with a list value WHEN loaded THEN the message names it and hides the value', () => {
    const problems = problemsOf(
      stack('{ path: ["/api/*"] }', `{ client_secret: ["${SECRET}"], password: { value: ${SECRET} } }`),
    );
    expect(problems).toEqual([
      '21:34 E_TYPE attribute "client_secret" a list: must be text, a number, true or false or a mapping',
    ]);
    expect(problems.join('\n')).not.toContain(SECRET);
  });

  it('GIVEN an attribute named password with a mapping value outside raw WHEN loaded THEN the message names it and hides the value', () => {
    const problems = problemsOf(stack('{ path: ["/api/*"] }', `{ password: { value: ${SECRET} } }`));
    expect(problems).toEqual([
      '21:29 E_ATTRIBUTE attribute "password": takes one value (true, a number or text); only raw holds a map of KEY: VALUE',
    ]);
    expect(problems.join('\n')).not.toContain(SECRET);
  });

  it('GIVEN a header that is not secret-looking WHEN its value has the wrong type THEN the value is still shown with its fix', () => {
    expect(problemsOf(stack('{ headers: { X-Env: "prod" } }', '{}'))).toEqual([
      '14:45 E_TYPE header "X-Env" "prod": must be a list, not text; write a list: [prod]',
    ]);
  });

  it.each([
    [['conditions', 'headers', 'Authorization'], true],
    [['attributes', 'oidc.client_secret'], true],
    [['headers', 'Cookie'], true],
    [['headers', 'x-api-key'], true],
    [['stickiness', 'cookieName'], false],
    [['targetGroups', 0, 'port'], false],
  ])('GIVEN the path %j WHEN checked THEN secret-looking is %s', (path, expected) => {
    expect(isSecretPath(path)).toBe(expected);
  });
});
