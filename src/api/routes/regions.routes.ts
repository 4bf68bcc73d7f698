import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getRegion, listRegions } from '../../storage/repositories/region.repository.ts';
import { notFound } from '../plugins/errors.ts';

export const regionRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/regions',
    {
      schema: {
        tags: ['行政区划'],
        summary: '行政区划（按上级、层级、日期筛选）',
        querystring: z.object({
          parent: z.string().optional().describe('上级区划代码，如 370300'),
          level: z.enum(['province', 'city', 'county', 'town', 'village']).optional(),
          at: z.iso.date().optional().describe('有效日期 YYYY-MM-DD，默认今天'),
        }),
      },
    },
    async (request) => listRegions(app.db, { parentCode: request.query.parent, level: request.query.level, at: request.query.at }),
  );
  r.get('/regions/:code', { schema: { tags: ['行政区划'], summary: '区划详情', params: z.object({ code: z.string().min(1) }) } }, async (request) => {
    const region = await getRegion(app.db, request.params.code);
    if (!region) throw notFound(`区划“${request.params.code}”`);
    return region;
  });
};
