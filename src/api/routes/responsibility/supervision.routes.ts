import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addFinding, closeFinding, createFindingTask, createSupervision, getSupervision, listSupervisions, reportRectification, updateSupervision } from '../../../services/responsibility/supervision.service.ts';
import type { FindingInput, SupervisionInput } from '../../../services/responsibility/supervision.service.ts';
import { actorOf } from '../../auth/guards.ts';
import { goalRef, idParams, isoDate, nonEmpty, owner, text, unit } from './schemas.ts';

const TAGS = ['督导检查'];

const finding = z.object({ text: nonEmpty('问题', 5000), unit: unit.nullable().optional(), goal: goalRef.nullable().optional() });

export const followUpBody = z.object({
  title: text('任务名称', 200).optional(),
  description: text('任务说明', 5000).optional(),
  dueDate: isoDate('截止日期'),
  owner: owner.nullable().optional(),
  reminderDays: z.array(z.number().int().min(0).max(366)).optional(),
});

export const supervisionRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/supervisions',
    { schema: { tags: TAGS, summary: '督查记录列表', querystring: z.object({ from: isoDate('起始日期').optional(), to: isoDate('截止日期').optional() }) } },
    async (request) => listSupervisions(app.db, actorOf(request), request.query),
  );

  r.post(
    '/supervisions',
    {
      schema: {
        tags: TAGS,
        summary: '登记督查（办公室）：日期、被督查单位、发现的问题',
        body: z.object({
          title: nonEmpty('督查名称', 200),
          visitDate: isoDate('督查日期'),
          inspectors: text('督查组成员', 500).optional(),
          summary: text('督查情况', 20_000).optional(),
          units: z.array(unit, { error: '被督查单位应为列表' }),
          findings: z.array(finding).optional(),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await createSupervision(app.db, actorOf(request), request.body as SupervisionInput)),
  );

  r.get('/supervisions/:id', { schema: { tags: TAGS, summary: '督查详情：发现的问题及其整改任务、办结情况', params: idParams } }, async (request) =>
    getSupervision(app.db, actorOf(request), request.params.id),
  );

  r.patch(
    '/supervisions/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改督查记录（办公室）',
        params: idParams,
        body: z.object({
          title: text('督查名称', 200).optional(),
          visitDate: isoDate('督查日期').optional(),
          inspectors: text('督查组成员', 500).optional(),
          summary: text('督查情况', 20_000).optional(),
          units: z.array(unit).optional(),
        }),
      },
    },
    async (request) => updateSupervision(app.db, actorOf(request), request.params.id, request.body as Partial<SupervisionInput>),
  );

  r.post('/supervisions/:id/findings', { schema: { tags: TAGS, summary: '登记发现的问题（办公室）', params: idParams, body: finding } }, async (request, reply) =>
    reply.status(201).send(await addFinding(app.db, actorOf(request), request.params.id, request.body as FindingInput)),
  );

  r.post(
    '/supervision-findings/:id/task',
    { schema: { tags: TAGS, summary: '将发现的问题转为整改任务（默认由问题所涉单位负责）；任务办结即问题销号', params: idParams, body: followUpBody } },
    async (request, reply) => reply.status(201).send(await createFindingTask(app.db, actorOf(request), request.params.id, request.body)),
  );

  r.post(
    '/supervision-findings/:id/report',
    { schema: { tags: TAGS, summary: '报告整改情况（整改任务的责任单位）；办公室核实后销号', params: idParams, body: z.object({ note: nonEmpty('整改情况', 5000) }) } },
    async (request) => reportRectification(app.db, actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/supervision-findings/:id/close',
    { schema: { tags: TAGS, summary: '销号（办公室）：整改任务办结，问题关闭', params: idParams, body: z.object({ note: text('销号说明', 2000).optional() }).nullish() } },
    async (request) => closeFinding(app.db, actorOf(request), request.params.id, request.body ?? {}),
  );
};
