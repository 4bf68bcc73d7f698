import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getGoal, getMeasure } from '../../storage/repositories/plan.repository.ts';
import { notFound } from '../plugins/errors.ts';

const idParams = z.object({ id: z.coerce.number().int().positive().describe('编号') });

export const goalRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/goals/:id', { schema: { tags: ['规划'], summary: '主要目标详情：牵头、责任单位与量化目标', params: idParams } }, async (request) => {
    const goal = await getGoal(app.db, request.params.id);
    if (!goal) throw notFound(`目标 ${request.params.id} `);
    return goal;
  });
  r.get('/measures/:id', { schema: { tags: ['规划'], summary: '策略措施详情', params: idParams } }, async (request) => {
    const measure = await getMeasure(app.db, request.params.id);
    if (!measure) throw notFound(`策略措施 ${request.params.id} `);
    return measure;
  });
};
