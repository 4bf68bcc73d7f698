import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { generateWarnings } from '../../../services/evaluation/warning-generate.service.ts';
import {
  addCountermeasure,
  addSteps,
  closeWarning,
  completeStep,
  escalateWarning,
  getWarning,
  listWarnings,
} from '../../../services/evaluation/warning.service.ts';
import { actorOf, requireActor, requireRole } from '../../auth/guards.ts';
import { mapEvaluationErrors } from './evaluation-errors.ts';

const TAGS = ['预警'];
const idParams = z.object({ id: z.coerce.number().int().positive() });
const statuses = ['open', 'issued', 'responded', 'escalated', 'closed', 'withdrawn'] as const;

/**
 * /api/warnings: the early-warning list and its follow-up. Scope is decided by the services on request.actor:
 * a department sees and answers its own warnings, a county its region's; the office and the statistics bureau
 * see all; only the office closes and escalates.
 */
export const warningRoutes: FastifyPluginAsync = async (app) => {
  mapEvaluationErrors(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/warnings',
    {
      preHandler: requireActor,
      schema: {
        tags: TAGS,
        summary: '预警清单（只列出本人有权查看的）',
        querystring: z.object({
          year: z.coerce.number().int().min(1990).max(2100).optional(),
          status: z.enum(statuses).optional().describe('open 在办（已下发、整改中、已升级）'),
          level: z.enum(['red', 'yellow']).optional(),
          region: z.string().max(20).optional(),
          department: z.coerce.number().int().positive().optional(),
          indicator: z.string().max(20).optional(),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return listWarnings(app.db, actorOf(request), {
        ...(q.year !== undefined ? { year: q.year } : {}),
        ...(q.status !== undefined ? { status: q.status } : {}),
        ...(q.level !== undefined ? { level: q.level } : {}),
        ...(q.region !== undefined ? { regionCode: q.region } : {}),
        ...(q.department !== undefined ? { departmentId: q.department } : {}),
        ...(q.indicator !== undefined ? { indicatorCode: q.indicator } : {}),
      });
    },
  );

  r.post(
    '/warnings/generate',
    {
      preHandler: requireRole('admin', 'stats'),
      schema: {
        tags: TAGS,
        summary: '生成年度预警清单（全年数据审核通过后；重复生成只更新不重复）',
        body: z.object({ year: z.coerce.number().int().min(1990).max(2100), force: z.boolean().optional() }),
      },
    },
    async (request) => generateWarnings(app.db, actorOf(request), { year: request.body.year, force: request.body.force ?? false, origin: 'api' }),
  );

  r.get('/warnings/:id', { preHandler: requireActor, schema: { tags: TAGS, summary: '预警详情：对策建议、整改措施、处理记录', params: idParams } }, async (request) =>
    getWarning(app.db, actorOf(request), request.params.id),
  );

  r.post(
    '/warnings/:id/countermeasures',
    { preHandler: requireActor, schema: { tags: TAGS, summary: '提交对策建议（责任部门或区县）', params: idParams, body: z.object({ text: z.string().min(1).max(4000) }) } },
    async (request, reply) => {
      void reply.status(201);
      return addCountermeasure(app.db, actorOf(request), request.params.id, request.body);
    },
  );

  r.post(
    '/warnings/:id/steps',
    {
      preHandler: requireActor,
      schema: {
        tags: TAGS,
        summary: '制定整改措施（内容、完成时限、责任人）',
        params: idParams,
        body: z.object({
          steps: z
            .array(z.object({ description: z.string().min(1).max(2000), dueDate: z.string().describe('YYYY-MM-DD'), owner: z.string().min(1).max(200) }))
            .min(1)
            .max(50),
        }),
      },
    },
    async (request, reply) => {
      void reply.status(201);
      return addSteps(app.db, actorOf(request), request.params.id, request.body);
    },
  );

  r.patch(
    '/warnings/:id/steps/:stepId',
    {
      preHandler: requireActor,
      schema: {
        tags: TAGS,
        summary: '整改措施完成（附完成情况说明和佐证材料）',
        params: z.object({ id: z.coerce.number().int().positive(), stepId: z.coerce.number().int().positive() }),
        body: z.object({ done: z.literal(true), note: z.string().min(1).max(2000), evidence: z.string().max(2000).nullable().optional() }),
      },
    },
    async (request) =>
      completeStep(app.db, actorOf(request), request.params.id, request.params.stepId, { note: request.body.note, evidence: request.body.evidence ?? null }),
  );

  r.post(
    '/warnings/:id/close',
    { preHandler: requireActor, schema: { tags: TAGS, summary: '销号（妇儿工委办公室；全部整改措施完成后）', params: idParams, body: z.object({ note: z.string().max(2000).optional() }).optional() } },
    async (request) => closeWarning(app.db, actorOf(request), request.params.id, { note: request.body?.note ?? null }),
  );

  r.post(
    '/warnings/:id/escalate',
    { preHandler: requireActor, schema: { tags: TAGS, summary: '升级预警（妇儿工委办公室，须说明原因）', params: idParams, body: z.object({ reason: z.string().min(1).max(2000) }) } },
    async (request) => escalateWarning(app.db, actorOf(request), request.params.id, request.body),
  );
};
