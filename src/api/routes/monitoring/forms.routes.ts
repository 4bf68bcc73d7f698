import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DisaggregationCell } from '../../../core/monitoring/data-value.types.ts';
import { parseDisaggregationKey } from '../../../core/monitoring/disaggregation.ts';
import { findDataValues, keyOfValue, valueKey } from '../../../storage/repositories/data-value.repository.ts';
import { loadReportingCatalogue } from '../../../storage/repositories/round.repository.ts';
import { formAuditTrail, valueAuditTrail } from '../../../services/monitoring/audit.service.ts';
import type { DataValueInput } from '../../../services/monitoring/data-value.contract.ts';
import { writeDataValues } from '../../../services/monitoring/data-value.service.ts';
import { getForm, listForms, loadReadableForm } from '../../../services/monitoring/form.service.ts';
import { badRequest } from '../../../services/monitoring/monitoring.errors.ts';
import { formIndicators } from '../../../services/monitoring/monitoring-context.ts';
import { approveForm, returnForm, submitForm, unlockForm } from '../../../services/monitoring/review.service.ts';
import { actorOf, requireActor } from '../../auth/guards.ts';
import { handled } from './monitoring-errors.ts';

const TAG = '年度监测';
const idParams = z.object({ id: z.coerce.number().int().positive() });
const statuses = ['draft', 'submitted', 'approved', 'returned'] as const;
const cellKey = z.string().min(1).default('_T').describe('分组键：_T 为合计，如 sex=女、area=城镇、age=0—4岁');

function cellOf(key: string): DisaggregationCell {
  try {
    return parseDisaggregationKey(key);
  } catch {
    throw badRequest(`分组键“${key}”无效：应为 _T（合计）或形如 sex=女、area=城镇、age=0—4岁`);
  }
}

const valueEntry = z.object({
  indicatorCode: z.string().min(1),
  cellKey,
  year: z.number().int().optional().describe('数据年度，默认为本轮年度（填写往年数据即为补录）'),
  value: z.number().nullable(),
  numerator: z.number().nullable().optional(),
  denominator: z.number().nullable().optional(),
  source: z.string().max(500).nullable().optional(),
  note: z.string().max(2000).nullable().optional(),
  expectedVersion: z.number().int().min(0).optional().describe('打开表格时看到的版本号（乐观锁），新单元格为 0'),
});

