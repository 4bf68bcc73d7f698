import type { FastifyPluginAsync } from 'fastify';
import { getPlatformMeta } from '../../../services/evaluation/meta.service.ts';

/** GET /api/meta: what the web front end shows before and after login (the 示例数据 banner). Public. */
export const metaRoutes: FastifyPluginAsync = async (app) => {
  app.get('/meta', { config: { public: true }, schema: { tags: ['系统'], summary: '平台信息：是否为示例数据（demo）' } }, async () => getPlatformMeta(app.db));
};
