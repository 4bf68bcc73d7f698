/**
 * Whether this browser probably holds a session. The session cookie is HttpOnly (scripts cannot see it), so
 * the front end remembers that it logged in: an anonymous visitor of the public plan pages then never asks
 * /api/auth/me (which would answer 401 on every page). The server stays the judge: a stale hint costs one 401.
 */
const KEY = 'fuer.session';

export function hasSessionHint(storage: Pick<Storage, 'getItem'> | undefined = safeStorage()): boolean {
  return storage?.getItem(KEY) === '1';
}

export function setSessionHint(on: boolean, storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined = safeStorage()): void {
  if (!storage) return;
  if (on) storage.setItem(KEY, '1');
  else storage.removeItem(KEY);
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
