import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Role } from '../../core/access/actor.types.ts';
import { ROLE_LABELS } from '../../core/access/actor.types.ts';
import type { ResolvedSession } from '../../services/accounts/session.service.ts';
import { HttpError } from '../plugins/errors.ts';

/** Route guards and the request decorations that registerAuth (auth.plugin.ts) fills in. */
declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user, or null for an anonymous request (always null outside /api/). */
    actor: Actor | null;
    /** The live session behind `actor`, or null. */
    authSession: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    /** Open to anonymous requests (see auth.plugin.ts). */
    public?: boolean;
    /** false: no CSRF check (login only). */
    csrf?: boolean;
  }
}

export const unauthenticated = (): HttpError => new HttpError(401, 'unauthenticated', '请先登录（未登录或登录已过期）');
export const csrfRejected = (): HttpError => new HttpError(403, 'csrf', '缺少或无效的 CSRF 令牌，请刷新页面后重试');

export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure } as const;
}

/** The request's actor; 401 when anonymous. For handlers behind `requireActor`/`requireRole`. */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw unauthenticated();
  return request.actor;
}

/** preHandler: a logged-in user (any role). */
export async function requireActor(request: FastifyRequest, _reply?: FastifyReply): Promise<void> {
  actorOf(request);
}

/** preHandler: a logged-in user holding at least one of the roles (401 when anonymous, 403 otherwise). */
export function requireRole(...roles: Role[]): (request: FastifyRequest, reply?: FastifyReply) => Promise<void> {
  if (roles.length === 0) throw new Error('requireRole needs at least one role');
  return async (request) => {
    const actor = actorOf(request);
    if (!actor.roles.some((r) => roles.includes(r))) {
      throw new HttpError(403, 'forbidden', `无权执行此操作：需要${roles.map((r) => ROLE_LABELS[r]).join('或')}角色`);
    }
  };
}
