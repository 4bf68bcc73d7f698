/**
 * HTTP routes of the Excel and CSV exchange, a Fastify plugin to register under /api after the auth plugin
 * (registerAuth), e.g. `await app.register(exchangeRoutes, { prefix: '/api' })`:
 *
 *   GET  /api/forms/:id/template.xlsx           the form's template (the actor must be able to read the form)
 *   POST /api/forms/:id/upload                  the filled template as the raw request body
 *        Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (or application/octet-stream),
 *        optional header X-File-Name (URL-encoded) for messages; saved as the form's draft, all or nothing;
 *        400 { error: 'file_rejected', message, details: { total, issues: [{ location, message, text }] } }
 *   GET  /api/data/export?year=2024&format=csv|sdmx&status=approved[,submitted…|all]
 *
 * Raw body rather than multipart: no extra dependency, and the browser sends a File with fetch as it is.
 */
import type { FastifyError, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from '../../plugins/errors.ts';
import { actorOf, requireActor } from '../../auth/guards.ts';
import { attachmentDisposition, XLSX_MIME } from '../download.ts';
import { toHttpError } from '../monitoring/monitoring-errors.ts';
import type { DataValueStatus } from '../../../core/monitoring/data-value.types.ts';
import { VALUE_STATUSES, exportDataValues } from '../../../services/exchange/data-export.service.ts';
import { ExchangeError, formatIssue } from '../../../services/exchange/exchange-error.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../../services/exchange/xlsx-layout.ts';
import { buildFormTemplateFile, uploadFormWorkbook } from '../../../services/exchange/xlsx-form.service.ts';

const TAG = '数据交换';
export const XLSX_TYPE = XLSX_MIME;

export interface ExchangeRoutesOptions {
  /** Largest upload accepted (default 10 MB); larger ones are refused by their Content-Length, unread. */
  maxUploadBytes?: number;
}

const idParams = z.object({ id: z.coerce.number().int().positive() });

/** `attachment` with the UTF-8 name (RFC 6266/5987) and an ASCII fallback. */
function attachment(reply: FastifyReply, fileName: string, contentType: string): FastifyReply {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', contentType)
    .header('content-disposition', attachmentDisposition(fileName, ascii))
    .header('cache-control', 'no-store');
}

function tooLarge(bytes: number | null, limit: number): HttpError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  const size = bytes === null ? '' : `文件大小为${mb(bytes)}，`;
  const message = `${size}超过上限${mb(limit)}；请上传从系统下载的模板（通常不到1 MB）`;
  return new HttpError(413, 'file_too_large', `文件未导入：${message}`, { total: 1, issues: [{ location: null, message, text: message }] });
}

function rejected(err: ExchangeError): HttpError {
  return new HttpError(400, 'file_rejected', err.summary, {
    total: err.total,
    issues: err.issues.map((i) => ({ location: i.location, message: i.message, text: formatIssue(i) })),
  });
}

function translate(err: unknown): unknown {
  return err instanceof ExchangeError ? rejected(err) : toHttpError(err);
}

export const exchangeRoutes: FastifyPluginAsync<ExchangeRoutesOptions> = async (app, options) => {
  const limit = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Scoped to this plugin: the upload's body is the file itself.
  app.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: limit + 1 }, (_request, body, done) => done(null, body));

  r.get(
    '/forms/:id/template.xlsx',
    { preHandler: requireActor, schema: { tags: [TAG], summary: '下载报表的 Excel 填报模板', params: idParams } },
    async (request, reply) => {
      try {
        const { buffer, fileName } = await buildFormTemplateFile(app.db, request.params.id, { actor: actorOf(request) });
        return attachment(reply, fileName, XLSX_TYPE).send(buffer);
      } catch (err) {
        throw translate(err);
      }
    },
  );

  r.post(
    '/forms/:id/upload',
    {
      preHandler: requireActor,
      bodyLimit: limit + 1,
      schema: {
        tags: [TAG],
        summary: '上传填好的 Excel 模板（请求体即文件），保存为报表草稿：整个文件全部导入或全部不导入',
        params: idParams,
      },
      // Refused by its declared size before the body is read.
      onRequest: async (request) => {
        const declared = Number(request.headers['content-length']);
        if (Number.isFinite(declared) && declared > limit) throw tooLarge(declared, limit);
      },
      errorHandler: (error: FastifyError) => {
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw tooLarge(null, limit);
        if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_EMPTY_TYPE') {
          throw new HttpError(415, 'unsupported_media_type', `请以 ${XLSX_TYPE} 上传 .xlsx 文件本身（请求体即文件）`);
        }
        throw error;
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'bad_request', '请求体应为 .xlsx 文件本身，且不能为空');
      const rawName = request.headers['x-file-name'];
      let file: string | undefined;
      if (typeof rawName === 'string' && rawName !== '') {
        try {
          file = decodeURIComponent(rawName);
        } catch {
          file = rawName;
        }
      }
      try {
        const result = await uploadFormWorkbook(app.db, actorOf(request), request.params.id, body, {
          maxBytes: limit,
          ...(file === undefined ? {} : { file }),
        });
        return result;
      } catch (err) {
        throw translate(err);
      }
    },
  );

  r.get(
    '/data/export',
    {
      preHandler: requireActor,
      schema: {
        tags: [TAG],
        summary: '导出一个年度的监测数据（项目 CSV 或 SDMX-CSV 2.0），仅含本人可查看的数据',
        querystring: z.object({
          year: z.coerce.number().int().min(1949).max(2100),
          format: z.enum(['csv', 'sdmx']).default('csv'),
          status: z.string().default('approved').describe('approved（默认）、submitted、draft、returned，逗号分隔，或 all'),
        }),
      },
    },
    async (request, reply) => {
      const { year, format, status } = request.query;
      const statuses = status === 'all' ? [...VALUE_STATUSES] : status.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const unknown = statuses.filter((s) => !(VALUE_STATUSES as readonly string[]).includes(s));
      if (statuses.length === 0 || unknown.length > 0) {
        throw new HttpError(400, 'bad_request', `status“${unknown.join(',') || status}”无效：应为 ${VALUE_STATUSES.join('、')}，逗号分隔，或 all`);
      }
      try {
        const out = await exportDataValues(app.db, actorOf(request), { year, format, statuses: statuses as DataValueStatus[] });
        return attachment(reply, out.fileName, out.contentType).header('x-value-count', String(out.count)).send(out.text);
      } catch (err) {
        throw translate(err);
      }
    },
  );
};
