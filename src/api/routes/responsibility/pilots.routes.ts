import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PilotStatus } from '../../../core/responsibility/responsibility.types.ts';
import { addMilestone, createPilot, getPilot, listPilots, updateMilestone, updatePilot } from '../../../services/responsibility/pilot.service.ts';
import type { PilotInput } from '../../../services/responsibility/pilot.service.ts';
import { actorOf } from '../../auth/guards.ts';
import { goalRef, idParams, isoDate, nonEmpty, pilotStatus, text, unit } from './schemas.ts';

const TAGS = ['试点'];

const milestone = z.object({ title: nonEmpty('节点名称', 200), dueDate: isoDate('节点日期'), doneAt: isoDate('完成日期').nullable().optional(), note: text('说明', 2000).nullable().optional() });

export const pilotRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/pilots', { schema: { tags: TAGS, summary: '试点项目列表', querystring: z.object({ status: pilotStatus.optional() }) } }, async (request) =>
    listPilots(app.db, actorOf(request), { status: request.query.status as PilotStatus | undefined }),
  );

  r.post(
    '/pilots',
    {
      schema: {
        tags: TAGS,
        summary: '登记试点项目（办公室）：围绕的目标、试点单位、期限、节点',
        body: z.object({
          title: nonEmpty('试点名称', 200),
          description: text('试点内容', 20_000).optional(),
          periodStart: isoDate('开始日期'),
          periodEnd: isoDate('结束日期'),
          status: pilotStatus.optional(),
          results: text('试点成效', 50_000).optional(),
          goals: z.array(goalRef, { error: '围绕的目标应为列表' }),
          units: z.array(unit, { error: '试点单位应为列表' }),
          milestones: z.array(milestone).optional(),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await createPilot(app.db, actorOf(request), request.body as PilotInput)),
  );

  r.get('/pilots/:id', { schema: { tags: TAGS, summary: '试点详情：节点进度与成效', params: idParams } }, async (request) => getPilot(app.db, actorOf(request), request.params.id));

  r.patch(
    '/pilots/:id',
    {
      schema: {
        tags: TAGS,
        summary: '更新试点（办公室）：状态、成效、期限、目标、单位',
        params: idParams,
        body: z.object({
          title: text('试点名称', 200).optional(),
          description: text('试点内容', 20_000).optional(),
          periodStart: isoDate('开始日期').optional(),
          periodEnd: isoDate('结束日期').optional(),
          status: pilotStatus.optional(),
          results: text('试点成效', 50_000).optional(),
          goals: z.array(goalRef).optional(),
          units: z.array(unit).optional(),
        }),
      },
    },
    async (request) => updatePilot(app.db, actorOf(request), request.params.id, request.body as Partial<PilotInput>),
  );

  r.post('/pilots/:id/milestones', { schema: { tags: TAGS, summary: '新增试点节点（办公室）', params: idParams, body: milestone } }, async (request, reply) =>
    reply.status(201).send(await addMilestone(app.db, actorOf(request), request.params.id, request.body)),
  );

  r.patch(
    '/pilot-milestones/:id',
    {
      schema: {
        tags: TAGS,
        summary: '标记试点节点完成（done，完成日期默认今天）或修改节点',
        params: idParams,
        body: z.object({ done: z.boolean().optional(), doneAt: isoDate('完成日期').nullable().optional(), title: text('节点名称', 200).optional(), dueDate: isoDate('节点日期').optional(), note: text('说明', 2000).nullable().optional() }),
      },
    },
    async (request) => updateMilestone(app.db, actorOf(request), request.params.id, request.body),
  );
};
