/** Names and IDs: load balancer, target group, stack and rule names; subnet, security group, VPC, certificate, TLS policy and region spellings. */
import { quote } from '../echo';
import { type PathSegment, type Problem, problem } from './problem';

const MAX_NAME_LENGTH = 32;
const MAX_RULE_NAME_LENGTH = 64;

// The patterns the stack file's JSON Schema carries; the messages below say why a value fails them.
export const RESOURCE_NAME = /^(?=[A-Za-z0-9-]{1,32}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
export const LOAD_BALANCER_NAME =
  /^(?![Ii][Nn][Tt][Ee][Rr][Nn][Aa][Ll]-)(?=[A-Za-z0-9-]{1,32}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
export const RULE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
export const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8,17}$/;
export const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
export const CERTIFICATE_ARN = /^arn:aws[a-z-]*:(acm|iam):[a-z0-9-]*:\d{12}:(certificate|server-certificate)\/.+$/;
export const SSL_POLICY = /^ELBSecurityPolicy-[A-Za-z0-9-]+$/;
export const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d+$/;
/** An environment variable name as POSIX shells accept it. */
export const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Load balancer, target group and stack names: 1-32 letters, digits and hyphens, no hyphen at either end. */
function resourceName(what: string, value: string, path: PathSegment[]): Problem | undefined {
  const bad = (message: string) => problem('E_NAME', `${what} ${quote(value)}: ${message}`, path);
  if (value.length === 0) return bad('must not be empty; use 1-32 letters, digits and hyphens');
  if (value.length > MAX_NAME_LENGTH) {
    return bad(`is ${[...value].length} characters, the limit is ${MAX_NAME_LENGTH}; use a shorter name`);
  }
  if (value.includes('_')) return bad('underscores are not allowed; use letters, digits and hyphens');
  if (!/^[A-Za-z0-9-]+$/.test(value))
    return bad('only letters, digits and hyphens are allowed; remove the other characters');
  if (value.startsWith('-') || value.endsWith('-'))
    return bad('must not begin or end with a hyphen; remove the hyphen');
  return undefined;
}

export function loadBalancerNameProblem(value: string, path: PathSegment[] = []): Problem | undefined {
  const basic = resourceName('load balancer name', value, path);
  if (basic) return basic;
  if (value.toLowerCase().startsWith('internal-')) {
    return problem(
      'E_NAME',
      `load balancer name ${quote(value)}: must not begin with "internal-" (AWS reserves it); choose another prefix`,
      path,
    );
  }
  return undefined;
}

export function targetGroupNameProblem(value: string, path: PathSegment[] = []): Problem | undefined {
  return resourceName('target group name', value, path);
}

/** Stack names end up in the `elbctl:stack` tag and in messages: the same rules as resource names. */
export function stackNameProblem(value: string, path: PathSegment[] = []): Problem | undefined {
  return resourceName('stack name', value, path);
}

/** Rule names become the `elbctl:rule` tag and part of change ids (`rule:LB:PORT:NAME`), so no colons. */
export function ruleNameProblem(value: string, path: PathSegment[] = []): Problem | undefined {
  if (RULE_NAME.test(value)) return undefined;
  if (value.length === 0)
    return problem('E_NAME', 'rule name "": must not be empty; name the rule, e.g. name: api', path);
  if (value.length > MAX_RULE_NAME_LENGTH) {
    return problem(
      'E_NAME',
      `rule name ${quote(value)}: is ${[...value].length} characters, the limit is ${MAX_RULE_NAME_LENGTH}; use a shorter name`,
      path,
    );
  }
  return problem(
    'E_NAME',
    `rule name ${quote(value)}: use letters, digits, hyphens, underscores and dots, beginning with a letter or digit`,
    path,
  );
}

const idProblem =
  (pattern: RegExp, message: (quoted: string) => string) =>
  (value: string, path: PathSegment[] = []): Problem | undefined =>
    pattern.test(value) ? undefined : problem('E_FORMAT', message(quote(value)), path);

export const subnetIdProblem = idProblem(
  SUBNET_ID,
  (v) => `subnet ${v}: not a subnet ID; use IDs such as subnet-0123456789abcdef0`,
);
export const securityGroupIdProblem = idProblem(
  SECURITY_GROUP_ID,
  (v) => `security group ${v}: not a security group ID; use IDs such as sg-0123456789abcdef0`,
);
export const vpcIdProblem = idProblem(VPC_ID, (v) => `VPC ${v}: not a VPC ID; use an ID such as vpc-0123456789abcdef0`);
export const certificateArnProblem = idProblem(
  CERTIFICATE_ARN,
  (v) => `certificate ${v}: not an ACM or IAM certificate ARN; use arn:aws:acm:REGION:ACCOUNT:certificate/ID`,
);
export const sslPolicyNameProblem = idProblem(
  SSL_POLICY,
  (v) => `ssl policy ${v}: not an ELB security policy name; use e.g. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09`,
);
/** Never echoes the value: a user may have pasted the secret itself where its variable's name belongs. */
export function envVarNameProblem(value: string, path: PathSegment[] = []): Problem | undefined {
  if (ENV_VAR_NAME.test(value)) return undefined;
  return problem(
    'E_FORMAT',
    'clientSecretEnv: not an environment variable name (the value is not shown: it may be a secret); name the variable holding the secret, e.g. SHOP_OIDC_SECRET, never the secret itself',
    path,
  );
}
export const regionProblem = idProblem(REGION, (v) => `region ${v}: not a region name; use e.g. us-east-1`);
