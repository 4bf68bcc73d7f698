import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { responsibilityDocx, responsibilityXlsx } from '../../../services/responsibility/responsibility-export.service.ts';
import { buildResponsibilityList, goalResponsibility, listResponsibilities } from '../../../services/responsibility/responsibility-list.service.ts';
import { actorOf } from '../../auth/guards.ts';
import { DOCX_MIME, sendDownload, XLSX_MIME } from '../download.ts';
import { goalRef, idParams, text } from './schemas.ts';

const TAGS = ['责任落实'];

export const responsibilityListRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/responsibilities', { schema: { tags: TAGS, summary: '责任清单索引：规划列明的每个单位及其牵头、参与目标数，待办任务、预警数' } }, async () =>
    listResponsibilities(app.db),
  );

  r.get(
    '/responsibilities/:department',
    {
      schema: {
        tags: TAGS,
        summary: '单位的责任清单（JSON）；以 .xlsx 或 .docx 结尾时导出 Excel 或 Word 文件',
        params: z.object({ department: text('单位', 120).describe('单位编号、全称或简称，可加 .json/.xlsx/.docx 后缀，如 市卫健委.docx') }),
      },
    },
    async (request, reply) => {
      const match = /^(.*?)(?:\.(json|xlsx|docx))?$/.exec(request.params.department);
      const key = match?.[1] ?? request.params.department;
      const format = match?.[2] ?? 'json';
      const list = await buildResponsibilityList(app.db, actorOf(request), key);
      if (format === 'json') return list;
      const stamp = list.generatedAt.slice(0, 10);
      const file = format === 'xlsx' ? { mime: XLSX_MIME, bytes: await responsibilityXlsx(list) } : { mime: DOCX_MIME, bytes: await responsibilityDocx(list) };
      return sendDownload(reply, { ...file, fileName: `${list.department}责任清单-${stamp}.${format}` }, `responsibilities-${list.departmentId}.${format}`);
    },
  );

  r.get(
    '/responsibilities/goals/:plan/:domain/:goal',
    {
      schema: {
        tags: TAGS,
        summary: '一项主要目标的责任分工：牵头、责任单位及各自报送情况（实施方案、年度报告）',
        params: z.object({ plan: goalRef.shape.plan, domain: z.coerce.number().int().positive(), goal: z.coerce.number().int().positive() }),
      },
    },
    async (request) => goalResponsibility(app.db, { plan: request.params.plan as 'women' | 'children', domain: request.params.domain, goal: request.params.goal }),
  );

  r.get('/goals/:id/responsibility', { schema: { tags: TAGS, summary: '按目标编号查看责任分工与报送情况', params: idParams } }, async (request) =>
    goalResponsibility(app.db, { goalId: request.params.id }),
  );
};
