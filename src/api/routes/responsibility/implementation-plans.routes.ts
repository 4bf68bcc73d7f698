import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FilingStatus } from '../../../core/responsibility/responsibility.types.ts';
import {
  createImplementationPlan,
  deleteImplementationPlan,
  fileImplementationPlan,
  getImplementationPlan,
  listImplementationPlans,
  reviewImplementationPlan,
  updateImplementationPlan,
} from '../../../services/responsibility/implementation-plan.service.ts';
import { actorOf } from '../../auth/guards.ts';
import { csv, filingBody, filingStatus, goalRef, idParams, nonEmpty, reviewBody, text, year } from './schemas.ts';

const TAGS = ['实施方案'];
const department = z.union([z.number().int().positive(), z.string().min(1).max(100)], { error: '单位应为编号、全称或简称' });

export const implementationPlanRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/implementation-plans',
    {
      schema: {
        tags: TAGS,
        summary: '部门实施方案列表',
        querystring: z.object({ department: text('单位', 100).optional(), status: csv(filingStatus).optional() }),
      },
    },
    async (request) =>
      listImplementationPlans(app.db, actorOf(request), {
        department: request.query.department,
        status: request.query.status as FilingStatus[] | undefined,
      }),
  );

  r.post(
    '/implementation-plans',
    {
      schema: {
        tags: TAGS,
        summary: '编制实施方案（部门用户默认本部门；只能对应本部门牵头或参与的目标）',
        body: z.object({
          department: department.nullable().optional(),
          title: nonEmpty('方案名称', 200),
          periodStart: year('开始年份').optional(),
          periodEnd: year('结束年份').optional(),
          content: text('方案内容', 200_000).optional(),
          documentNo: text('文号', 100).nullable().optional(),
          goals: z.array(goalRef, { error: '对应目标应为列表' }),
        }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createImplementationPlan(app.db, actorOf(request), request.body as Parameters<typeof createImplementationPlan>[2])),
  );

  r.get('/implementation-plans/:id', { schema: { tags: TAGS, summary: '实施方案详情（含报送、审阅记录）', params: idParams } }, async (request) =>
    getImplementationPlan(app.db, actorOf(request), request.params.id),
  );

  r.patch(
    '/implementation-plans/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改实施方案（草稿或退回状态）',
        params: idParams,
        body: z.object({
          title: text('方案名称', 200).optional(),
          periodStart: year('开始年份').optional(),
          periodEnd: year('结束年份').optional(),
          content: text('方案内容', 200_000).optional(),
          documentNo: text('文号', 100).nullable().optional(),
          goals: z.array(goalRef).optional(),
        }),
      },
    },
    async (request) => updateImplementationPlan(app.db, actorOf(request), request.params.id, request.body as Parameters<typeof updateImplementationPlan>[3]),
  );

  r.delete('/implementation-plans/:id', { schema: { tags: TAGS, summary: '删除从未报送的实施方案草稿', params: idParams } }, async (request, reply) => {
    await deleteImplementationPlan(app.db, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  r.post(
    '/implementation-plans/:id/file',
    {
      schema: {
        tags: TAGS,
        summary: '向妇儿工委办公室报送实施方案',
        params: idParams,
        body: filingBody,
      },
    },
    async (request) => fileImplementationPlan(app.db, actorOf(request), request.params.id, request.body ?? {}),
  );

  r.post(
    '/implementation-plans/:id/review',
    {
      schema: { tags: TAGS, summary: '妇儿工委办公室审阅或退回实施方案（退回须说明理由）', params: idParams, body: reviewBody },
    },
    async (request) => reviewImplementationPlan(app.db, actorOf(request), request.params.id, { decision: request.body.decision as 'reviewed' | 'returned', note: request.body.note }),
  );
};
