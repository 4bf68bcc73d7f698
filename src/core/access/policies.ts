import type { Actor, Role } from './actor.types.ts';
import { CITY_REGION_CODE } from './actor.types.ts';

/**
 * Who may do what with monitoring data. Pure: the server asks these on every request, the web front end asks
 * the same ones only to hide buttons.
 *
 * Scopes, from the actor's department and region:
 * - department-bound (departmentId set): the city's values (region 370300) of the indicators its department
 *   reports, and that department's form;
 * - county-bound (regionCode set to a county or zone, no department): that region's values and form;
 * - city-bound (regionCode 370300, no department): every department form and every county form — for a
 *   reviewer; a city reporter without a department has no form to fill, so nothing;
 * - neither: nothing.
 * Roles: admin and stats do everything (stats runs rounds, reviews, unlocks); a reporter reads, writes and
 * submits within its scope but never approves; a reviewer reads, approves and returns within its scope but
 * does not write; a viewer reads everything and changes nothing. With several roles, any one suffices.
 */

/** A department's form (the city's values of the indicators it reports) or a county's (all its values). */
export type FormResource =
  | { type: 'form'; kind: 'department'; departmentId: number }
  | { type: 'form'; kind: 'region'; regionCode: string };

/** One data value: its indicator (with the department that reports it) and region. */
export interface ValueResource {
  type: 'value';
  indicatorCode: string;
  regionCode: string;
  /** The department that reports the indicator for the city (indicator_reporters, else the catalogue's). */
  reportingDepartmentId: number | null;
}

/** A collection round, or the configuration behind rounds (reporting assignments, validation rules). */
export interface RoundResource {
  type: 'round';
}

export type AccessResource = FormResource | ValueResource | RoundResource;

export type AccessAction = 'read' | 'write' | 'submit' | 'approve' | 'return' | 'unlock' | 'admin';

export const ACCESS_ACTIONS: readonly AccessAction[] = ['read', 'write', 'submit', 'approve', 'return', 'unlock', 'admin'];

export const ACTION_LABELS: Record<AccessAction, string> = {
  read: '查看',
  write: '填报',
  submit: '提交',
  approve: '审核通过',
  return: '退回',
  unlock: '解锁',
  admin: '管理',
};

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

/** admin or stats: the operators of the platform. */
export function isOperator(actor: Actor): boolean {
  return hasRole(actor, 'admin') || hasRole(actor, 'stats');
}

type Scope = { kind: 'department'; departmentId: number } | { kind: 'county'; regionCode: string } | { kind: 'city' } | { kind: 'none' };

function scopeOf(actor: Actor): Scope {
  if (actor.departmentId !== null) return { kind: 'department', departmentId: actor.departmentId };
  if (actor.regionCode === CITY_REGION_CODE) return { kind: 'city' };
  if (actor.regionCode !== null && actor.regionCode !== '') return { kind: 'county', regionCode: actor.regionCode };
  return { kind: 'none' };
}

/** Whether the resource lies within the actor's department or region (the city scope covers every form). */
function withinScope(scope: Scope, resource: FormResource | ValueResource): boolean {
  switch (scope.kind) {
    case 'none':
      return false;
    case 'city':
      return true;
    case 'county':
      return resource.type === 'form'
        ? resource.kind === 'region' && resource.regionCode === scope.regionCode
        : resource.regionCode === scope.regionCode;
    case 'department':
      return resource.type === 'form'
        ? resource.kind === 'department' && resource.departmentId === scope.departmentId
        : resource.regionCode === CITY_REGION_CODE &&
            resource.reportingDepartmentId !== null &&
            resource.reportingDepartmentId === scope.departmentId;
  }
}

/** A reporter fills forms of its department or county; the city scope has no form of its own to fill. */
function reporterScope(actor: Actor, resource: FormResource | ValueResource): boolean {
  if (!hasRole(actor, 'reporter')) return false;
  const scope = scopeOf(actor);
  return scope.kind !== 'city' && withinScope(scope, resource);
}

function reviewerScope(actor: Actor, resource: FormResource | ValueResource): boolean {
  return hasRole(actor, 'reviewer') && withinScope(scopeOf(actor), resource);
}

export function canRead(actor: Actor, resource: AccessResource): boolean {
  if (resource.type === 'round') return actor.roles.length > 0;
  if (isOperator(actor) || hasRole(actor, 'viewer')) return true;
  return reporterScope(actor, resource) || reviewerScope(actor, resource);
}

export function canWrite(actor: Actor, resource: AccessResource): boolean {
  if (isOperator(actor)) return true;
  if (resource.type === 'round') return false;
  return reporterScope(actor, resource);
}

export function canSubmit(actor: Actor, resource: AccessResource): boolean {
  return canWrite(actor, resource);
}

export function canApprove(actor: Actor, resource: AccessResource): boolean {
  if (isOperator(actor)) return true;
  if (resource.type === 'round') return false;
  return reviewerScope(actor, resource);
}

export function canReturn(actor: Actor, resource: AccessResource): boolean {
  return canApprove(actor, resource);
}

/** Reopening approved (locked) values: the statistics bureau and the administrator only, with a reason. */
export function canUnlock(actor: Actor, _resource?: AccessResource): boolean {
  return isOperator(actor);
}

/** Opening and closing rounds, assigning reporting departments, editing validation rules. */
export function canAdmin(actor: Actor, _resource?: AccessResource): boolean {
  return isOperator(actor);
}

export function can(actor: Actor, action: AccessAction, resource: AccessResource): boolean {
  switch (action) {
    case 'read':
      return canRead(actor, resource);
    case 'write':
      return canWrite(actor, resource);
    case 'submit':
      return canSubmit(actor, resource);
    case 'approve':
      return canApprove(actor, resource);
    case 'return':
      return canReturn(actor, resource);
    case 'unlock':
      return canUnlock(actor, resource);
    case 'admin':
      return canAdmin(actor, resource);
  }
}

/** Every action the actor may take on the resource (for the front end's buttons). */
export function permissionsOn(actor: Actor, resource: AccessResource): Record<AccessAction, boolean> {
  const out = {} as Record<AccessAction, boolean>;
  for (const action of ACCESS_ACTIONS) out[action] = can(actor, action, resource);
  return out;
}

/** Chinese reason for a refusal, naming the action and the actor's scope. */
export function denialMessage(actor: Actor, action: AccessAction, what: string): string {
  const scope = scopeOf(actor);
  const where =
    scope.kind === 'department'
      ? '您只能处理本部门负责报送的指标'
      : scope.kind === 'county'
        ? '您只能处理本地区的数据'
        : scope.kind === 'city'
          ? '您的账号没有这项权限'
          : '您的账号未关联部门或地区';
  if (action === 'approve' || action === 'return') {
    if (hasRole(actor, 'reporter') && !hasRole(actor, 'reviewer')) return `无权${ACTION_LABELS[action]}${what}：填报员不能审核`;
  }
  if (action === 'unlock' || action === 'admin') return `无权${ACTION_LABELS[action]}${what}：仅统计局或管理员可以操作`;
  if (action === 'write' || action === 'submit') {
    if (hasRole(actor, 'viewer') && !hasRole(actor, 'reporter')) return `无权${ACTION_LABELS[action]}${what}：只读账号不能修改数据`;
    if (hasRole(actor, 'reviewer') && !hasRole(actor, 'reporter')) return `无权${ACTION_LABELS[action]}${what}：审核员不能填报数据`;
  }
  return `无权${ACTION_LABELS[action]}${what}：${where}`;
}
