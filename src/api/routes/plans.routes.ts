import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getPlanTree, listPlans } from '../../storage/repositories/plan.repository.ts';
import { notFound } from '../plugins/errors.ts';

export const planRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/plans', { schema: { tags: ['规划'], summary: '规划列表（含领域、目标、策略措施、量化目标数）' } }, async () => listPlans(app.db));
  r.get(
    '/plans/:code',
    {
      schema: {
        tags: ['规划'],
        summary: '一部规划的全部领域、主要目标、策略措施和量化目标',
        params: z.object({ code: z.string().min(1).describe('规划编号，如 women-2021-2025') }),
        querystring: z.object({ region: z.string().optional().describe('发布地区代码，默认 370300') }),
      },
    },
    async (request) => {
      const tree = await getPlanTree(app.db, request.params.code, request.query.region);
      if (!tree) throw notFound(`规划“${request.params.code}”`);
      return tree;
    },
  );
};
