import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate } from '../../services/accounts/login.service.ts';
import { createSession, revokeSession, revokeSessionById } from '../../services/accounts/session.service.ts';
import { changePassword } from '../../services/accounts/user.service.ts';
import { PASSWORD_MAX_LENGTH } from '../../services/accounts/password-policy.ts';
import { sessionCookieOptions, unauthenticated } from './guards.ts';
import { SESSION_COOKIE } from './auth.contract.ts';
import type { SessionInfo } from './auth.contract.ts';
import { mapAccountErrors } from './account-errors.ts';

const TAGS = ['账号'];

/** /api/auth/*: login, logout, the current user, password change. */
export const authRoutes: FastifyPluginAsync<{ cookieSecure: boolean }> = async (app, options) => {
  mapAccountErrors(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = sessionCookieOptions(options.cookieSecure);

  r.post(
    '/auth/login',
    {
      config: { public: true, csrf: false },
      schema: {
        tags: TAGS,
        summary: '登录：设置会话 Cookie，返回用户和 CSRF 令牌',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(PASSWORD_MAX_LENGTH) }),
      },
    },
    async (request, reply): Promise<SessionInfo> => {
      const user = await authenticate(app.db, { username: request.body.username, password: request.body.password, ip: request.ip });
      // A new login never continues an old session (no session fixation).
      if (request.authSession !== null) await revokeSessionById(app.db, request.authSession.sessionId);
      const session = await createSession(app.db, user.id);
      void reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
      return { user, csrfToken: session.csrfToken };
    },
  );

  r.post(
    '/auth/logout',
    { config: { public: true }, schema: { tags: TAGS, summary: '退出登录（需 CSRF 令牌）' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token !== undefined && token !== '') await revokeSession(app.db, token);
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send();
    },
  );

  r.get('/auth/me', { config: { public: true }, schema: { tags: TAGS, summary: '当前用户和 CSRF 令牌（未登录时 401）' } }, async (request): Promise<SessionInfo> => {
    const session = request.authSession;
    if (session === null) throw unauthenticated();
    return { user: session.user, csrfToken: session.csrfToken };
  });

  r.post(
    '/auth/password',
    {
      schema: {
        tags: TAGS,
        summary: '修改本人密码（需原密码；其他会话随即失效）',
        body: z.object({ oldPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH) }),
      },
    },
    async (request): Promise<SessionInfo> => {
      const session = request.authSession;
      if (session === null) throw unauthenticated();
      const user = await changePassword(app.db, {
        userId: session.user.id,
        oldPassword: request.body.oldPassword,
        newPassword: request.body.newPassword,
        keepSessionId: session.sessionId,
        ip: request.ip,
      });
      return { user, csrfToken: session.csrfToken };
    },
  );
};
