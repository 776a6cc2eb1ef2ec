/**
 * `elbctl trust-store create NAME --ca-certificates s3://B/K [--revocations s3://B/K ..] [--tag K=V ..]`:
 * every flag is checked before any AWS call; the CA bundle is read by AWS from S3, then the
 * revocation lists are added in one more call.
 */
import { ElbctlError, throwIfProblems } from '../../core/errors';
import type { Tag, TrustStore } from '../../core/model';
import { TRUST_STORE_BUNDLE_TAG, TRUST_STORE_REVOCATIONS_TAG } from '../../core/stack/model';
import { bundleTagValue, revocationsTagValue } from '../../core/stack/planner/trust-stores';
import type { Problem } from '../../core/rules/problem';
import { problem } from '../../core/rules/problem';
import { parseTagFlags, tagProblems } from '../../core/rules/tags';
import {
  parseS3Url,
  type S3Location,
  s3Url,
  trustStoreNameProblem,
  trustStoreQuotaWarning,
} from '../../core/rules/trust-store';
import type { Result } from '../../ui/render';
import type { Context } from '../context';
import { trustStoreFields } from './describe';

export interface TrustStoreCreateOptions {
  name: string;
  caCertificates?: string | undefined;
  revocations?: string[] | undefined;
  tag?: string[] | undefined;
}

export interface ValidTrustStoreCreate {
  name: string;
  caCertificates: S3Location;
  revocations: S3Location[];
  tags: Tag[];
}

/** Every check that needs no AWS call; one validation error lists every problem. */
export function validateFlags(opts: TrustStoreCreateOptions): ValidTrustStoreCreate {
  const problems: Problem[] = [];
  const name = trustStoreNameProblem(opts.name);
  if (name) problems.push(name);
  let caCertificates: S3Location | undefined;
  if (opts.caCertificates === undefined) {
    problems.push(
      problem('E_REQUIRED', 'trust store: --ca-certificates is required; pass the CA bundle as s3://BUCKET/KEY'),
    );
  } else {
    const ca = parseS3Url('--ca-certificates', opts.caCertificates);
    if (ca.ok) caCertificates = ca.value;
    else problems.push(ca.problem);
  }
  const revocations: S3Location[] = [];
  for (const raw of opts.revocations ?? []) {
    const r = parseS3Url('--revocations', raw);
    if (r.ok) revocations.push(r.value);
    else problems.push(r.problem);
  }
  const tags = parseTagFlags(opts.tag ?? []);
  problems.push(...tags.problems, ...tagProblems(tags.tags));
  throwIfProblems(problems);
  return { name: opts.name, caCertificates: caCertificates as S3Location, revocations, tags: tags.tags };
}

/**
 * What was sent, as a stack apply records it: AWS never returns where a bundle came from, so a
 * stack that later adopts this trust store compares its file with these tags instead of sending
 * the same bundle again, and export writes the bundle URL back.
 */
const sentTags = (want: ValidTrustStoreCreate): Tag[] => [
  { key: TRUST_STORE_BUNDLE_TAG, value: bundleTagValue(s3Url(want.caCertificates)) },
  { key: TRUST_STORE_REVOCATIONS_TAG, value: revocationsTagValue(want.revocations.map(s3Url)) },
];

export async function run(opts: TrustStoreCreateOptions, ctx: Context): Promise<Result> {
  const want = validateFlags(opts);
  const { elbv2 } = await ctx.aws();
  const existing = await elbv2.trustStores.list();
  if (existing.some((t) => t.name === want.name)) {
    throw new ElbctlError('conflict', 'E_TRUST_STORE_EXISTS', `trust store "${want.name}": already exists`, {
      hint: `see it with \`elbctl trust-store describe ${want.name}\`, or choose another name`,
    });
  }
  const warning = trustStoreQuotaWarning(existing.length + 1);
  if (warning) ctx.progress.warn(warning);

  ctx.progress.start(`creating trust store "${want.name}" from ${s3Url(want.caCertificates)}`);
  let created: TrustStore;
  try {
    created = await elbv2.trustStores.create({
      name: want.name,
      caCertificates: want.caCertificates,
      tags: [...want.tags, ...sentTags(want)],
    });
  } catch (e) {
    ctx.progress.fail(`could not create trust store "${want.name}"`);
    throw e;
  }
  if (want.revocations.length > 0) {
    try {
      await elbv2.trustStores.addRevocations(created.arn, want.revocations);
    } catch (e) {
      ctx.progress.fail(
        `created trust store "${want.name}", but adding its revocation lists failed; it checks no revocations until they are added`,
      );
      throw e;
    }
  }
  ctx.progress.succeed(`created trust store "${want.name}"`);
  const data = {
    ...created,
    caCertificatesBundle: s3Url(want.caCertificates),
    revocations: want.revocations.map(s3Url),
  };
  return {
    data,
    view: {
      kind: 'fields',
      fields: [
        ...trustStoreFields(created),
        ['ca bundle', data.caCertificatesBundle],
        ['revocation lists', data.revocations.join(', ') || '-'],
      ],
    },
  };
}
