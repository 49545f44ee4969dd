import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import { type Actor, actorDepartment } from '../access/actor.ts';
import { hasPermission } from '../access/roles-check.ts';
import type { DepartmentPurposesService } from '../departments/department-purposes.service.ts';
import { csvLine, csvRows } from '../intake-files/csv.ts';
import { STREAMED_LIMITS } from '../intake-files/sheet-limits.ts';
import { type CheckSubjectInput, SLICE, type SubjectResult, yieldToLoop } from './check-evaluator.service.ts';
import {
  CheckBody,
  CheckResponse,
  FeedbackBody,
  FeedbackParams,
  FeedbackResponse,
  ReportQuery,
  StreamQuery,
} from './checks.api.ts';
import { type ChecksService, publicResult } from './checks.service.ts';
import type { FeedbackService } from './feedback.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** NDJSON lines `{"code","name"}` of an uploaded stream → subjects. */
async function* ndjsonSubjects(body: NodeJS.ReadableStream): AsyncIterable<CheckSubjectInput> {
  for await (const line of createInterface({ input: body, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as { code?: unknown; name?: unknown };
      yield {
        code: typeof value.code === 'string' ? value.code : '',
        ...(typeof value.name === 'string' ? { name: value.name } : {}),
      };
    } catch {
      // A line that is not JSON becomes an empty code: an error at its index, not a failed stream.
      yield { code: '' };
    }
  }
}

/**
 * CSV rows `code,name` (header row optional) → subjects, read by the same parser as intake uploads
 * (quoting, UTF-8 or GB18030).
 */
async function* csvSubjects(body: NodeJS.ReadableStream): AsyncIterable<CheckSubjectInput> {
  for await (const { rowNumber, cells } of csvRows(body as AsyncIterable<Uint8Array>, STREAMED_LIMITS)) {
    const [code = '', name = ''] = cells.map((c) => c.trim());
    if (code === '' && name === '') continue;
    if (rowNumber === 1 && /代码|code/i.test(code)) continue;
    yield name === '' ? { code } : { code, name };
  }
}

/**
 * A check's answer as JSON text, its results a slice at a time with the event loop given back between
 * slices (issue 14 §6): serialising 10,000 results and writing them to the socket in one go held every
 * other request for tens of milliseconds. The same text as JSON.stringify of the whole (results is
 * its last field), streamed.
 */
export async function* checkResponseJson(response: { results: readonly unknown[] }): AsyncGenerator<string> {
  const { results, ...head } = response;
  yield `${JSON.stringify({ ...head, results: [] }).slice(0, -2)}`;
  for (let i = 0; i < results.length; i += SLICE) {
    if (i > 0) await yieldToLoop();
    yield `${i > 0 ? ',' : ''}${JSON.stringify(results.slice(i, i + SLICE)).slice(1, -1)}`;
  }
  yield ']}';
}

const resultLine = (r: SubjectResult) =>
  csvLine([
    String(r.index),
    r.code,
    r.decision ?? 'error',
    r.entries.map((e) => e.listType).join(' '),
    r.measures.map((m) => m.code).join(' '),
    r.warnings.map((w) => w.code).join(' '),
    r.error?.code ?? '',
  ]);

/**
 * The check other departments' systems call when they accept an application (B19, B22, C §5(2)), its
 * streaming form for large batches, the feedback of measures applied, and the A21 quarterly report.
 */
export type ChecksRoutesDeps = {
  checks: Pick<ChecksService, 'run' | 'stream'>;
  feedback: Pick<FeedbackService, 'report' | 'quarterly' | 'quarterlyXlsx'>;
  departmentPurposes: Pick<DepartmentPurposesService, 'check'>;
};

export function checksRoutes({ checks, feedback, departmentPurposes }: ChecksRoutesDeps) {
  /**
   * The purpose a check states (its body's, or the stream's query) is what the check is recorded
   * under: where the caller's department registered purposes (事项), it must be one of them, as its
   * X-Purpose must (decision 0025).
   */
  const purposeRegistered = async (actor: Actor, purpose: string) => {
    const department = actorDepartment(actor);
    if (department) await departmentPurposes.check(department, purpose);
  };

  return (app: HttpApp) => {
    for (const type of ['application/x-ndjson', 'text/csv']) {
      app.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
    }

    app.post(
      '/api/v1/checks',
      {
        bodyLimit: 4 * 1024 * 1024,
        schema: {
          tags: ['checks'],
          summary:
            '信用核查 / check subjects (1–10,000): block / warn / favor / none with entries and measures',
          body: CheckBody,
          response: { 200: CheckResponse },
        },
        config: { access: { kind: 'permission', permission: 'checks.run' } },
        // The schema documents the response; the response itself is already exactly that shape
        // (publicResult drops the internal fields, a test holds it), so it is written without being
        // parsed again (its cost: docs/PERFORMANCE.md).
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      async (request, reply) => {
        await purposeRegistered(request.actor, request.body.purpose);
        const response = await checks.run({
          actor: request.actor,
          ...request.body,
          requestId: request.id,
          // commits before the request arrived are reflected (decision 0011)
          arrivedAt: request.arrivedAt,
        });
        if (response.results.length <= SLICE) return response;
        // A stream is sent as it is: the serializer above never sees it.
        return reply
          .type('application/json; charset=utf-8')
          .send(Readable.from(checkResponseJson(response)) as never);
      },
    );

    app.post(
      '/api/v1/checks/stream',
      {
        bodyLimit: 1024 * 1024 * 1024,
        schema: {
          tags: ['checks'],
          summary:
            '流式批量核查 / streaming check: NDJSON or CSV lines in, NDJSON (or CSV with Accept: text/csv) out',
          querystring: StreamQuery,
          // the raw stream, documented as such (openapi.ts)
          consumes: ['application/x-ndjson', 'text/csv'],
        },
        config: { access: { kind: 'permission', permission: 'checks.run' } },
      },
      async (request, reply) => {
        const type = String(request.headers['content-type'] ?? '');
        if (!type.startsWith('application/x-ndjson') && !type.startsWith('text/csv')) {
          throw new AppError(
            'CHECK_STREAM_TYPE',
            415,
            '请以 application/x-ndjson 或 text/csv 上传',
            'Upload as application/x-ndjson or text/csv',
          );
        }
        await purposeRegistered(request.actor, request.query.purpose);
        const csvOut = String(request.headers.accept ?? '').includes('text/csv');
        const body = request.body as NodeJS.ReadableStream;
        const iterator = checks
          .stream(
            { actor: request.actor, ...request.query, requestId: request.id },
            type.startsWith('text/csv') ? csvSubjects(body) : ndjsonSubjects(body),
          )
          [Symbol.asyncIterator]();
        // The first step validates scenario and purpose: a bad request is refused before streaming starts.
        const head = await iterator.next();
        const start = head.value as { checkId: string; checkedAt: string };
        async function* lines() {
          yield csvOut
            ? `# checkId=${start.checkId}\r\n${csvLine(['index', 'code', 'decision', 'lists', 'measures', 'warnings', 'error'])}`
            : `${JSON.stringify({ checkId: start.checkId, checkedAt: start.checkedAt })}\n`;
          for (;;) {
            const next = await iterator.next();
            if (next.done) return;
            const value = next.value;
            if (Array.isArray(value)) {
              yield csvOut
                ? value.map(resultLine).join('')
                : `${value.map((r) => JSON.stringify(publicResult(r))).join('\n')}\n`;
            } else if ('summary' in value) {
              yield csvOut
                ? `# summary=${JSON.stringify(value.summary)}\r\n`
                : `${JSON.stringify({ summary: value.summary })}\n`;
            }
          }
        }
        reply.header('x-check-id', start.checkId);
        reply.type(csvOut ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
        return reply.send(Readable.from(lines()));
      },
    );

    app.post(
      '/api/v1/checks/:checkId/feedback',
      {
        schema: {
          tags: ['checks'],
          summary: '反馈措施执行情况 / report the measures actually applied (A21)',
          params: FeedbackParams,
          body: FeedbackBody,
          response: { 201: FeedbackResponse },
        },
        config: { access: { kind: 'permission', permission: 'checks.run' }, errors: [409] },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await feedback.report(request.actor, request.params.checkId, request.body, request.id)),
    );

    app.get(
      '/api/v1/reports/joint-measures',
      {
        schema: {
          tags: ['checks'],
          summary:
            '联合奖惩实施情况季度报告 / quarterly joint incentives and punishments report (A21), JSON or xlsx',
          querystring: ReportQuery,
        },
        config: { access: { kind: 'permission', permission: 'checks.report' } },
      },
      async (request, reply) => {
        // The credit office and center see every department; a department sees its own (A21).
        const all = hasPermission(request.actor, 'checks.report_all');
        const own = actorDepartment(request.actor);
        const department = all ? request.query.department : (own ?? undefined);
        if (!all && !department)
          throw new AppError(
            'ACCESS_DENIED',
            403,
            '无部门的账号不能查看部门报告',
            'An account without a department has no department report',
          );
        const report = await feedback.quarterly(request.query.quarter, department);
        if (request.query.format === 'xlsx') {
          reply.header('content-disposition', `attachment; filename="joint-measures-${report.quarter}.xlsx"`);
          return reply.type(XLSX).send(await feedback.quarterlyXlsx(report));
        }
        return report;
      },
    );
  };
}
