import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { AccountError } from './account-error.ts';
import { ZHANGDIAN, ZIBO, seedAccountScope } from './accounts.fixtures.ts';
import { ensureFirstAdmin } from './first-admin.service.ts';
import { authenticate } from './login.service.ts';
import { THROTTLE_MESSAGE } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { createSession, resolveSession, revokeSession, sessionIdOf, SESSION_IDLE_MS, SESSION_MAX_MS } from './session.service.ts';
import { changePassword, createUser, deactivateUser, findUserByUsername, listUsers, setUserPassword, updateUser } from './user.service.ts';

const HOUR = 60 * 60 * 1000;
const at = (base: Date, ms: number): Date => new Date(base.getTime() + ms);

async function rejection(promise: Promise<unknown>): Promise<AccountError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AccountError) return err;
    throw err;
  }
  throw new Error('expected an AccountError');
}

forEachDialect('accounts', (getDb) => {
  let scope: Awaited<ReturnType<typeof seedAccountScope>>;
  beforeAll(async () => {
    scope = await seedAccountScope(getDb());
  });

  it('first start creates the administrator once: generated password, to be changed', async () => {
    const db = getDb();
    const first = await ensureFirstAdmin(db, {});
    expect(first.created).toBe(true);
    expect(first.generatedPassword).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(first.message).toBe(`首次启动已创建管理员账号 admin，初始密码：${first.generatedPassword}（请登录后立即修改）`);
    const admin = await findUserByUsername(db, 'admin');
    expect(admin).toMatchObject({ roles: ['admin'], active: true, mustChangePassword: true });
    const again = await ensureFirstAdmin(db, { FUER_ADMIN_PASSWORD: 'another-pass-123' });
    expect(again).toEqual({ created: false, message: null });
    expect((await listUsers(db)).filter((u) => u.roles.includes('admin'))).toHaveLength(1);
    // The printed password is the one stored.
    expect((await authenticate(db, { username: 'admin', password: first.generatedPassword as string, ip: '10.0.0.1' })).id).toBe(admin?.id);
  });

  it('creates users with their department (by name or alias) or county, and normalises usernames', async () => {
    const db = getDb();
    const { user, generatedPassword } = await createUser(db, { username: ' WangFang ', roles: ['reporter'], department: '市卫健委', password: 'health2024ok' });
    expect(generatedPassword).toBeUndefined();
    expect(user).toMatchObject({ username: 'wangfang', displayName: 'wangfang', departmentId: scope.health, departmentName: '市卫生健康委', regionCode: null, mustChangePassword: false });
    const county = await createUser(db, { username: '张店填报', displayName: '张店区妇儿工委', roles: ['reporter', 'reporter'], regionCode: ZHANGDIAN });
    expect(county.user).toMatchObject({ roles: ['reporter'], regionCode: ZHANGDIAN, regionName: '张店区', mustChangePassword: true });
    expect(county.generatedPassword).toBeDefined();
    const stats = await createUser(db, { username: 'tongji', roles: ['reviewer', 'stats'], regionCode: ZIBO, password: 'statistics2025' });
    expect(stats.user.roles).toEqual(['stats', 'reviewer']);
    expect((await rejection(createUser(db, { username: 'WANGFANG', roles: ['viewer'], password: 'viewer12345x' }))).code).toBe('username_taken');
  });

  it('rejects invalid users with Chinese reasons', async () => {
    const db = getDb();
    const cases: [Parameters<typeof createUser>[1], RegExp][] = [
      [{ username: 'r1', roles: ['reporter'] }, /填报员须指定所属单位/],
      [{ username: 'r2', roles: ['reporter'], department: '市卫生健康委', regionCode: ZHANGDIAN }, /不能同时指定单位和区县/],
      [{ username: 'r3', roles: ['reporter'], regionCode: ZIBO }, /填报员所属区划应为区县/],
      [{ username: 'r4', roles: ['reviewer'], regionCode: scope.town }, /不是市或区县级/],
      [{ username: 'r5', roles: ['reviewer'], regionCode: '379999' }, /区划“379999”不存在/],
      [{ username: 'r6', roles: ['reporter'], department: '市不存在局' }, /单位“市不存在局”不存在/],
      [{ username: 'r7', roles: [] }, /至少需要指定一个角色/],
      [{ username: 'r8', roles: ['boss' as never] }, /未知角色“boss”/],
      [{ username: 'x', roles: ['viewer'] }, /用户名“x”无效/],
      [{ username: 'bad name', roles: ['viewer'] }, /无效/],
      [{ username: 'r9', roles: ['viewer'], password: 'short1' }, /密码至少需要10个字符/],
    ];
    for (const [input, message] of cases) {
      await expect(createUser(db, input)).rejects.toThrow(message);
    }
    expect((await listUsers(db)).map((u) => u.username)).not.toContain('r1');
  });

  it('authenticates, failing alike for unknown names and wrong passwords', async () => {
    const db = getDb();
    await createUser(db, { username: 'liming', roles: ['viewer'], password: 'liming-pass-1' });
    expect((await authenticate(db, { username: 'LiMing', password: 'liming-pass-1', ip: '10.0.0.2' })).username).toBe('liming');
    const wrong = await rejection(authenticate(db, { username: 'liming', password: 'nope-nope-1', ip: '10.0.0.2' }));
    const unknown = await rejection(authenticate(db, { username: 'nobody', password: 'nope-nope-1', ip: '10.0.0.2' }));
    expect([wrong.status, wrong.message]).toEqual([401, '用户名或密码错误']);
    expect([unknown.status, unknown.message]).toEqual([401, '用户名或密码错误']);
  });

  it('throttles after 5 failures per username and address for 15 minutes', async () => {
    const db = getDb();
    await createUser(db, { username: 'zhaolei', roles: ['viewer'], password: 'zhaolei-pass-1' });
    const t0 = new Date('2025-03-01T08:00:00.000Z');
    for (let i = 0; i < 5; i++) {
      const err = await rejection(authenticate(db, { username: 'zhaolei', password: `wrong-${i}-pass`, ip: '10.0.0.3', now: at(t0, i * 60_000) }));
      expect(err.code).toBe('invalid_credentials');
    }
    // The sixth attempt is refused even with the right password.
    const blocked = await rejection(authenticate(db, { username: 'zhaolei', password: 'zhaolei-pass-1', ip: '10.0.0.3', now: at(t0, 5 * 60_000) }));
    expect([blocked.status, blocked.message]).toEqual([429, THROTTLE_MESSAGE]);
    // Another address is not blocked.
    expect((await authenticate(db, { username: 'zhaolei', password: 'zhaolei-pass-1', ip: '10.0.0.4', now: at(t0, 5 * 60_000) })).username).toBe('zhaolei');
    // Once the first failure is older than 15 minutes, one slot is free again.
    const later = at(t0, 15 * 60_000 + 1);
    expect((await authenticate(db, { username: 'zhaolei', password: 'zhaolei-pass-1', ip: '10.0.0.3', now: later })).username).toBe('zhaolei');
    // Success cleared the count: five new failures are needed to block again.
    for (let i = 0; i < 4; i++) {
      await rejection(authenticate(db, { username: 'zhaolei', password: 'wrong-again-1', ip: '10.0.0.3', now: at(later, 1000) }));
    }
    expect((await authenticate(db, { username: 'zhaolei', password: 'zhaolei-pass-1', ip: '10.0.0.3', now: at(later, 2000) })).username).toBe('zhaolei');
  });

  it('lets no more than 5 guesses of a parallel burst reach the password check', async () => {
    const db = getDb();
    await createUser(db, { username: 'burst', roles: ['viewer'], password: 'burst-pass-123' });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => authenticate(db, { username: 'burst', password: `guess-${i}-pass`, ip: '10.0.0.8' })),
    );
    const codes = results.map((r) => (r.status === 'rejected' && r.reason instanceof AccountError ? r.reason.code : 'other'));
    expect(codes.filter((c) => c === 'invalid_credentials').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'too_many_attempts').length).toBeGreaterThanOrEqual(15);
    expect(codes).not.toContain('other');
  });

  it('upgrades an old-cost hash at login', async () => {
    const db = getDb();
    const { user } = await createUser(db, { username: 'legacy', roles: ['viewer'], password: 'legacy-pass-1' });
    await db.updateTable('users').set({ password_hash: await hashPassword('legacy-pass-1', { ln: 12, r: 8, p: 1 }) }).where('id', '=', user.id).execute();
    await authenticate(db, { username: 'legacy', password: 'legacy-pass-1', ip: '10.0.0.5' });
    const row = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$scrypt$ln=15,')).toBe(true);
    expect(await verifyPassword('legacy-pass-1', row.password_hash)).toBe(true);
  });

  it('keeps sessions by the hash of their token, slides them for 8 idle hours, ends them after 7 days', async () => {
    const db = getDb();
    const { user } = await createUser(db, { username: 'sunli', roles: ['reporter'], department: '市教育局', password: 'sunli-pass-12' });
    const t0 = new Date('2025-03-02T08:00:00.000Z');
    const session = await createSession(db, user.id, { now: t0 });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
    expect(stored.map((s) => s.id)).toEqual([sessionIdOf(session.token)]);
    expect(stored[0]?.id).not.toBe(session.token);

    const resolved = await resolveSession(db, session.token, { now: at(t0, 1000) });
    expect(resolved?.actor).toEqual({ userId: user.id, username: 'sunli', displayName: 'sunli', roles: ['reporter'], departmentId: scope.education, regionCode: null });
    expect(resolved?.csrfToken).toBe(session.csrfToken);
    expect(await resolveSession(db, `${session.token}x`, { now: at(t0, 1000) })).toBeNull();

    // Used every 7 hours, it lives on; past 8 idle hours, it is gone.
    expect(await resolveSession(db, session.token, { now: at(t0, 7 * HOUR) })).not.toBeNull();
    expect(await resolveSession(db, session.token, { now: at(t0, 14 * HOUR) })).not.toBeNull();
    expect(await resolveSession(db, session.token, { now: at(t0, 22 * HOUR + 1) })).toBeNull();
    expect(await db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute()).toEqual([]);

    // However often used, a session ends 7 days after login.
    const weekly = await createSession(db, user.id, { now: t0 });
    for (let t = 6 * HOUR; t < SESSION_MAX_MS; t += 6 * HOUR) {
      expect(await resolveSession(db, weekly.token, { now: at(t0, t) })).not.toBeNull();
    }
    expect(await resolveSession(db, weekly.token, { now: at(t0, SESSION_MAX_MS) })).toBeNull();
    expect(SESSION_IDLE_MS).toBe(8 * HOUR);

    const revoked = await createSession(db, user.id, { now: t0 });
    await revokeSession(db, revoked.token);
    expect(await resolveSession(db, revoked.token, { now: at(t0, 1000) })).toBeNull();
  });

  it('changes a password only with the old one, and ends the other sessions', async () => {
    const db = getDb();
    const { user } = await createUser(db, { username: 'chenjing', roles: ['viewer'], password: 'chenjing-old-1' });
    const here = await createSession(db, user.id);
    const elsewhere = await createSession(db, user.id);
    const wrong = await rejection(changePassword(db, { userId: user.id, oldPassword: 'not-the-old-1', newPassword: 'chenjing-new-1', keepSessionId: here.sessionId }));
    expect([wrong.status, wrong.message]).toEqual([400, '原密码不正确']);
    expect(await resolveSession(db, elsewhere.token)).not.toBeNull();
    await expect(changePassword(db, { userId: user.id, oldPassword: 'chenjing-old-1', newPassword: 'short', keepSessionId: here.sessionId })).rejects.toThrow(/至少需要10个字符/);
    await expect(changePassword(db, { userId: user.id, oldPassword: 'chenjing-old-1', newPassword: 'chenjing-old-1', keepSessionId: here.sessionId })).rejects.toThrow('新密码不能与原密码相同');

    const changed = await changePassword(db, { userId: user.id, oldPassword: 'chenjing-old-1', newPassword: 'chenjing-new-1', keepSessionId: here.sessionId });
    expect(changed.mustChangePassword).toBe(false);
    expect(await resolveSession(db, here.token)).not.toBeNull();
    expect(await resolveSession(db, elsewhere.token)).toBeNull();
    await expect(authenticate(db, { username: 'chenjing', password: 'chenjing-old-1', ip: '10.0.0.6' })).rejects.toThrow('用户名或密码错误');
    expect((await authenticate(db, { username: 'chenjing', password: 'chenjing-new-1', ip: '10.0.0.6' })).id).toBe(user.id);
  });

  it('lets administrators change roles and scope, deactivate (ending sessions) and reset passwords', async () => {
    const db = getDb();
    const { user } = await createUser(db, { username: 'zhoumin', roles: ['viewer'], password: 'zhoumin-pass-1' });
    const session = await createSession(db, user.id);
    await expect(updateUser(db, user.id, { roles: ['reporter'] })).rejects.toThrow(/填报员须指定所属单位/);
    const moved = await updateUser(db, user.id, { roles: ['reporter'], regionCode: ZHANGDIAN, displayName: '周敏' });
    expect(moved.user).toMatchObject({ roles: ['reporter'], regionCode: ZHANGDIAN, displayName: '周敏' });
    expect(await resolveSession(db, session.token)).not.toBeNull();
    const reset = await updateUser(db, user.id, { resetPassword: true });
    expect(reset.user.mustChangePassword).toBe(true);
    expect(await resolveSession(db, session.token)).toBeNull();
    expect((await authenticate(db, { username: 'zhoumin', password: reset.generatedPassword as string, ip: '10.0.0.7' })).id).toBe(user.id);

    const again = await createSession(db, user.id);
    const inactive = await deactivateUser(db, user.id);
    expect(inactive.active).toBe(false);
    expect(await resolveSession(db, again.token)).toBeNull();
    const denied = await rejection(authenticate(db, { username: 'zhoumin', password: reset.generatedPassword as string, ip: '10.0.0.7' }));
    expect([denied.status, denied.message]).toEqual([403, '账号已停用，请联系管理员']);
    // A wrong password for a deactivated account says no more than for any other.
    expect((await rejection(authenticate(db, { username: 'zhoumin', password: 'guess-guess-1', ip: '10.0.0.7' }))).message).toBe('用户名或密码错误');

    const set = await setUserPassword(db, user.id, { password: 'zhoumin-pass-2' });
    expect(set.generatedPassword).toBeUndefined();
    expect(set.user.mustChangePassword).toBe(false);
  });

  it('always keeps one active administrator, and administrators cannot demote themselves', async () => {
    const db = getDb();
    const admin = await findUserByUsername(db, 'admin');
    if (admin === null) throw new Error('admin missing');
    expect((await rejection(deactivateUser(db, admin.id))).message).toBe('至少需要保留一个启用的管理员账号');
    const second = await createUser(db, { username: 'admin2', roles: ['admin'], password: 'admin2-pass-1' });
    await expect(updateUser(db, admin.id, { roles: ['viewer'] }, { actorUserId: admin.id })).rejects.toThrow('不能停用自己的账号或取消自己的管理员角色');
    expect((await updateUser(db, admin.id, { roles: ['viewer'] }, { actorUserId: second.user.id })).user.roles).toEqual(['viewer']);
    expect((await rejection(updateUser(db, second.user.id, { active: false }))).code).toBe('last_admin');
    await updateUser(db, admin.id, { roles: ['admin'] });
  });
});

forEachDialect('first administrator from the environment', (getDb) => {
  it('refuses a weak FUER_ADMIN_PASSWORD, then takes a good one without forcing a change', async () => {
    const db = getDb();
    await expect(ensureFirstAdmin(db, { FUER_ADMIN_PASSWORD: 'admin' })).rejects.toThrow('环境变量 FUER_ADMIN_PASSWORD 不符合密码要求：密码至少需要10个字符（当前5个）');
    expect(await listUsers(db)).toEqual([]);
    const result = await ensureFirstAdmin(db, { FUER_ADMIN_PASSWORD: 'Zibo-admin-2025' });
    expect(result).toEqual({ created: true, username: 'admin', message: '首次启动已创建管理员账号 admin（密码取自环境变量 FUER_ADMIN_PASSWORD）' });
    expect((await authenticate(db, { username: 'admin', password: 'Zibo-admin-2025', ip: '127.0.0.1' })).mustChangePassword).toBe(false);
    expect((await ensureFirstAdmin(db, {})).created).toBe(false);
  });
});
