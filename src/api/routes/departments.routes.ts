import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getDepartment, listDepartments } from '../../storage/repositories/department.repository.ts';
import { notFound } from '../plugins/errors.ts';

export const departmentRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/departments', { schema: { tags: ['责任单位'], summary: '责任单位列表（牵头、参与目标数）' } }, async () => listDepartments(app.db));
  r.get(
    '/departments/:id',
    {
      schema: {
        tags: ['责任单位'],
        summary: '责任单位牵头或参与的全部目标（两部规划）及其报送的指标',
        params: z.object({ id: z.string().min(1).describe('单位编号或名称（可用简称）') }),
      },
    },
    async (request) => {
      const key = /^\d+$/.test(request.params.id) ? Number(request.params.id) : request.params.id;
      const department = await getDepartment(app.db, key);
      if (!department) throw notFound(`单位“${request.params.id}”`);
      return department;
    },
  );
};
