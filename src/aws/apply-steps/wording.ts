/** What the apply steps say: past tenses, notes and warnings about twins. */
import { ElbctlError } from '../../core/errors';
import type { LoadBalancer } from '../../core/model';
import type { Change } from '../../core/stack/plan';

export function pastTense(action: Change['action']): string {
  return {
    create: 'created',
    update: 'updated',
    delete: 'deleted',
    replace: 'replaced',
    move: 'moved',
    adopt: 'adopted',
  }[action];
}

export function foundNote(found: boolean): string {
  return found ? ' (found after an interrupted attempt: not created twice)' : '';
}

export function unsupported(c: Change): ElbctlError {
  return new ElbctlError('internal', 'E_INTERNAL', `change "${c.id}": cannot ${c.action} a ${c.type}`);
}

export function byCreation(a: LoadBalancer, b: LoadBalancer): number {
  return (a.createdAt ?? '').localeCompare(b.createdAt ?? '');
}

export function loadBalancerTwinWarning(name: string, kept: string, twins: readonly string[]): string {
  return (
    `load balancer "${name}": ${twins.length + 1} load balancers have this name (a create was retried); kept ${kept}; ` +
    `delete the other${twins.length > 1 ? 's' : ''} with ${twins.map((t) => `\`elbctl lb delete ${t}\``).join(', ')}`
  );
}
