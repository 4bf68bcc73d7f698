import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cityRollUp } from '../../../services/monitoring/rollup.service.ts';
import { accessDenied } from '../../../services/monitoring/monitoring.errors.ts';
import { actorOf, requireActor } from '../../auth/guards.ts';
import { handled } from './monitoring-errors.ts';

/** The city's figures rolled up live from approved county values, beside its direct figures. */
export const rollupRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/rollup',
    {
      preHandler: requireActor,
      schema: {
        tags: ['年度监测'],
        summary: '市级汇总（由已审核的区县数据实时计算，并与市级直报数对照）',
        querystring: z.object({
          year: z.coerce.number().int().min(1990).max(2100),
          indicator: z.string().min(1).optional(),
          partial: z.enum(['true', 'false']).optional().describe('true：部分区县缺数时给出临时汇总值'),
        }),
      },
    },
    async (request) =>
      handled(async () => {
        const { year, indicator, partial } = request.query;
        const result = await cityRollUp(app.db, {
          year,
          ...(indicator !== undefined ? { indicatorCode: indicator } : {}),
          allowPartial: partial === 'true',
          actor: actorOf(request),
        });
        if (result.indicators.length === 0) throw accessDenied('无权查看市级汇总数据：您只能查看本地区或本部门负责的数据');
        return result;
      }),
  );
};
