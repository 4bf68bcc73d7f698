/**
 * Authentication and access for the HTTP API.
 *
 * Who is asking: every request under /api/ carrying the session cookie `fuer_session` (HttpOnly, SameSite=Lax,
 * Secure when FUER_COOKIE_SECURE=1) is resolved to `request.actor` (an Actor, or null when anonymous) and
 * `request.authSession` (the session: its CSRF token and the user). The cookie holds a random 256-bit token;
 * the database holds only its SHA-256. Sessions end after 8 hours idle, 7 days after login at the latest.
 *
 * What is open — deny by default:
 *  - Paths outside /api/ (the web front end's files) are public.
 *  - Public API routes: GET/HEAD of the plan catalogue (PUBLIC_READ_ROUTES below: plans, goals, measures,
 *    targets, departments, indicators, regions, search, health — the plans are public documents), the OpenAPI
 *    documents under /api/docs, and routes that declare `config: { public: true }` (login, logout, me).
 *  - Every other /api/ route answers 401 to an anonymous request, whether or not it adds `requireActor`:
 *    a route a later module forgets to guard is closed, not open. A new public read route must be added to
 *    PUBLIC_READ_ROUTES or declare `config: { public: true }` on purpose.
 *  - Roles: a route adds `preHandler: requireRole('stats', 'admin')` (403 for other roles). Scope (own region,
 *    own department's indicators) is decided by the services' access policies on `request.actor`.
 *  - A user whose password was generated or set by someone else (`mustChangePassword`) may use only
 *    /api/auth/* and the public routes until they change it (403 password_change_required).
 *
 * CSRF: every POST/PUT/PATCH/DELETE made with a live session must carry the session's synchronizer token in
 * the `x-csrf-token` header (403 “缺少或无效的 CSRF 令牌，请刷新页面后重试” otherwise). The token is returned by
 * login and GET /api/auth/me. Only login is exempt (`config: { csrf: false }`): it has no session yet, and,
 * taking JSON only, cannot be posted by a cross-site HTML form.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveSession, csrfTokenMatches } from '../../services/accounts/session.service.ts';
import { HttpError } from '../plugins/errors.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './auth.contract.ts';
import { authRoutes } from './auth.routes.ts';
import { csrfRejected, sessionCookieOptions, unauthenticated } from './guards.ts';
import { userRoutes } from './user.routes.ts';

/** The catalogue's read routes, open to everyone (exact route patterns, GET/HEAD only). */
export const PUBLIC_READ_ROUTES: ReadonlySet<string> = new Set([
  '/api/health',
  '/api/plans',
  '/api/plans/:code',
  '/api/goals/:id',
  '/api/measures/:id',
  '/api/targets',
  '/api/departments',
  '/api/departments/:id',
  '/api/indicators',
  '/api/indicators/:code',
  '/api/regions',
  '/api/regions/:code',
  '/api/search',
]);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const passwordChangeRequired = (): HttpError => new HttpError(403, 'password_change_required', '请先修改初始密码，然后再继续操作');

export interface AuthOptions {
  /** Secure cookie (HTTPS only). Default: FUER_COOKIE_SECURE=1. */
  cookieSecure?: boolean;
}

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

function isPublicRoute(method: string, routeUrl: string, config: { public?: boolean }): boolean {
  if (config.public === true) return true;
  if (method !== 'GET' && method !== 'HEAD') return false;
  return PUBLIC_READ_ROUTES.has(routeUrl) || routeUrl === '/api/docs' || routeUrl.startsWith('/api/docs/');
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Registers cookies, the `actor`/`authSession` request decorations, the access hook described above, and the
 * routes /api/auth/* and /api/users. Call before registering other routes.
 */
export async function registerAuth(app: FastifyInstance, options: AuthOptions = {}): Promise<void> {
  const secure = options.cookieSecure ?? process.env.FUER_COOKIE_SECURE === '1';
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('authSession', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!isApiPath(request.url)) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token !== undefined && token !== '') {
      const session = await resolveSession(app.db, token);
      if (session !== null) {
        request.actor = session.actor;
        request.authSession = session;
      } else {
        reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
      }
    }
    const routeUrl = request.routeOptions.url;
    if (routeUrl === undefined) return; // no such route: the 404 handler answers
    const config = request.routeOptions.config;
    const open = isPublicRoute(request.method, routeUrl, config);
    if (!open && request.actor === null) throw unauthenticated();
    const session = request.authSession;
    if (session !== null && !SAFE_METHODS.has(request.method) && config.csrf !== false) {
      if (!csrfTokenMatches(headerValue(request, CSRF_HEADER), session.csrfToken)) throw csrfRejected();
    }
    if (!open && session !== null && session.user.mustChangePassword && !routeUrl.startsWith('/api/auth/')) {
      throw passwordChangeRequired();
    }
  });

  await app.register(authRoutes, { prefix: '/api', cookieSecure: secure });
  await app.register(userRoutes, { prefix: '/api' });
}

export { actorOf, requireActor, requireRole } from './guards.ts';
