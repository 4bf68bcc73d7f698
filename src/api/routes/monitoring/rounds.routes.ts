import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getProgress } from '../../../services/monitoring/progress.service.ts';
import {
  closeRound,
  getRound,
  listIndicatorReporters,
  listRounds,
  openRound,
  reopenRound,
  setIndicatorReporter,
} from '../../../services/monitoring/round.service.ts';
import {
  getValidationRules,
  resetValidationRules,
  setValidationRules,
} from '../../../services/monitoring/validation-rules.service.ts';
import { changeRoundDeadline } from '../../../services/monitoring/round-deadline.service.ts';
import { actorOf, requireActor } from '../../auth/guards.ts';
import { deadlineBody, deadlineInput } from '../deadline-body.ts';
import { handled } from './monitoring-errors.ts';

const TAG = '年度监测';
const idParams = z.object({ id: z.coerce.number().int().positive() });
const codeParams = z.object({ code: z.string().min(1) });

/** Collection rounds, their progress board, reporting assignments and validation rules. */
export const roundRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = { preHandler: requireActor };

  r.get('/rounds', { ...auth, schema: { tags: [TAG], summary: '填报轮次列表' } }, async (request) =>
    handled(() => listRounds(app.db, actorOf(request))),
  );
  r.post(
    '/rounds',
    {
      ...auth,
      schema: {
        tags: [TAG],
        summary: '开启填报轮次（统计局、管理员）',
        body: z.object({
          year: z.number().int().describe('数据年度，如 2024'),
          dueDate: z.iso.date().describe('截止日期，如 2025-03-31'),
          title: z.string().max(200).optional(),
        }),
      },
    },
    async (request, reply) => {
      const round = await handled(() => openRound(app.db, actorOf(request), request.body));
      return reply.status(201).send(round);
    },
  );
  r.get('/rounds/:id', { ...auth, schema: { tags: [TAG], summary: '填报轮次详情', params: idParams } }, async (request) =>
    handled(() => getRound(app.db, actorOf(request), request.params.id)),
  );
  r.post('/rounds/:id/close', { ...auth, schema: { tags: [TAG], summary: '结束填报轮次（统计局、管理员）', params: idParams } }, async (request) =>
    handled(() => closeRound(app.db, actorOf(request), request.params.id)),
  );
  r.post('/rounds/:id/reopen', { ...auth, schema: { tags: [TAG], summary: '重新开启填报轮次（统计局、管理员）', params: idParams } }, async (request) =>
    handled(() => reopenRound(app.db, actorOf(request), request.params.id)),
  );
  r.post(
    '/rounds/:id/deadline',
    { ...auth, schema: { tags: [TAG], summary: '调整截止日期：整轮统一调整，或为某一部门/区县延期（须说明理由；统计局、管理员）', params: idParams, body: deadlineBody } },
    async (request) => handled(() => changeRoundDeadline(app.db, actorOf(request), request.params.id, deadlineInput(request.body))),
  );
  r.get(
    '/rounds/:id/progress',
    { ...auth, schema: { tags: [TAG], summary: '填报进度：各报表状态、完成度、逾期与提醒', params: idParams } },
    async (request) => handled(() => getProgress(app.db, actorOf(request), request.params.id)),
  );

  r.get('/indicator-reporters', { ...auth, schema: { tags: [TAG], summary: '各指标的报送部门' } }, async (request) =>
    handled(() => listIndicatorReporters(app.db, actorOf(request))),
  );
  r.put(
    '/indicator-reporters/:code',
    {
      ...auth,
      schema: { tags: [TAG], summary: '调整指标的报送部门（管理员）', params: codeParams, body: z.object({ departmentId: z.number().int().positive() }) },
    },
    async (request) => handled(() => setIndicatorReporter(app.db, actorOf(request), request.params.code, request.body.departmentId)),
  );

  r.get('/validation-rules/:code', { ...auth, schema: { tags: [TAG], summary: '指标的校验规则', params: codeParams } }, async (request) =>
    handled(() => getValidationRules(app.db, actorOf(request), request.params.code)),
  );
  r.put(
    '/validation-rules/:code',
    {
      ...auth,
      schema: { tags: [TAG], summary: '修改指标的校验规则（统计局、管理员）', params: codeParams, body: z.record(z.string(), z.unknown()) },
    },
    async (request) => handled(() => setValidationRules(app.db, actorOf(request), request.params.code, request.body)),
  );
  r.delete('/validation-rules/:code', { ...auth, schema: { tags: [TAG], summary: '恢复默认校验规则（统计局、管理员）', params: codeParams } }, async (request) =>
    handled(() => resetValidationRules(app.db, actorOf(request), request.params.code)),
  );
};
