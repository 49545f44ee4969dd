import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * The one place that turns failures into the platform's error body
 * `{ error: { code, message, message_en, details } }` (STYLE §5). Known request problems get a stable
 * 4xx code; anything unexpected becomes INTERNAL_ERROR with nothing leaked but a request id.
 */
export type ErrorBody = {
  error: { code: string; message: string; message_en?: string; details?: Record<string, unknown> };
};

const zhLocale = z.locales.zhCN().localeError;

type ValidationIssue = {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
};

function describeIssues(part: string, issues: ValidationIssue[]) {
  return issues.flatMap((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    // A strict schema's unknown properties: one issue each, its field the property itself.
    const unknown =
      issue.keyword === 'unrecognized_keys' ? (issue.params?.keys as string[] | undefined) : undefined;
    if (unknown && unknown.length > 0) {
      return unknown.map((key) => ({
        in: part,
        field: path ? `${path}.${key}` : key,
        message: '未知字段：请删除或检查拼写',
        message_en: 'unknown property: remove it or check its spelling',
      }));
    }
    const field = path || part;
    const zh = zhLocale({ code: issue.keyword, ...(issue.params ?? {}) } as never);
    const zhMessage = typeof zh === 'string' ? zh : (zh?.message ?? issue.message ?? '');
    return { in: part, field, message: zhMessage, message_en: issue.message ?? '' };
  });
}

function body(error: AppError): ErrorBody {
  return { error: error.toJSON() };
}

/** Maps fastify's own client errors (body parsing, limits, media type) to stable codes. */
const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; code: string; zh: string; en: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    zh: '请求体超过大小限制，请分批提交',
    en: 'The request body exceeds the size limit; submit it in smaller batches',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'MEDIA_TYPE_UNSUPPORTED',
    zh: '不支持的 Content-Type，请使用 application/json',
    en: 'Unsupported Content-Type; send application/json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'REQUEST_JSON_INVALID',
    zh: 'Content-Type 为 application/json 但请求体为空',
    en: 'Content-Type is application/json but the body is empty',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'REQUEST_JSON_INVALID',
    zh: '请求体不是合法的 JSON',
    en: 'The request body is not valid JSON',
  },
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, error.messageEn);
      return reply.status(error.status).send(body(error));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = (error as FastifyError).validationContext ?? 'body';
      const issues = describeIssues(part, (error as { validation: ValidationIssue[] }).validation);
      const first = issues[0]!;
      return reply
        .status(400)
        .send(
          body(
            new AppError(
              'REQUEST_INVALID',
              400,
              `请求参数不正确：${first.field}：${first.message}`,
              `Invalid request: ${first.field}: ${first.message_en}`,
              { issues },
            ),
          ),
        );
    }
    const fastifyError = error as FastifyError;
    const known = fastifyError.code ? FASTIFY_CLIENT_ERRORS[fastifyError.code] : undefined;
    if (known) {
      return reply
        .status(known.status)
        .send(body(new AppError(known.code, known.status, known.zh, known.en)));
    }
    if (!isResponseSerializationError(error) && fastifyError.statusCode && fastifyError.statusCode < 500) {
      return reply
        .status(fastifyError.statusCode)
        .send(
          body(
            new AppError(
              'REQUEST_REJECTED',
              fastifyError.statusCode,
              `请求被拒绝：${error.message}`,
              error.message,
            ),
          ),
        );
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send(
      body(
        new AppError(
          'INTERNAL_ERROR',
          500,
          '服务器内部错误，请稍后重试或联系信用中心',
          'Internal error; retry later or contact the credit center',
          {
            requestId: request.id,
          },
        ),
      ),
    );
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send(
        body(
          new AppError(
            'ROUTE_NOT_FOUND',
            404,
            `没有这个接口：${request.method} ${request.url}`,
            `No such endpoint: ${request.method} ${request.url}`,
          ),
        ),
      );
  });
}
