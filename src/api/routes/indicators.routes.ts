import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getIndicator, listIndicators } from '../../storage/repositories/indicator.repository.ts';
import { listTargets } from '../../storage/repositories/target.repository.ts';
import { notFound } from '../plugins/errors.ts';

const targetKinds = ['threshold', 'approx', 'relative_change', 'annual_change', 'trend', 'count', 'ratio', 'deadline'] as const;

export const indicatorRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/indicators', { schema: { tags: ['指标'], summary: '监测指标目录' } }, async () => listIndicators(app.db));
  r.get(
    '/indicators/:code',
    { schema: { tags: ['指标'], summary: '指标详情及其来源目标', params: z.object({ code: z.string().min(1) }) } },
    async (request) => {
      const indicator = await getIndicator(app.db, request.params.code);
      if (!indicator) throw notFound(`指标“${request.params.code}”`);
      return indicator;
    },
  );
  r.get(
    '/targets',
    {
      schema: {
        tags: ['指标'],
        summary: '量化目标（可按规划、类型、指标筛选）',
        querystring: z.object({
          plan: z.string().optional().describe('规划编号'),
          kind: z.enum(targetKinds).optional(),
          indicator: z.string().optional().describe('指标代码'),
        }),
      },
    },
    async (request) => listTargets(app.db, { planCode: request.query.plan, kind: request.query.kind, indicatorCode: request.query.indicator }),
  );
};
