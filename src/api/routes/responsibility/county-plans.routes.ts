import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PlanKind } from '../../../core/plan/plan.types.ts';
import { importCountyPlan } from '../../../services/responsibility/county-plan-import.service.ts';
import {
  addCountyGoal,
  addCountyTarget,
  countyPlanOverview,
  deleteCountyPlan,
  deriveCountyPlan,
  fileCountyPlan,
  getCountyPlan,
  reviewCountyPlan,
  updateCountyGoal,
  updateCountyPlan,
  updateCountyTarget,
} from '../../../services/responsibility/county-plan.service.ts';
import { actorOf } from '../../auth/guards.ts';
import { direction, filingBody, idParams, isoDate, nonEmpty, planKind, positiveInt, reviewBody, targetKind, targetOp, text, year } from './schemas.ts';

const TAGS = ['区县规划'];
const goalParams = z.object({ id: idParams.shape.id, goalId: idParams.shape.id });
const targetParams = z.object({ id: idParams.shape.id, targetId: idParams.shape.id });
const itemStatus = z.enum(['adopted', 'adjusted', 'not_applicable'], { error: '状态应为 adopted（沿用市目标）、adjusted（调整）、not_applicable（不适用）之一' });

export const countyPlanRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/county-plans',
    {
      schema: {
        tags: TAGS,
        summary: '各区县规划报送情况（市妇儿工委办公室总览）：是否在颁布后1个月内报送、低于市目标的目标数',
        querystring: z.object({ planKind: planKind.optional() }),
      },
    },
    async (request) => countyPlanOverview(app.db, actorOf(request), { planKind: request.query.planKind as PlanKind | undefined }),
  );

  r.post(
    '/county-plans',
    {
      schema: {
        tags: TAGS,
        summary: '依据市级规划派生区县规划（复制全部目标和量化目标，再调整、标注不适用或新增）',
        body: z.object({
          regionCode: nonEmpty('区划代码', 20),
          planKind,
          title: text('规划名称', 200).optional(),
          promulgatedAt: isoDate('颁布日期').nullable().optional(),
          documentNo: text('文号', 100).nullable().optional(),
        }),
      },
    },
    async (request, reply) => {
      const view = await deriveCountyPlan(app.db, actorOf(request), { ...request.body, planKind: request.body.planKind as PlanKind });
      return reply.status(201).send(view);
    },
  );

  r.post(
    '/county-plans/import',
    {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags: TAGS,
        summary: '由规划文本导入区县规划（规划解析器），并与市级规划逐项对照',
        body: z.object({
          regionCode: nonEmpty('区划代码', 20),
          text: nonEmpty('规划文本', 2_000_000),
          fileName: text('文件名', 200).nullable().optional(),
          promulgatedAt: isoDate('颁布日期').nullable().optional(),
          documentNo: text('文号', 100).nullable().optional(),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await importCountyPlan(app.db, actorOf(request), request.body)),
  );

  r.get('/county-plans/:id', { schema: { tags: TAGS, summary: '区县规划详情：逐项目标、量化目标与市目标的对照（低于市目标者 weaker=true）', params: idParams } }, async (request) =>
    getCountyPlan(app.db, actorOf(request), request.params.id),
  );

  r.patch(
    '/county-plans/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改区县规划名称、颁布日期、文号（草稿或退回状态）',
        params: idParams,
        body: z.object({ title: text('规划名称', 200).optional(), promulgatedAt: isoDate('颁布日期').nullable().optional(), documentNo: text('文号', 100).nullable().optional() }),
      },
    },
    async (request) => updateCountyPlan(app.db, actorOf(request), request.params.id, request.body),
  );

  r.delete('/county-plans/:id', { schema: { tags: TAGS, summary: '删除从未报送的区县规划草稿', params: idParams } }, async (request, reply) => {
    await deleteCountyPlan(app.db, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  r.patch(
    '/county-plans/:id/goals/:goalId',
    {
      schema: {
        tags: TAGS,
        summary: '调整区县目标的表述，或标注不适用（须说明理由）',
        params: goalParams,
        body: z.object({ status: itemStatus.optional(), text: text('目标内容').optional(), unitsText: text('责任单位', 500).optional(), reason: text('理由', 1000).nullable().optional() }),
      },
    },
    async (request) => updateCountyGoal(app.db, actorOf(request), request.params.id, request.params.goalId, request.body),
  );

  r.post(
    '/county-plans/:id/goals',
    {
      schema: {
        tags: TAGS,
        summary: '新增区县目标',
        params: idParams,
        body: z.object({ domainOrd: positiveInt('领域序号'), text: nonEmpty('目标内容'), unitsText: text('责任单位', 500).optional(), reason: text('理由', 1000).nullable().optional() }),
      },
    },
    async (request, reply) => reply.status(201).send(await addCountyGoal(app.db, actorOf(request), request.params.id, request.body)),
  );

  r.patch(
    '/county-plans/:id/targets/:targetId',
    {
      schema: {
        tags: TAGS,
        summary: '调整区县量化目标的数值、比较方式、表述，恢复为市目标（adopted），或标注不适用（须说明理由）',
        params: targetParams,
        body: z.object({
          status: itemStatus.optional(),
          op: targetOp.nullable().optional(),
          value: z.number({ error: '目标值应为数值' }).nullable().optional(),
          text: text('目标原文').optional(),
          reason: text('理由', 1000).nullable().optional(),
        }),
      },
    },
    async (request) =>
      updateCountyTarget(app.db, actorOf(request), request.params.id, request.params.targetId, request.body as Parameters<typeof updateCountyTarget>[4]),
  );

  r.post(
    '/county-plans/:id/targets',
    {
      schema: {
        tags: TAGS,
        summary: '为区县目标新增量化目标',
        params: idParams,
        body: z.object({
          countyGoalId: positiveInt('区县目标编号'),
          indicatorName: nonEmpty('指标名称', 200),
          indicatorCode: text('指标代码', 40).nullable().optional(),
          kind: targetKind,
          op: targetOp.nullable().optional(),
          value: z.number({ error: '目标值应为数值' }).nullable().optional(),
          unit: text('单位', 20).nullable().optional(),
          direction: direction.nullable().optional(),
          text: nonEmpty('目标原文'),
          targetYear: year('目标年份').optional(),
          reason: text('理由', 1000).nullable().optional(),
        }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addCountyTarget(app.db, actorOf(request), request.params.id, request.body as Parameters<typeof addCountyTarget>[3])),
  );

  r.post(
    '/county-plans/:id/file',
    {
      schema: {
        tags: TAGS,
        summary: '向市妇儿工委办公室报送区县规划（须已登记颁布日期；报送日期默认今天，纸质报送可登记实际日期）',
        params: idParams,
        body: filingBody,
      },
    },
    async (request) => fileCountyPlan(app.db, actorOf(request), request.params.id, request.body ?? {}),
  );

  r.post(
    '/county-plans/:id/review',
    {
      schema: {
        tags: TAGS,
        summary: '市妇儿工委办公室审阅或退回区县规划（退回须说明理由）',
        params: idParams,
        body: reviewBody,
      },
    },
    async (request) => reviewCountyPlan(app.db, actorOf(request), request.params.id, { decision: request.body.decision as 'reviewed' | 'returned', note: request.body.note }),
  );
};
