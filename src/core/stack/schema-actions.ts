/**
 * The stack schema's actions (schema.ts uses them on listeners and rules): the routing action,
 * what runs before it (authenticate: oidc, cognito, jwt) and the rewrites (transforms), with the
 * verbatim `raw:` blocks for what elbctl does not interpret.
 */
import * as z from 'zod';
import { JWT_CLAIM_FORMATS } from '../model';
import {
  FIXED_RESPONSE_CONTENT_TYPES,
  MAX_FIXED_RESPONSE_BODY,
  MAX_GROUP_STICKINESS,
  MAX_SESSION_TIMEOUT,
  MAX_WEIGHT,
  MIN_GROUP_STICKINESS,
  MIN_WEIGHT,
  ON_UNAUTHENTICATED,
} from '../rules/action';
import { ENV_VAR_NAME, envVarNameProblem } from '../rules/names';
import { patterned, targetGroupRef, wholeNumber } from './schema-base';

// ------------------------------------------------------------------ actions

const weightedTargetGroupSchema = z.strictObject({
  targetGroup: targetGroupRef,
  weight: wholeNumber('forward weight', MIN_WEIGHT, MAX_WEIGHT)
    .optional()
    .meta({ description: 'Relative weight, 0-999 (default 1).' }),
});

const forwardSchema = z.union([targetGroupRef, z.array(weightedTargetGroupSchema).min(1)]).meta({
  description:
    'A target group name, or a weighted list: [{targetGroup: blue, weight: 90}, {targetGroup: green, weight: 10}].',
});

const redirectSchema = z
  .strictObject({
    protocol: z.enum(['HTTP', 'HTTPS', '#{protocol}']).optional(),
    host: z.string().min(1).optional(),
    port: z.union([wholeNumber('redirect port', 1, 65535), z.string().min(1)]).optional(),
    path: z.string().min(1).optional(),
    query: z.string().optional(),
    statusCode: z
      .union([z.literal(301), z.literal(302)])
      .optional()
      .meta({ description: '301 (default) or 302.' }),
  })
  .meta({ description: 'Parts left out keep the request’s own (#{host}, #{port}, /#{path}, #{query}).' });

const fixedResponseSchema = z.strictObject({
  statusCode: z.union([z.number(), z.string()]).meta({ description: 'A 2XX, 4XX or 5XX HTTP status code.' }),
  contentType: z.enum(FIXED_RESPONSE_CONTENT_TYPES).optional().meta({ description: 'Default text/plain.' }),
  body: z
    .string()
    .optional()
    .meta({ description: `At most ${MAX_FIXED_RESPONSE_BODY} characters.` }),
});

/** Exactly one of forward, redirect, fixedResponse (validate.ts says which is missing or extra). */
export const actionSchema = z
  .strictObject({
    forward: forwardSchema.optional(),
    stickiness: wholeNumber('target group stickiness', MIN_GROUP_STICKINESS, MAX_GROUP_STICKINESS)
      .optional()
      .meta({
        description: `With forward only: keep each client on the target group it was first sent to, for this many seconds (${MIN_GROUP_STICKINESS}-${MAX_GROUP_STICKINESS}; TargetGroupStickinessConfig).`,
      }),
    redirect: redirectSchema.optional(),
    fixedResponse: fixedResponseSchema.optional(),
    weights: z.literal('external').optional().meta({
      description:
        "With forward: the weights (and target group stickiness) are set outside this file — by `elbctl shift`, CodeDeploy, Argo Rollouts — so plan and apply never revert them. The file's weights are used when the forward is created, or for a target group it adds.",
    }),
  })
  .meta({
    description:
      'Exactly one of forward, redirect or fixedResponse (a forward may add stickiness and weights: external).',
    minProperties: 1,
    maxProperties: 3,
  });

/** AWS's JSON for a part elbctl does not interpret, kept verbatim: apply sends it back unchanged. */
export const rawSchema = z.record(z.string(), z.unknown()).meta({
  description:
    'Verbatim AWS JSON for what elbctl does not interpret (written by export, with a warning); apply sends it back unchanged.',
});

const sessionFields = {
  sessionCookieName: z.string().min(1).optional().meta({ description: 'Default AWSELBAuthSessionCookie.' }),
  scope: z.string().min(1).optional().meta({ description: 'Default openid.' }),
  sessionTimeout: wholeNumber('session timeout', 1, MAX_SESSION_TIMEOUT)
    .optional()
    .meta({ description: 'Seconds, default 604800 (7 days).' }),
  extraParams: z
    .record(z.string(), z.string())
    .optional()
    .meta({ description: 'Extra query parameters for the authorization request (at most 10).' }),
  onUnauthenticated: z.enum(ON_UNAUTHENTICATED).optional().meta({ description: 'Default authenticate.' }),
};

const oidcSchema = z.strictObject({
  issuer: z.string().min(1),
  authorizationEndpoint: z.string().min(1),
  tokenEndpoint: z.string().min(1),
  userInfoEndpoint: z.string().min(1),
  clientId: z.string().min(1),
  clientSecretEnv: patterned(ENV_VAR_NAME, envVarNameProblem, 'not an environment variable name').meta({
    description:
      'The environment variable holding the client secret (never the secret itself). Needed to create the action and with `apply --rotate-secrets`; otherwise AWS keeps the secret it has.',
  }),
  ...sessionFields,
});

const cognitoSchema = z.strictObject({
  userPoolArn: z.string().min(1),
  userPoolClientId: z.string().min(1),
  userPoolDomain: z.string().min(1),
  ...sessionFields,
});

const jwtSchema = z.strictObject({
  issuer: z.string().min(1),
  jwksEndpoint: z.string().min(1),
  claims: z
    .array(z.strictObject({ name: z.string().min(1), format: z.enum(JWT_CLAIM_FORMATS), values: z.array(z.string()) }))
    .optional()
    .meta({ description: 'Claims checked besides exp, iss, nbf and iat (at most 10).' }),
});

/** One action that runs before the routing one: exactly one key (validate.ts says which is missing or extra). */
export const leadingActionSchema = z
  .strictObject({
    oidc: oidcSchema.optional(),
    cognito: cognitoSchema.optional(),
    jwt: jwtSchema.optional(),
    raw: rawSchema.optional(),
  })
  .meta({ description: 'Exactly one of oidc, cognito, jwt or raw.', minProperties: 1, maxProperties: 1 });

export const authenticateSchema = z.array(leadingActionSchema).meta({
  description:
    "The actions that run before the routing action, in AWS's order (authenticate-oidc, authenticate-cognito, jwt-validation). HTTPS listeners only. Left out: whatever runs there now is kept. Written (even []): exactly these.",
});

const rewriteSchema = z.strictObject({ regex: z.string().min(1), replace: z.string() });

export const transformSchema = z
  .strictObject({
    hostHeaderRewrite: rewriteSchema.optional(),
    urlRewrite: rewriteSchema.optional(),
    raw: rawSchema.optional(),
  })
  .meta({ description: 'Exactly one of hostHeaderRewrite, urlRewrite or raw.', minProperties: 1, maxProperties: 1 });
