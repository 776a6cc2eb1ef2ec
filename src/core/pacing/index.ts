/** Pacing to AWS's API rate limits: the table, the operation map, the settings and the limiter. */
export { RATE_TABLE, RATE_TABLE_DATE, bucketNames, type BucketSpec, type Provenance } from './table';
export { bucketFor } from './operations';
export {
  PACING_DEFAULTS,
  parseApiRates,
  parsePacingMode,
  resolvePacingSettings,
  type BucketRate,
  type PacingSettings,
} from './settings';
export {
  PacingLimiter,
  type BucketReport,
  type CallSite,
  type PacingSummary,
  type ThrottleOutcome,
  type Ticket,
} from './limiter';
export { describeBucket, describeThrottle } from './report';
