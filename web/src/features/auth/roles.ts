import { ROLE_LABELS } from '../../../../src/core/access/actor.types.ts';
import type { AccountUser, Role } from '../../api/types.ts';

export { ROLE_LABELS };

export const hasRole = (user: Pick<AccountUser, 'roles'> | null, ...roles: Role[]): boolean =>
  user !== null && user.roles.some((r) => roles.includes(r));

/** 管理员 or 统计局: they run rounds, unlock values and see every form. */
export const isOperator = (user: Pick<AccountUser, 'roles'> | null): boolean => hasRole(user, 'admin', 'stats');

export const roleText = (user: Pick<AccountUser, 'roles'>): string => user.roles.map((r) => ROLE_LABELS[r]).join('、');

/** Where the user belongs: 市卫生健康委, 张店区, or 淄博市 for city staff. */
export function scopeText(user: Pick<AccountUser, 'departmentName' | 'regionName' | 'regionCode'>): string {
  return user.departmentName ?? user.regionName ?? user.regionCode ?? '';
}
