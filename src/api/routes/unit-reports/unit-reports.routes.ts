import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ResponsibilityError } from '../../../services/responsibility/responsibility.errors.ts';
import { exportUnitReportDocx, type UnitReportExport } from '../../../services/unit-reports/unit-report-export.service.ts';
import { getPublishedUnitReport, listPublishedUnitReports } from '../../../services/unit-reports/unit-report-public.service.ts';
import { listRounds, openRound, roundOverview } from '../../../services/unit-reports/unit-report-round.service.ts';
import { changeUnitReportDeadline } from '../../../services/unit-reports/unit-report-deadline.service.ts';
import {
  addAttachment,
  approveUnitReport,
  attachmentFile,
  commentUnitReport,
  correctUnitReport,
  getUnitReport,
  listUnitReports,
  publishUnitReport,
  removeAttachment,
  returnUnitReport,
  saveUnitReport,
  submitUnitReport,
  type AttachmentFile,
} from '../../../services/unit-reports/unit-report.service.ts';
import { actorOf, requireActor } from '../../auth/guards.ts';
import { HttpError } from '../../plugins/errors.ts';
import { asciiName, DOCX_MIME, sendDownload } from '../download.ts';
import { deadlineBody, deadlineInput } from '../deadline-body.ts';

const TAGS = ['部门和区县报告'];
const PUBLIC_TAGS = ['公开发布'];
const year = z.coerce.number().int().min(2000).max(2100);
const kind = z.enum(['annual', 'midterm', 'final']);
const status = z.enum(['draft', 'submitted', 'returned', 'resubmitted', 'approved', 'published']);
const progress = z.enum(['achieved', 'mostly_achieved', 'in_progress', 'lagging']);
const idParams = z.object({ id: z.coerce.number().int().positive() });
const text = z.string().max(20000);
const commentBody = z.object({ text: z.string().min(1, '意见不能为空').max(4000) });

function mapErrors(app: FastifyInstance): void {
  app.setErrorHandler((err, _request, _reply) => {
    if (err instanceof ResponsibilityError) throw new HttpError(err.status, err.code, err.message, err.details);
    throw err;
  });
}

const sendFile = (reply: FastifyReply, file: AttachmentFile): FastifyReply => sendDownload(reply, file, asciiName('attachment', file.fileName));

const sendDocx = (reply: FastifyReply, exported: UnitReportExport): FastifyReply =>
  sendDownload(reply, { fileName: exported.fileName, mime: DOCX_MIME, bytes: exported.bytes }, `unit-report-${exported.report.id}.docx`);

/**
 * /api/unit-reports: departments' and counties' reports to the city office (annual implementation reports,
 * mid-term/final self-evaluations): rounds, the office's overview, each report's form, review and publication.
 * /api/public/unit-reports: published reports without login. Access is decided by the services.
 */
