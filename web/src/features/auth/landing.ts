import type { AccountUser } from '../../api/types.ts';

/** Where a user lands after login when no page was asked for: the work their role does most. */
export function landingPath(user: Pick<AccountUser, 'roles'>): string {
  if (user.roles.includes('reporter')) return '/data-entry';
  if (user.roles.includes('reviewer')) return '/data-entry/review';
  if (user.roles.includes('stats')) return '/data-entry/progress';
  return '/evaluation';
}

/** Only same-site paths are followed after login (no open redirect through ?next=). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  return next;
}
