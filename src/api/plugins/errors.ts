import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError } from '../contract.ts';

/** An error a route throws on purpose: its Chinese message goes to the user as is. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what}不存在`);

/** Every failure leaves the server as `ApiError`: a code for programs, a Chinese message for people. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    let body: ApiError;
    let status: number;
    if (err instanceof HttpError) {
      status = err.statusCode;
      body = { error: err.code, message: err.message, details: err.details };
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      const issues = err.validation.map((v) => ({ field: `${err.validationContext ?? ''}${v.instancePath}`, message: v.message }));
      body = {
        error: 'bad_request',
        message: `请求参数有误：${issues.map((i) => `${i.field || '请求'} ${i.message ?? ''}`.trim()).join('；')}`,
        details: issues,
      };
    } else if (typeof err.statusCode === 'number' && err.statusCode < 500) {
      status = err.statusCode;
      body = { error: err.code ?? 'bad_request', message: `请求无法处理：${err.message}` };
    } else {
      status = 500;
      request.log.error(err);
      body = { error: 'internal', message: '服务器内部错误，请稍后重试或联系管理员' };
    }
    void reply.status(status).send(body);
  });
}

/** JSON 404 for unknown routes (when no web front end takes over the fallback). */
export function registerApiNotFound(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    const body: ApiError = { error: 'not_found', message: `接口不存在：${request.method} ${request.url}` };
    void reply.status(404).send(body);
  });
}
