import type { Actor } from '../../core/access/actor.types.ts';
import { CITY_REGION_CODE } from '../../core/access/actor.types.ts';
import { hasRole, isOperator } from '../../core/access/policies.ts';

/**
 * Who may see and act on early warnings. Decided on the server for every request.
 * - read: the office (admin), the statistics bureau (stats) and read-only accounts (viewer) see every warning,
 *   as do city-level staff without a department; a department sees the warnings assigned to it (its
 *   indicators, in the city and in the counties); a county sees its own region's warnings.
 * - answer (countermeasures, rectification steps, reporting a step done): a reporter or reviewer of the
 *   department or county the warning is assigned to; the office (admin) as well.
 * - generate: admin or stats. Close (销号) and escalate (升级): the office (admin) only.
 */

export interface WarningScope {
  departmentId: number | null;
  regionCode: string;
}

export type WarningVisibility = { kind: 'all' } | { kind: 'department'; departmentId: number } | { kind: 'region'; regionCode: string } | { kind: 'none' };

export function warningVisibility(actor: Actor): WarningVisibility {
  if (isOperator(actor) || hasRole(actor, 'viewer')) return { kind: 'all' };
  if (actor.departmentId !== null) return { kind: 'department', departmentId: actor.departmentId };
  if (actor.regionCode === CITY_REGION_CODE) return actor.roles.length > 0 ? { kind: 'all' } : { kind: 'none' };
  if (actor.regionCode !== null && actor.regionCode !== '') return { kind: 'region', regionCode: actor.regionCode };
  return { kind: 'none' };
}

function assignedTo(actor: Actor, w: WarningScope): boolean {
  if (actor.departmentId !== null) return w.departmentId === actor.departmentId;
  if (actor.regionCode !== null && actor.regionCode !== CITY_REGION_CODE) return w.regionCode === actor.regionCode;
  return false;
}

export function canReadWarning(actor: Actor, w: WarningScope): boolean {
  const v = warningVisibility(actor);
  switch (v.kind) {
    case 'all':
      return true;
    case 'department':
      return w.departmentId === v.departmentId;
    case 'region':
      return w.regionCode === v.regionCode;
    case 'none':
      return false;
  }
}

export function canAnswerWarning(actor: Actor, w: WarningScope): boolean {
  if (hasRole(actor, 'admin')) return true;
  return (hasRole(actor, 'reporter') || hasRole(actor, 'reviewer')) && assignedTo(actor, w);
}

export function canGenerateWarnings(actor: Actor): boolean {
  return isOperator(actor);
}

export function canCloseWarning(actor: Actor): boolean {
  return hasRole(actor, 'admin');
}