export const unitReportRoutes: FastifyPluginAsync = async (app) => {
  mapErrors(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/unit-reports/rounds', { preHandler: requireActor, schema: { tags: TAGS, summary: '报告轮次', querystring: z.object({ year: year.optional() }) } }, async (request) =>
    listRounds(app.db, actorOf(request), request.query.year === undefined ? {} : { year: request.query.year }),
  );
  r.post(
    '/unit-reports/rounds',
    {
      preHandler: requireActor,
      schema: {
        tags: TAGS,
        summary: '发起报告轮次（为各责任部门和区县生成报告及截止任务；仅办公室）',
        body: z.object({ year, kind, dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '截止日期应为 YYYY-MM-DD'), note: z.string().max(2000).optional(), includeCounties: z.boolean().optional() }),
      },
    },
    async (request, reply) => {
      const b = request.body;
      const created = await openRound(app.db, actorOf(request), { year: b.year, kind: b.kind, dueDate: b.dueDate, ...(b.note ? { note: b.note } : {}), ...(b.includeCounties === false ? { includeCounties: false } : {}) });
      return reply.code(201).send(created);
    },
  );
  r.get('/unit-reports/rounds/:id', { preHandler: requireActor, schema: { tags: TAGS, summary: '轮次总览：各单位报送状态、报送时间、逾期', params: idParams } }, async (request) =>
    roundOverview(app.db, actorOf(request), request.params.id),
  );
  r.post(
    '/unit-reports/rounds/:id/deadline',
    {
      preHandler: requireActor,
      schema: {
        tags: TAGS,
        summary: '调整截止日期：整轮统一调整，或为某一部门/区县延期（须说明理由；仅办公室）',
        params: idParams,
        body: deadlineBody,
      },
    },
    async (request) => changeUnitReportDeadline(app.db, actorOf(request), request.params.id, deadlineInput(request.body)),
  );
  r.get('/unit-reports/overview', { preHandler: requireActor, schema: { tags: TAGS, summary: '按年度和类型的轮次总览', querystring: z.object({ year, kind: kind.default('annual') }) } }, async (request) =>
    roundOverview(app.db, actorOf(request), { year: request.query.year, kind: request.query.kind }),
  );

  r.get(
    '/unit-reports',
    {
      preHandler: requireActor,
      schema: { tags: TAGS, summary: '报告列表（部门和区县用户：本单位的）', querystring: z.object({ year: year.optional(), kind: kind.optional(), status: status.optional(), allVersions: z.enum(['true', 'false']).optional() }) },
    },
    async (request) => {
      const q = request.query;
      return listUnitReports(app.db, actorOf(request), { ...(q.year ? { year: q.year } : {}), ...(q.kind ? { kind: q.kind } : {}), ...(q.status ? { status: [q.status] } : {}), allVersions: q.allVersions === 'true' });
    },
  );
  r.get('/unit-reports/:id.docx', { preHandler: requireActor, schema: { tags: TAGS, summary: '报告导出为 Word（与查看报告的权限相同）', params: idParams } }, async (request, reply) =>
    sendDocx(reply, await exportUnitReportDocx(app.db, actorOf(request), request.params.id)),
  );
  r.get('/unit-reports/:id', { preHandler: requireActor, schema: { tags: TAGS, summary: '报告详情：目标条目、意见、附件、版本、修改记录', params: idParams } }, async (request) =>
    getUnitReport(app.db, actorOf(request), request.params.id),
  );
  r.put(
    '/unit-reports/:id',
    {
      preHandler: requireActor,
      schema: {
        tags: TAGS,
        summary: '保存草稿（仅本单位；草稿或已退回时）',
        params: idParams,
        body: z.object({
          overview: text.optional(),
          problems: text.optional(),
          nextPlan: text.optional(),
          items: z.array(z.object({ id: z.number().int().positive(), progress: progress.nullable().optional(), done: text.optional(), problems: text.optional(), nextPlan: text.optional() })).max(500).optional(),
        }),
      },
    },
    async (request) => {
      const b = request.body;
      return saveUnitReport(app.db, actorOf(request), request.params.id, {
        ...(b.overview !== undefined ? { overview: b.overview } : {}),
        ...(b.problems !== undefined ? { problems: b.problems } : {}),
        ...(b.nextPlan !== undefined ? { nextPlan: b.nextPlan } : {}),
        ...(b.items !== undefined
          ? {
              items: b.items.map((i) => ({
                id: i.id,
                ...(i.progress !== undefined ? { progress: i.progress } : {}),
                ...(i.done !== undefined ? { done: i.done } : {}),
                ...(i.problems !== undefined ? { problems: i.problems } : {}),
                ...(i.nextPlan !== undefined ? { nextPlan: i.nextPlan } : {}),
              })),
            }
          : {}),
      });
    },
  );
  r.post('/unit-reports/:id/submit', { preHandler: requireActor, schema: { tags: TAGS, summary: '提交（退回后为重新提交）', params: idParams } }, async (request) =>
    submitUnitReport(app.db, actorOf(request), request.params.id),
  );
  r.post('/unit-reports/:id/return', { preHandler: requireActor, schema: { tags: TAGS, summary: '退回修改（须填写意见；仅办公室）', params: idParams, body: commentBody } }, async (request) =>
    returnUnitReport(app.db, actorOf(request), request.params.id, request.body.text),
  );
  r.post('/unit-reports/:id/comments', { preHandler: requireActor, schema: { tags: TAGS, summary: '审核意见（办公室、协调组）', params: idParams, body: commentBody } }, async (request) =>
    commentUnitReport(app.db, actorOf(request), request.params.id, request.body.text),
  );
  r.post('/unit-reports/:id/approve', { preHandler: requireActor, schema: { tags: TAGS, summary: '审定（仅办公室）', params: idParams } }, async (request) =>
    approveUnitReport(app.db, actorOf(request), request.params.id),
  );
  r.post('/unit-reports/:id/publish', { preHandler: requireActor, schema: { tags: TAGS, summary: '发布（发布后不可修改；仅办公室）', params: idParams } }, async (request) =>
    publishUnitReport(app.db, actorOf(request), request.params.id),
  );
  r.post(
    '/unit-reports/:id/corrections',
    { preHandler: requireActor, schema: { tags: TAGS, summary: '更正已发布的报告：创建新版本（须说明原因）', params: idParams, body: z.object({ note: z.string().min(1, '更正须说明原因').max(2000) }) } },
    async (request, reply) => reply.code(201).send(await correctUnitReport(app.db, actorOf(request), request.params.id, request.body.note)),
  );
  r.post(
    '/unit-reports/:id/attachments',
    {
      preHandler: requireActor,
      // Attachments travel as base64 in JSON: room for a 10 MB file.
      bodyLimit: 15 * 1024 * 1024,
      schema: {
        tags: TAGS,
        summary: '上传附件（base64，单个不超过10 MB）',
        params: idParams,
        body: z.object({ fileName: z.string().min(1).max(200), mime: z.string().max(200).optional(), data: z.string().min(1, '附件为空文件') }),
      },
    },
    async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(await addAttachment(app.db, actorOf(request), request.params.id, { fileName: b.fileName, data: b.data, ...(b.mime ? { mime: b.mime } : {}) }));
    },
  );
  const attachmentParams = z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });
  r.get('/unit-reports/:id/attachments/:attachmentId', { preHandler: requireActor, schema: { tags: TAGS, summary: '下载附件', params: attachmentParams } }, async (request, reply) =>
    sendFile(reply, await attachmentFile(app.db, actorOf(request), request.params.id, request.params.attachmentId)),
  );
  r.delete('/unit-reports/:id/attachments/:attachmentId', { preHandler: requireActor, schema: { tags: TAGS, summary: '删除附件', params: attachmentParams } }, async (request) =>
    removeAttachment(app.db, actorOf(request), request.params.id, request.params.attachmentId),
  );

  r.get('/public/unit-reports', { config: { public: true }, schema: { tags: PUBLIC_TAGS, summary: '已发布的部门和区县报告（无需登录）', querystring: z.object({ year: year.optional() }) } }, async (request) =>
    listPublishedUnitReports(app.db, request.query.year === undefined ? {} : { year: request.query.year }),
  );
  r.get('/public/unit-reports/:id.docx', { config: { public: true }, schema: { tags: PUBLIC_TAGS, summary: '已发布的部门或区县报告（Word，无需登录）', params: idParams } }, async (request, reply) =>
    sendDocx(reply, await exportUnitReportDocx(app.db, null, request.params.id)),
  );
  r.get('/public/unit-reports/:id', { config: { public: true }, schema: { tags: PUBLIC_TAGS, summary: '已发布的部门或区县报告（无需登录）', params: idParams } }, async (request) =>
    getPublishedUnitReport(app.db, request.params.id),
  );
  r.get('/public/unit-reports/:id/attachments/:attachmentId', { config: { public: true }, schema: { tags: PUBLIC_TAGS, summary: '已发布报告的附件（无需登录）', params: attachmentParams } }, async (request, reply) =>
    sendFile(reply, await attachmentFile(app.db, null, request.params.id, request.params.attachmentId)),
  );
};
