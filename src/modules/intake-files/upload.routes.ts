import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import { providerDepartmentOf } from '../records/records.routes.ts';
import { XLSX_CONTENT } from './error-report.ts';
import { UploadQuery, UploadResponse } from './intake-files.api.ts';
import type { UploadService } from './upload.service.ts';
import { notAWorkbook } from './xlsx-rows.ts';

/** A filled template of some 100,000 rows; larger histories go through `xinyong import`. */
export const UPLOAD_BODY_LIMIT = 32 * 1024 * 1024;

/** What browsers and tools send for .xlsx and .csv; the format itself is read from the bytes. */
const ACCEPTED_TYPES = new Set([
  XLSX_CONTENT,
  'text/csv',
  'application/csv',
  'text/plain',
  'application/vnd.ms-excel',
  'application/octet-stream',
]);

/**
 * `POST /api/v1/records/upload?item=CODE&mode=…` with the file as the raw body (xlsx or CSV in UTF-8
 * or GB18030). Only this route's scope parses raw bodies, up to 32 MiB. The provider department is the
 * caller's (B4). Answers JSON per spreadsheet row, or the xlsx error report when asked for.
 */
export type UploadRoutesDeps = { uploads: Pick<UploadService, 'upload'> };

export function uploadRoutes({ uploads }: UploadRoutesDeps) {
  return (app: HttpApp) => {
    app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT }, (_r, body, done) =>
        done(null, body),
      );
      (scope as unknown as HttpApp).post(
        '/api/v1/records/upload',
        {
          bodyLimit: UPLOAD_BODY_LIMIT,
          schema: {
            tags: ['records'],
            summary:
              '上传报送表格 / upload a filled template (xlsx or CSV); per-row results or the xlsx error report',
            querystring: UploadQuery,
            // the raw file, documented as such (openapi.ts)
            consumes: [...ACCEPTED_TYPES],
            response: { 200: UploadResponse },
          },
          config: { access: { kind: 'permission', permission: 'records.write' } },
        },
        async (request, reply) => {
          const department = providerDepartmentOf(request.actor);
          const body = uploadedBody(request.headers['content-type'], request.body);
          const { result, report } = await uploads.upload({
            actor: request.actor,
            providerDepartment: department,
            itemCode: request.query.item,
            mode: request.query.mode,
            body,
            requestId: request.id,
          });
          const wantsReport =
            request.query.report === 'xlsx' ||
            (request.query.report === undefined && (request.headers.accept ?? '').includes(XLSX_CONTENT));
          if (!wantsReport) return result;
          const { summary } = result;
          return (
            reply
              .header('content-type', XLSX_CONTENT)
              .header(
                'content-disposition',
                `attachment; filename="${result.item.code}-report.xlsx"; filename*=UTF-8''${encodeURIComponent(`${result.item.code}-报送结果.xlsx`)}`,
              )
              .header('x-intake-summary', JSON.stringify(summary))
              .header('x-intake-batch-ids', result.batchIds.join(','))
              // A Buffer is sent as it is; the JSON schema above describes the default answer only.
              .send((await report()) as never)
          );
        },
      );
    });
  };
}

function uploadedBody(contentType: string | undefined, body: unknown): Buffer {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== '' && !ACCEPTED_TYPES.has(type)) {
    throw new AppError(
      'UPLOAD_MEDIA_TYPE_UNSUPPORTED',
      415,
      `不支持的 Content-Type：${type}；请以 ${XLSX_CONTENT} 或 text/csv 上传文件本身`,
      `Unsupported Content-Type ${type}; send the file itself as ${XLSX_CONTENT} or text/csv`,
    );
  }
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new AppError('UPLOAD_EMPTY', 400, '没有收到文件内容', 'No file content was received');
  }
  // Declared xlsx but not a zip: a damaged file, not a CSV to be guessed at.
  if (type === XLSX_CONTENT && body.subarray(0, 2).toString('latin1') !== 'PK')
    throw notAWorkbook('the file does not begin as a zip archive (PK)');
  return body;
}
