/** SDK waiters, with their give-up told apart from a network timeout. */
import { ElbctlError } from '../../core/errors';
import { translateAwsError } from '../errors';

/**
 * Runs an SDK waiter. Its give-up is a `TimeoutError` like a socket timeout's, but it means
 * "AWS is still working", not "AWS is unreachable", so it gets its own message.
 */
export async function waitStep(what: string, maxWaitSeconds: number, wait: () => Promise<unknown>): Promise<void> {
  try {
    await wait();
  } catch (e) {
    const name = (e as { name?: string })?.name;
    if (name === 'TimeoutError' && /Waiter has timed out/.test((e as Error).message ?? '')) {
      throw new ElbctlError(
        'aws',
        'E_WAIT_TIMEOUT',
        `waited ${maxWaitSeconds} s for ${what}; AWS has not finished yet`,
        {
          cause: e,
          hint: 'nothing was rolled back; check again later with `elbctl lb describe`, or re-run the command',
        },
      );
    }
    throw translateAwsError(e, `wait for ${what}`);
  }
}
