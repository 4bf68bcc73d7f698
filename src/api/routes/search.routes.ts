import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchText } from '../../storage/repositories/search.repository.ts';

export const searchRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/search',
    {
      schema: {
        tags: ['搜索'],
        summary: '在主要目标和策略措施全文中搜索',
        querystring: z.object({
          q: z.string().trim().min(1, '请输入搜索词').max(100, '搜索词不能超过100个字'),
          plan: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => searchText(app.db, request.query.q, { planCode: request.query.plan, limit: request.query.limit }),
  );
};
