import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { annualReportDocx } from '../../../services/reports/annual-report.docx.ts';
import { buildAnnualReport } from '../../../services/reports/annual-report.service.ts';
import { buildCompendium, compendiumXlsx } from '../../../services/reports/compendium.service.ts';
import { evaluationReportDocx } from '../../../services/reports/evaluation-report.docx.ts';
import { buildEvaluationReport } from '../../../services/reports/evaluation-report.service.ts';
import {
  approveReport,
  commentReport,
  createReport,
  getPublishedReport,
  getReport,
  listPublishedReports,
  listStoredReports,
  publishReport,
  publishedReportFile,
  regenerateReport,
  reportFile,
  returnReport,
  submitReport,
  updateReportSections,
  type ReportFile,
} from '../../../services/reports/report-publication.service.ts';
import { actorOf, requireActor } from '../../auth/guards.ts';
import { asciiName, DOCX_MIME, sendDownload, XLSX_MIME } from '../download.ts';
import { mapEvaluationErrors } from '../evaluation/evaluation-errors.ts';

const TAGS = ['报告'];
const PUBLIC_TAGS = ['公开发布'];
const year = z.coerce.number().int().min(1990).max(2100);
const plan = z.enum(['women', 'children', 'all']);
const idParams = z.object({ id: z.coerce.number().int().positive() });
const annualQuery = z.object({ year, plan: plan.default('all'), region: z.string().max(20).optional() });
const evaluationQuery = z.object({ kind: z.enum(['midterm', 'final']), year, plan: plan.default('all'), region: z.string().max(20).optional() });

/** attachment; filename="report.docx"; filename*=UTF-8''淄博市…: an ASCII fallback and the Chinese name. */
const sendFile = (reply: FastifyReply, file: ReportFile): FastifyReply => sendDownload(reply, file, asciiName('report', file.fileName));

/**
 * /api/reports: the annual statistical monitoring report (JSON for the web page, .docx), the compendium (.xlsx),
 * and stored reports through review to publication. /api/public/reports: published reports, without login.
 */
