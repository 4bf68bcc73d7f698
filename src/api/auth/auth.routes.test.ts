import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/databases.ts';
import { ZHANGDIAN, seedAccountScope } from '../../services/accounts/accounts.fixtures.ts';
import { ensureFirstAdmin } from '../../services/accounts/first-admin.service.ts';
import { createUser } from '../../services/accounts/user.service.ts';
import { buildApp } from '../app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './auth.contract.ts';
import type { SessionInfo, UserResponse } from './auth.contract.ts';
import type { AccountUser } from '../../services/accounts/account.types.ts';

const ADMIN_PASSWORD = 'Zibo-admin-2025';

interface Login {
  cookie: string;
  csrfToken: string;
  user: AccountUser;
}

forEachDialect('auth API', (getDb) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const db = getDb();
    await seedAccountScope(db);
    await ensureFirstAdmin(db, { FUER_ADMIN_PASSWORD: ADMIN_PASSWORD });
    await createUser(db, { username: 'reporter1', roles: ['reporter'], regionCode: ZHANGDIAN, password: 'reporter-pass-1' });
    await createUser(db, { username: 'viewer1', roles: ['viewer'], password: 'viewer-pass-12' });
    app = await buildApp({ db });
  });
  afterAll(async () => {
    await app?.close();
  });

  async function login(username: string, password: string, ip = '10.1.0.1'): Promise<Login> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    if (cookie === undefined) throw new Error('no session cookie');
    const body = res.json<SessionInfo>();
    return { cookie: `${SESSION_COOKIE}=${cookie.value}`, csrfToken: body.csrfToken, user: body.user };
  }

  it('logs in with an HttpOnly SameSite=Lax cookie and answers /me', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'Reporter1', password: 'reporter-pass-1' } });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax$`));
    const body = res.json<SessionInfo>();
    expect(body.user).toMatchObject({ username: 'reporter1', roles: ['reporter'], regionCode: ZHANGDIAN, regionName: '张店区' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(res.body).not.toContain('$scrypt$');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const cookie = `${SESSION_COOKIE}=${res.cookies[0]?.value}`;
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json<SessionInfo>()).toEqual(body);
  });

  it('answers 401 to anonymous /me and clears an unknown session cookie', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ error: 'unauthenticated', message: '请先登录（未登录或登录已过期）' });
    const stale = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `${SESSION_COOKIE}=made-up-token` } });
    expect(stale.statusCode).toBe(401);
    expect(String(stale.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Expires=Thu, 01 Jan 1970`));
  });

  it('treats an expired session as logged out', async () => {
    const session = await login('viewer1', 'viewer-pass-12');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    // Eight idle hours later (as the database records it), the same cookie opens nothing.
    await getDb().updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', session.user.id).execute();
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    expect(await getDb().selectFrom('sessions').selectAll().where('user_id', '=', session.user.id).execute()).toEqual([]);
  });

  it('rejects a wrong password with one message, and throttles the sixth attempt with 429', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'viewer1', password: `wrong-pass-${i}` }, remoteAddress: ip });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: 'invalid_credentials', message: '用户名或密码错误' });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const blocked = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'viewer1', password: 'viewer-pass-12' }, remoteAddress: ip });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toEqual({ error: 'too_many_attempts', message: '登录失败次数过多，请15分钟后再试' });
    expect(blocked.headers['retry-after']).toBe('900');
    // The same user from another address still gets in.
    await login('viewer1', 'viewer-pass-12', '10.9.9.10');
  });

  it('accepts login only as JSON (an HTML form cannot post it cross-site)', async () => {
    const form = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=reporter1&password=reporter-pass-1',
    });
    expect(form.statusCode).toBe(415);
    const text = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: '{"username":"reporter1","password":"reporter-pass-1"}' });
    expect(text.statusCode).toBe(400);
    expect(text.headers['set-cookie']).toBeUndefined();
  });

  it('requires the CSRF token on state-changing requests of a session', async () => {
    const session = await login('reporter1', 'reporter-pass-1');
    const change = { oldPassword: 'reporter-pass-1', newPassword: 'reporter-pass-2' };
    const missing = await app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: session.cookie }, payload: change });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toEqual({ error: 'csrf', message: '缺少或无效的 CSRF 令牌，请刷新页面后重试' });
    const other = await login('viewer1', 'viewer-pass-12');
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: session.cookie, [CSRF_HEADER]: other.csrfToken }, payload: change });
    expect(wrong.statusCode).toBe(403);
    const logoutWithout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie } });
    expect(logoutWithout.statusCode).toBe(403);
    // Nothing changed: the old password still works.
    await login('reporter1', 'reporter-pass-1');

    const ok = await app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: session.cookie, [CSRF_HEADER]: session.csrfToken }, payload: change });
    expect(ok.statusCode, ok.body).toBe(200);
    // Reads need no token.
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
  });

  it('changing the password ends the other sessions but keeps this one', async () => {
    await createUser(getDb(), { username: 'zhangwei', roles: ['viewer'], password: 'zhangwei-pass-1' });
    const laptop = await login('zhangwei', 'zhangwei-pass-1');
    const phone = await login('zhangwei', 'zhangwei-pass-1');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: laptop.cookie, [CSRF_HEADER]: laptop.csrfToken },
      payload: { oldPassword: 'not-my-password-1', newPassword: 'zhangwei-pass-2' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('原密码不正确');
    const weak = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: laptop.cookie, [CSRF_HEADER]: laptop.csrfToken },
      payload: { oldPassword: 'zhangwei-pass-1', newPassword: 'onlyletters' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toBe('密码须同时包含字母和数字');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: phone.cookie } })).statusCode).toBe(200);

    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: laptop.cookie, [CSRF_HEADER]: laptop.csrfToken },
      payload: { oldPassword: 'zhangwei-pass-1', newPassword: 'zhangwei-pass-2' },
    });
    expect(res.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: laptop.cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: phone.cookie } })).statusCode).toBe(401);
  });

  it('logs out: the cookie is cleared and the session is dead on the server', async () => {
    const session = await login('viewer1', 'viewer-pass-12');
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie, [CSRF_HEADER]: session.csrfToken } });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    // Replaying the old cookie does not work.
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    // Logging out without a session is harmless.
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });

  it('a new login replaces the session the browser had', async () => {
    const first = await login('viewer1', 'viewer-pass-12');
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: first.cookie }, payload: { username: 'viewer1', password: 'viewer-pass-12' } });
    expect(res.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first.cookie } })).statusCode).toBe(401);
  });

  it('keeps the plan catalogue public and closes everything else to anonymous requests', async () => {
    for (const url of ['/api/health', '/api/plans', '/api/departments', '/api/indicators', '/api/regions?level=county', '/api/regions/370303', '/api/search?q=%E5%84%BF%E7%AB%A5', '/api/docs/json']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    }
    expect((await app.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/auth/password', payload: { oldPassword: 'a', newPassword: 'b' } })).statusCode).toBe(401);
    // A route added later without any guard is closed too.
    const extra = await buildApp({ db: getDb() });
    try {
      extra.get('/api/monitoring-probe', async (request) => ({ user: request.actor?.username ?? null }));
      extra.post('/api/monitoring-probe', async () => ({ ok: true }));
      expect((await extra.inject({ method: 'GET', url: '/api/monitoring-probe' })).statusCode).toBe(401);
      expect((await extra.inject({ method: 'POST', url: '/api/monitoring-probe', payload: {} })).statusCode).toBe(401);
      const session = await login('viewer1', 'viewer-pass-12');
      const read = await extra.inject({ method: 'GET', url: '/api/monitoring-probe', headers: { cookie: session.cookie } });
      expect(read.json()).toEqual({ user: 'viewer1' });
      expect((await extra.inject({ method: 'POST', url: '/api/monitoring-probe', headers: { cookie: session.cookie }, payload: {} })).statusCode).toBe(403);
      expect((await extra.inject({ method: 'POST', url: '/api/monitoring-probe', headers: { cookie: session.cookie, [CSRF_HEADER]: session.csrfToken }, payload: {} })).statusCode).toBe(200);
    } finally {
      await extra.close();
    }
    expect((await app.inject({ method: 'GET', url: '/api/no-such-route' })).statusCode).toBe(404);
  });

  it('lets only administrators manage users: 401 anonymous, 403 other roles', async () => {
    const reporter = await login('reporter1', 'reporter-pass-2');
    const viewer = await login('viewer1', 'viewer-pass-12');
    const admin = await login('admin', ADMIN_PASSWORD);
    const requests = [
      { method: 'GET' as const, url: '/api/users' },
      { method: 'GET' as const, url: `/api/users/${admin.user.id}` },
      { method: 'POST' as const, url: '/api/users', payload: { username: 'intruder', roles: ['admin'], password: 'intruder-pass-1' } },
      { method: 'PATCH' as const, url: `/api/users/${reporter.user.id}`, payload: { roles: ['admin'] } },
    ];
    for (const request of requests) {
      expect((await app.inject(request)).statusCode).toBe(401);
      for (const who of [reporter, viewer]) {
        const res = await app.inject({ ...request, headers: { cookie: who.cookie, [CSRF_HEADER]: who.csrfToken } });
        expect(res.statusCode, `${request.method} ${request.url}`).toBe(403);
        expect(res.json()).toEqual({ error: 'forbidden', message: '无权执行此操作：需要管理员角色' });
      }
    }
    const list = await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: admin.cookie } });
    expect(list.statusCode).toBe(200);
    const names = list.json<AccountUser[]>().map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['admin', 'reporter1', 'viewer1']));
    expect(names).not.toContain('intruder');
    expect(list.body).not.toContain('$scrypt$');
  });

  it('administrators create, change, reset and deactivate users', async () => {
    const admin = await login('admin', ADMIN_PASSWORD);
    const headers = { cookie: admin.cookie, [CSRF_HEADER]: admin.csrfToken };
    const invalid = await app.inject({ method: 'POST', url: '/api/users', headers, payload: { username: 'edu1', roles: ['reporter'] } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toMatch(/填报员须指定所属单位/);

    const created = await app.inject({ method: 'POST', url: '/api/users', headers, payload: { username: 'edu1', displayName: '市教育局填报员', roles: ['reporter'], department: '市教育局' } });
    expect(created.statusCode).toBe(201);
    const { user, generatedPassword } = created.json<UserResponse>();
    expect(user).toMatchObject({ username: 'edu1', departmentName: '市教育局', mustChangePassword: true, active: true });
    expect(generatedPassword).toMatch(/^[A-Za-z2-9]{16}$/);
    const duplicate = await app.inject({ method: 'POST', url: '/api/users', headers, payload: { username: 'EDU1', roles: ['viewer'] } });
    expect(duplicate.statusCode).toBe(409);

    // With the generated password the user may only change it.
    const edu = await login('edu1', generatedPassword as string);
    expect(edu.user.mustChangePassword).toBe(true);
    const probe = await buildApp({ db: getDb() });
    try {
      probe.get('/api/monitoring-probe', async () => ({ ok: true }));
      const blocked = await probe.inject({ method: 'GET', url: '/api/monitoring-probe', headers: { cookie: edu.cookie } });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error).toBe('password_change_required');
      expect((await probe.inject({ method: 'GET', url: '/api/plans', headers: { cookie: edu.cookie } })).statusCode).toBe(200);
      const changed = await app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie: edu.cookie, [CSRF_HEADER]: edu.csrfToken },
        payload: { oldPassword: generatedPassword, newPassword: 'education-2025' },
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json<SessionInfo>().user.mustChangePassword).toBe(false);
      expect((await probe.inject({ method: 'GET', url: '/api/monitoring-probe', headers: { cookie: edu.cookie } })).statusCode).toBe(200);
    } finally {
      await probe.close();
    }

    const patched = await app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers, payload: { roles: ['reporter', 'reviewer'], displayName: '王老师' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<UserResponse>().user).toMatchObject({ roles: ['reporter', 'reviewer'], displayName: '王老师', departmentName: '市教育局' });
    const badRegion = await app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers, payload: { regionCode: ZHANGDIAN } });
    expect(badRegion.statusCode).toBe(400);
    expect(badRegion.json().message).toBe('填报员只能属于一个单位或一个区县，不能同时指定单位和区县');

    const deactivated = await app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers, payload: { active: false } });
    expect(deactivated.json<UserResponse>().user.active).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: edu.cookie } })).statusCode).toBe(401);
    const refused = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'edu1', password: 'education-2025' } });
    expect(refused.statusCode).toBe(403);

    const reset = await app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers, payload: { active: true, resetPassword: true } });
    const newPassword = reset.json<UserResponse>().generatedPassword as string;
    expect(newPassword).toMatch(/^[A-Za-z2-9]{16}$/);
    expect((await login('edu1', newPassword)).user.mustChangePassword).toBe(true);

    const self = await app.inject({ method: 'PATCH', url: `/api/users/${admin.user.id}`, headers, payload: { active: false } });
    expect(self.statusCode).toBe(400);
    expect(self.json().message).toBe('不能停用自己的账号或取消自己的管理员角色');
    expect((await app.inject({ method: 'PATCH', url: '/api/users/99999', headers, payload: { displayName: 'x' } })).statusCode).toBe(404);
  });
});

forEachDialect('auth API with secure cookies', (getDb) => {
  it('marks the session cookie Secure when configured', async () => {
    const db = getDb();
    await ensureFirstAdmin(db, { FUER_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const previous = process.env.FUER_COOKIE_SECURE;
    process.env.FUER_COOKIE_SECURE = '1';
    const app = await buildApp({ db });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
      expect(String(res.headers['set-cookie'])).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
    } finally {
      if (previous === undefined) delete process.env.FUER_COOKIE_SECURE;
      else process.env.FUER_COOKIE_SECURE = previous;
      await app.close();
    }
  });
});
