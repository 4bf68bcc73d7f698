import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUser, getUser, listUsers, ROLES, updateUser } from '../../services/accounts/user.service.ts';
import { PASSWORD_MAX_LENGTH } from '../../services/accounts/password-policy.ts';
import { notFound } from '../plugins/errors.ts';
import { actorOf, requireRole } from './guards.ts';
import type { UserResponse } from './auth.contract.ts';
import { mapAccountErrors } from './account-errors.ts';

const TAGS = ['账号'];
const role = z.enum(ROLES as [string, ...string[]]).describe('admin 管理员、stats 统计局、reporter 填报员、reviewer 审核员、viewer 只读');
const department = z.union([z.number().int().positive(), z.string().min(1).max(100)]).nullable().describe('单位编号、全称或简称');
const regionCode = z.string().max(20).nullable().describe('区划代码：区县如 370303，市 370300');
const idParams = z.object({ id: z.coerce.number().int().positive() });

/** /api/users: account administration, administrators only. */
export const userRoutes: FastifyPluginAsync = async (app) => {
  mapAccountErrors(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const adminOnly = requireRole('admin');

  r.get('/users', { preHandler: adminOnly, schema: { tags: TAGS, summary: '用户列表（管理员）' } }, async () => listUsers(app.db));

  r.get('/users/:id', { preHandler: adminOnly, schema: { tags: TAGS, summary: '用户详情（管理员）', params: idParams } }, async (request) => {
    const user = await getUser(app.db, request.params.id);
    if (user === null) throw notFound(`用户（编号${request.params.id}）`);
    return user;
  });

  r.post(
    '/users',
    {
      preHandler: adminOnly,
      schema: {
        tags: TAGS,
        summary: '新建用户（管理员）；不给密码则生成一个，仅返回这一次',
        body: z.object({
          username: z.string().min(1).max(64),
          displayName: z.string().max(50).optional(),
          roles: z.array(role).min(1),
          department: department.optional(),
          regionCode: regionCode.optional(),
          password: z.string().min(1).max(PASSWORD_MAX_LENGTH).optional(),
          mustChangePassword: z.boolean().optional(),
        }),
      },
    },
    async (request, reply): Promise<UserResponse> => {
      const { password, mustChangePassword, ...rest } = request.body;
      const result = await createUser(app.db, {
        ...rest,
        roles: rest.roles as (typeof ROLES)[number][],
        ...(password !== undefined ? { password } : {}),
        // A password an administrator chose is known to two people: the user changes it at first login.
        mustChangePassword: mustChangePassword ?? true,
      });
      void reply.status(201);
      return result;
    },
  );

  r.patch(
    '/users/:id',
    {
      preHandler: adminOnly,
      schema: {
        tags: TAGS,
        summary: '修改用户（管理员）：角色、单位、区划、启用/停用、重置密码',
        params: idParams,
        body: z.object({
          displayName: z.string().max(50).optional(),
          roles: z.array(role).min(1).optional(),
          department: department.optional(),
          regionCode: regionCode.optional(),
          active: z.boolean().optional(),
          password: z.string().min(1).max(PASSWORD_MAX_LENGTH).optional(),
          resetPassword: z.boolean().optional(),
        }),
      },
    },
    async (request): Promise<UserResponse> => {
      const { roles, ...rest } = request.body;
      return updateUser(
        app.db,
        request.params.id,
        { ...rest, ...(roles !== undefined ? { roles: roles as (typeof ROLES)[number][] } : {}) },
        { actorUserId: actorOf(request).userId },
      );
    },
  );
};
