/** Pacing to AWS's API rate limits: what the rest of elbctl uses of the table, the settings and the limiter. */
export { resolvePacingSettings } from './settings';
export {
  PacingLimiter,
  type CallSite,
  type PacingSummary,
  type ThrottleOutcome,
  type Ticket,
} from './limiter';
export { describeBucket, describeThrottle } from './report';