/** Forms: list, entry grid, draft save, submit, return, approve, unlock, audit; and the audit of one value. */
export const formRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = { preHandler: requireActor };

  r.get(
    '/forms',
    {
      ...auth,
      schema: {
        tags: [TAG],
        summary: '报表列表（仅本人可查看的）',
        querystring: z.object({
          roundId: z.coerce.number().int().positive().optional(),
          status: z.enum(statuses).optional(),
          kind: z.enum(['department', 'region']).optional(),
        }),
      },
    },
    async (request) => {
      const { roundId, status, kind } = request.query;
      return handled(() =>
        listForms(app.db, actorOf(request), {
          ...(roundId !== undefined ? { roundIds: [roundId] } : {}),
          ...(status !== undefined ? { status } : {}),
          ...(kind !== undefined ? { kind } : {}),
        }),
      );
    },
  );

  r.get('/forms/:id', { ...auth, schema: { tags: [TAG], summary: '报表填报表格（指标×分组）', params: idParams } }, async (request) =>
    handled(() => getForm(app.db, actorOf(request), request.params.id)),
  );

  r.put(
    '/forms/:id/values',
    {
      ...auth,
      schema: { tags: [TAG], summary: '保存草稿（单元格数值、分子、分母、来源、备注）', params: idParams, body: z.object({ values: z.array(valueEntry).min(1).max(5000) }) },
    },
    async (request) =>
      handled(async () => {
        const actor = actorOf(request);
        const { form, round } = await loadReadableForm(app.db, actor, request.params.id);
        const inForm = new Set(formIndicators(form, await loadReportingCatalogue(app.db)).map((i) => i.definition.code));
        const inputs: DataValueInput[] = request.body.values.map((v) => {
          if (!inForm.has(v.indicatorCode)) throw badRequest(`指标“${v.indicatorCode}”不属于本报表`);
          const cell = cellOf(v.cellKey);
          return {
            indicatorCode: v.indicatorCode,
            regionCode: form.region_code,
            year: v.year ?? round.year,
            sex: cell.sex,
            ageGroup: cell.ageGroup,
            area: cell.area,
            value: v.value,
            numerator: v.numerator ?? null,
            denominator: v.denominator ?? null,
            ...(v.source !== undefined ? { source: v.source } : {}),
            ...(v.note !== undefined ? { note: v.note } : {}),
            ...(v.expectedVersion !== undefined ? { expectedVersion: v.expectedVersion } : {}),
          };
        });
        const result = await writeDataValues(app.db, actor, inputs, { origin: 'form', status: 'draft' });
        // The versions now stored, so that the grid can keep saving without reloading.
        const stored = await findDataValues(app.db, {
          regionCodes: [form.region_code],
          years: [...new Set(inputs.map((i) => i.year))],
          indicatorCodes: [...new Set(inputs.map((i) => i.indicatorCode))],
        });
        const byKey = new Map(stored.map((v) => [keyOfValue(v), v] as const));
        const values = inputs.map((input, i) => {
          const cellKey = request.body.values[i]?.cellKey ?? '_T';
          const v = byKey.get(valueKey(input.indicatorCode, input.regionCode, input.year, cellKey));
          return { indicatorCode: input.indicatorCode, year: input.year, cellKey, version: v?.version ?? 0, status: v?.status ?? null };
        });
        return { ...result, values };
      }),
  );

  r.post('/forms/:id/submit', { ...auth, schema: { tags: [TAG], summary: '提交报表（含退回后重新提交）', params: idParams } }, async (request) =>
    handled(() => submitForm(app.db, actorOf(request), request.params.id)),
  );

  r.post(
    '/forms/:id/return',
    {
      ...auth,
      schema: {
        tags: [TAG],
        summary: '退回报表（审核员：针对整表或具体数据的意见）',
        params: idParams,
        body: z.object({
          comment: z.string().max(2000).optional(),
          values: z.array(z.object({ indicatorCode: z.string().min(1), cellKey, year: z.number().int().optional(), comment: z.string().min(1).max(2000) })).optional(),
        }),
      },
    },
    async (request) => handled(() => returnForm(app.db, actorOf(request), request.params.id, request.body)),
  );

  r.post('/forms/:id/approve', { ...auth, schema: { tags: [TAG], summary: '审核通过（锁定数据）', params: idParams } }, async (request) =>
    handled(() => approveForm(app.db, actorOf(request), request.params.id)),
  );

  r.post(
    '/forms/:id/unlock',
    {
      ...auth,
      schema: {
        tags: [TAG],
        summary: '解锁已审核通过的数据（统计局、管理员；须说明原因）',
        params: idParams,
        body: z.object({
          reason: z.string().max(2000),
          values: z.array(z.object({ indicatorCode: z.string().min(1), cellKey, year: z.number().int().optional() })).optional(),
        }),
      },
    },
    async (request) => handled(() => unlockForm(app.db, actorOf(request), request.params.id, request.body)),
  );

  r.get('/forms/:id/audit', { ...auth, schema: { tags: [TAG], summary: '报表的审计日志', params: idParams } }, async (request) =>
    handled(() => formAuditTrail(app.db, actorOf(request), request.params.id)),
  );

  r.get(
    '/data-values/audit',
    {
      ...auth,
      schema: {
        tags: [TAG],
        summary: '单个数据的审计日志',
        querystring: z.object({
          indicator: z.string().min(1),
          region: z.string().min(1),
          year: z.coerce.number().int(),
          cell: z.string().min(1).default('_T'),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      return handled(() => valueAuditTrail(app.db, actorOf(request), { indicatorCode: q.indicator, regionCode: q.region, year: q.year, cellKey: q.cell }));
    },
  );
};
