import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getDashboard } from '../../../services/evaluation/dashboard.service.ts';
import { evaluateYear } from '../../../services/evaluation/evaluate-year.service.ts';
import { indicatorEvaluation } from '../../../services/evaluation/indicator-view.service.ts';
import { midtermEvaluation } from '../../../services/evaluation/midterm.service.ts';
import { isDemoDatabase } from '../../../storage/repositories/metadata.repository.ts';
import { actorOf, requireActor } from '../../auth/guards.ts';
import { mapEvaluationErrors } from './evaluation-errors.ts';

const TAGS = ['评估'];
const year = z.coerce.number().int().min(1990).max(2100).describe('评估年度，如 2024');
const region = z.string().min(1).max(20).optional().describe('地区代码：370300 淄博市，或区县、功能区代码');
const plan = z.enum(['women', 'children']).optional().describe('women 妇女规划，children 儿童规划');

/**
 * Evaluation results, computed on read from approved values. Any logged-in user may read them: they are the
 * approved figures of the city and its counties, compared side by side (warnings are scoped per user).
 */
export const evaluationRoutes: FastifyPluginAsync = async (app) => {
  mapEvaluationErrors(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/evaluation',
    { preHandler: requireActor, schema: { tags: TAGS, summary: '年度评估：每个目标在淄博市及各区县的状态、推算值与说明', querystring: z.object({ year, region, plan }) } },
    async (request) => {
      const q = request.query;
      const result = await evaluateYear(app.db, { year: q.year, ...(q.region ? { regionCode: q.region } : {}), ...(q.plan ? { planKind: q.plan } : {}) });
      return { ...result, demo: await isDemoDatabase(app.db) };
    },
  );

  r.get(
    '/evaluation/indicators/:code',
    {
      preHandler: requireActor,
      schema: {
        tags: TAGS,
        summary: '指标评估详情：序列、目标线、推算、状态与说明、区县比较、分组数据',
        params: z.object({ code: z.string().min(1).max(20) }),
        querystring: z.object({ region, year: year.optional() }),
      },
    },
    async (request) =>
      indicatorEvaluation(app.db, actorOf(request), {
        indicatorCode: request.params.code,
        ...(request.query.region ? { regionCode: request.query.region } : {}),
        ...(request.query.year !== undefined ? { year: request.query.year } : {}),
      }),
  );

  r.get(
    '/evaluation/midterm',
    { preHandler: requireActor, schema: { tags: TAGS, summary: '中期（2023）/终期（2025）评估：按领域、按牵头部门的达标率', querystring: z.object({ year, region, plan }) } },
    async (request) => {
      const q = request.query;
      return midtermEvaluation(app.db, { year: q.year, ...(q.region ? { regionCode: q.region } : {}), ...(q.plan ? { planKind: q.plan } : {}) });
    },
  );

  r.get(
    '/dashboard',
    { preHandler: requireActor, schema: { tags: TAGS, summary: '评估看板：按规划、领域统计各状态目标数（市及各区县），在办预警', querystring: z.object({ year, region, plan }) } },
    async (request) => {
      const q = request.query;
      return getDashboard(app.db, actorOf(request), { year: q.year, ...(q.region ? { regionCode: q.region } : {}), ...(q.plan ? { planKind: q.plan } : {}) });
    },
  );
};
