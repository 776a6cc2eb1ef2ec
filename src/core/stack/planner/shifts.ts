/** A forward with a shift recorded on it (src/core/shift/record.ts) is the shift's until it ends: the plan refuses to write it. */
import { describeMark, shiftInProgress } from '../../shift/record';
import type { Tags } from '../model';
import type { PlannerState } from './state';

/**
 * Blocks `changeId` when a shift is recorded in `tags` (the change writes the forward of, or
 * deletes, the listener or rule `name`). The apply then refuses the whole plan with exit 1.
 */
export function blockIfShifting(
  p: PlannerState,
  type: 'listener' | 'rule',
  name: string,
  arn: string,
  tags: Tags,
  changeId: string,
  ref: string,
): void {
  const mark = shiftInProgress(tags);
  if (!mark) return;
  p.unmanaged.push({
    type,
    name,
    arn,
    reason: 'shift-in-progress',
    message: `${type} ${name}: ${describeMark(mark)}, and the plan would change its forward under it; let it finish, or see \`elbctl shift status ${ref}\` and \`elbctl shift abort ${ref}\`; declare weights: external on this forward to leave its weights to the shift`,
    blocks: [changeId],
  });
}
