import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MeetingKind } from '../../../core/responsibility/responsibility.types.ts';
import { addDecision, createDecisionTask, createMeeting, getMeeting, listMeetings, updateMeeting } from '../../../services/responsibility/meeting.service.ts';
import type { MeetingInput } from '../../../services/responsibility/meeting.service.ts';
import { actorOf } from '../../auth/guards.ts';
import { idParams, isoDate, meetingKind, nonEmpty, owner, text, unit } from './schemas.ts';

const TAGS = ['议事协调'];

const decisionBody = z.object({ text: nonEmpty('议定事项', 5000), owner: owner.nullable().optional(), dueDate: isoDate('完成时限').nullable().optional() });

export const meetingRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/meetings',
    { schema: { tags: TAGS, summary: '会议记录列表（妇儿工委全体会议、联络员会议等）', querystring: z.object({ kind: meetingKind.optional(), from: isoDate('起始日期').optional(), to: isoDate('截止日期').optional() }) } },
    async (request) => listMeetings(app.db, actorOf(request), { ...request.query, kind: request.query.kind as MeetingKind | undefined }),
  );

  r.post(
    '/meetings',
    {
      schema: {
        tags: TAGS,
        summary: '登记会议（办公室）：日期、参会单位、纪要、议定事项',
        body: z.object({
          kind: meetingKind,
          title: text('会议名称', 200).optional(),
          heldOn: isoDate('会议日期'),
          location: text('地点', 200).optional(),
          minutes: text('会议纪要', 100_000).optional(),
          attendees: z.array(unit).optional(),
          decisions: z.array(decisionBody).optional(),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await createMeeting(app.db, actorOf(request), request.body as MeetingInput)),
  );

  r.get('/meetings/:id', { schema: { tags: TAGS, summary: '会议详情：纪要、议定事项及其任务', params: idParams } }, async (request) => getMeeting(app.db, actorOf(request), request.params.id));

  r.patch(
    '/meetings/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改会议记录（办公室）',
        params: idParams,
        body: z.object({
          kind: meetingKind.optional(),
          title: text('会议名称', 200).optional(),
          heldOn: isoDate('会议日期').optional(),
          location: text('地点', 200).optional(),
          minutes: text('会议纪要', 100_000).optional(),
          attendees: z.array(unit).optional(),
        }),
      },
    },
    async (request) => updateMeeting(app.db, actorOf(request), request.params.id, request.body as Partial<MeetingInput>),
  );

  r.post('/meetings/:id/decisions', { schema: { tags: TAGS, summary: '登记议定事项（办公室）', params: idParams, body: decisionBody } }, async (request, reply) =>
    reply.status(201).send(await addDecision(app.db, actorOf(request), request.params.id, request.body)),
  );

  r.post(
    '/meeting-decisions/:id/task',
    {
      schema: {
        tags: TAGS,
        summary: '将议定事项转为任务（默认由事项的责任单位负责、按事项的完成时限）',
        params: idParams,
        body: z
          .object({
            title: text('任务名称', 200).optional(),
            description: text('任务说明', 5000).optional(),
            dueDate: isoDate('截止日期').optional(),
            owner: owner.nullable().optional(),
            reminderDays: z.array(z.number().int().min(0).max(366)).optional(),
          })
          .optional(),
      },
    },
    async (request, reply) => reply.status(201).send(await createDecisionTask(app.db, actorOf(request), request.params.id, request.body ?? {})),
  );
};