export const reportRoutes: FastifyPluginAsync = async (app) => {
  mapEvaluationErrors(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/reports/annual', { preHandler: requireActor, schema: { tags: TAGS, summary: '年度统计监测报告（结构化内容，网页显示）', querystring: annualQuery } }, async (request) =>
    buildAnnualReport(app.db, { year: request.query.year, plan: request.query.plan, ...(request.query.region ? { regionCode: request.query.region } : {}) }),
  );

  r.get('/reports/annual.docx', { preHandler: requireActor, schema: { tags: TAGS, summary: '年度统计监测报告（Word）', querystring: annualQuery } }, async (request, reply) => {
    const report = await buildAnnualReport(app.db, { year: request.query.year, plan: request.query.plan, ...(request.query.region ? { regionCode: request.query.region } : {}) });
    return sendFile(reply, { fileName: `${report.title}.docx`, mime: DOCX_MIME, bytes: await annualReportDocx(report) });
  });

  r.get(
    '/reports/evaluation',
    { preHandler: requireActor, schema: { tags: TAGS, summary: '中期/终期评估报告（结构化内容，网页预览）', querystring: evaluationQuery } },
    async (request) =>
      buildEvaluationReport(app.db, { kind: request.query.kind, year: request.query.year, plan: request.query.plan, ...(request.query.region ? { regionCode: request.query.region } : {}) }),
  );

  r.get('/reports/evaluation.docx', { preHandler: requireActor, schema: { tags: TAGS, summary: '中期/终期评估报告（Word，问题和建议部分待撰写）', querystring: evaluationQuery } }, async (request, reply) => {
    const report = await buildEvaluationReport(app.db, { kind: request.query.kind, year: request.query.year, plan: request.query.plan, ...(request.query.region ? { regionCode: request.query.region } : {}) });
    return sendFile(reply, { fileName: `${report.title}.docx`, mime: DOCX_MIME, bytes: await evaluationReportDocx(report) });
  });

  r.get(
    '/reports/compendium.xlsx',
    { preHandler: requireActor, schema: { tags: TAGS, summary: '年度妇女儿童统计资料（Excel）', querystring: z.object({ year, from: year.optional(), plan: plan.default('all') }) } },
    async (request, reply) => {
      const c = await buildCompendium(app.db, { year: request.query.year, plan: request.query.plan, ...(request.query.from ? { fromYear: request.query.from } : {}) });
      return sendFile(reply, { fileName: `${c.title}.xlsx`, mime: XLSX_MIME, bytes: await compendiumXlsx(c) });
    },
  );

  r.get(
    '/reports',
    { preHandler: requireActor, schema: { tags: TAGS, summary: '已生成的报告及其版本', querystring: z.object({ status: z.enum(['draft', 'under_review', 'approved', 'published']).optional() }) } },
    async (request) => listStoredReports(app.db, actorOf(request), request.query.status ? { status: request.query.status } : {}),
  );

  r.post(
    '/reports',
    {
      preHandler: requireActor,
      schema: {
        tags: TAGS,
        summary: '生成报告草稿（已发布报告的更正：新版本，须说明更正原因）',
        body: z.object({ kind: z.enum(['annual', 'compendium', 'midterm', 'final']), year, plan: plan.optional(), region: z.string().max(20).optional(), correctionNote: z.string().max(2000).optional() }),
      },
    },
    async (request, reply) => {
      const b = request.body;
      const created = await createReport(app.db, actorOf(request), {
        kind: b.kind,
        year: b.year,
        ...(b.plan ? { plan: b.plan } : {}),
        ...(b.region ? { regionCode: b.region } : {}),
        ...(b.correctionNote ? { correctionNote: b.correctionNote } : {}),
      });
      return reply.code(201).send(created);
    },
  );

  r.get('/reports/:id', { preHandler: requireActor, schema: { tags: TAGS, summary: '报告详情：内容、审核意见、版本', params: idParams } }, async (request) => getReport(app.db, actorOf(request), request.params.id));
  r.get('/reports/:id/file', { preHandler: requireActor, schema: { tags: TAGS, summary: '报告文件', params: idParams } }, async (request, reply) =>
    sendFile(reply, await reportFile(app.db, actorOf(request), request.params.id)),
  );
  r.put(
    '/reports/:id/sections',
    { preHandler: requireActor, schema: { tags: TAGS, summary: '编辑报告的文字部分（问题、建议等；仅草稿）', params: idParams, body: z.object({ sections: z.record(z.string().max(50), z.string().max(20000)) }) } },
    async (request) => updateReportSections(app.db, actorOf(request), request.params.id, request.body.sections),
  );
  r.post('/reports/:id/regenerate', { preHandler: requireActor, schema: { tags: TAGS, summary: '按当前数据重新生成草稿', params: idParams } }, async (request) =>
    regenerateReport(app.db, actorOf(request), request.params.id),
  );
  r.post('/reports/:id/submit', { preHandler: requireActor, schema: { tags: TAGS, summary: '提交协调组审核', params: idParams } }, async (request) =>
    submitReport(app.db, actorOf(request), request.params.id),
  );
  const textBody = z.object({ text: z.string().min(1).max(4000) });
  r.post('/reports/:id/comments', { preHandler: requireActor, schema: { tags: TAGS, summary: '审核意见（协调组）', params: idParams, body: textBody } }, async (request) =>
    commentReport(app.db, actorOf(request), request.params.id, request.body.text),
  );
  r.post('/reports/:id/return', { preHandler: requireActor, schema: { tags: TAGS, summary: '退回修改（说明理由）', params: idParams, body: textBody } }, async (request) =>
    returnReport(app.db, actorOf(request), request.params.id, request.body.text),
  );
  r.post('/reports/:id/approve', { preHandler: requireActor, schema: { tags: TAGS, summary: '审定', params: idParams } }, async (request) =>
    approveReport(app.db, actorOf(request), request.params.id),
  );
  r.post('/reports/:id/publish', { preHandler: requireActor, schema: { tags: TAGS, summary: '发布（发布后不可修改）', params: idParams } }, async (request) =>
    publishReport(app.db, actorOf(request), request.params.id),
  );

  r.get('/public/reports', { config: { public: true }, schema: { tags: PUBLIC_TAGS, summary: '已发布的报告（无需登录）' } }, async () => listPublishedReports(app.db));
  r.get('/public/reports/:id', { config: { public: true }, schema: { tags: PUBLIC_TAGS, summary: '已发布报告的内容和数据表（无需登录）', params: idParams } }, async (request) =>
    getPublishedReport(app.db, request.params.id),
  );
  r.get('/public/reports/:id/file', { config: { public: true }, schema: { tags: PUBLIC_TAGS, summary: '已发布报告的文件（无需登录）', params: idParams } }, async (request, reply) =>
    sendFile(reply, await publishedReportFile(app.db, request.params.id)),
  );
};
