import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import { type Actor, actorDepartment } from '../access/actor.ts';
import type { IntakeService } from './intake.service.ts';
import { INTAKE_MODES, MAX_ROWS_PER_CALL } from './intake.types.ts';

/** B4: records are always pushed as the caller's own department; a caller without one cannot push. */
export function providerDepartmentOf(actor: Actor): string {
  const department = actorDepartment(actor);
  if (!department) {
    throw new AppError(
      'RECORD_PROVIDER_REQUIRED',
      403,
      '只有信息提供单位的账号或系统密钥可以报送信用信息',
      'Only an account or system key of an information provider may push credit records',
    );
  }
  return department;
}

/** 10,000 rows of a few hundred characters each, with room for long free-text fields. */
const INTAKE_BODY_LIMIT = 32 * 1024 * 1024;

export const RowErrorView = z.object({
  code: z.string(),
  field: z.string().describe('dotted path: fields.fineAmount, subject.code, identifiedOn'),
  message: z.string(),
  messageEn: z.string(),
  position: z.number().int().optional().describe('identity codes: 1-based position of the wrong character'),
  expected: z.string().optional(),
  actual: z.string().optional(),
  cause: z.string().optional(),
});

const RecordRow = z
  .unknown()
  .describe(
    'RecordRowInput: { item, providerRecordId, subject: { code, name }, severity?: 一般|较重|严重, ' +
      'identifiedOn: YYYY-MM-DD, fields: { key: value }, reason? (required for a change) }. ' +
      'Checked row by row: a bad row is refused in the results, not the whole request.',
  );

const IntakeBody = z.object({
  mode: z
    .enum(INTAKE_MODES)
    .default('accept_valid')
    .describe(
      'all_or_nothing: nothing is written if any row is refused; accept_valid: valid rows are written',
    ),
  rows: z.array(RecordRow).min(1).max(MAX_ROWS_PER_CALL),
});

const IntakeResponse = z.object({
  batchId: z.string(),
  summary: z.object({
    total: z.number().int(),
    created: z.number().int(),
    unchanged: z.number().int(),
    newVersion: z.number().int(),
    refused: z.number().int(),
    aborted: z.number().int().describe('valid rows withheld by an all-or-nothing batch (counted in refused)'),
  }),
  results: z.array(
    z.object({
      index: z.number().int(),
      providerRecordId: z.string().optional(),
      outcome: z.enum(['created', 'unchanged', 'new_version', 'refused']),
      recordId: z.string().optional(),
      version: z.number().int().optional(),
      errors: z.array(RowErrorView).optional(),
      warnings: z.array(RowErrorView).optional(),
    }),
  ),
});

const StatsQuery = z.object({
  from: z.string().describe('first China date, YYYY-MM-DD'),
  to: z.string().describe('last China date, YYYY-MM-DD (inclusive)'),
});

const StatsResponse = z.object({
  from: z.string(),
  to: z.string(),
  pushDeadlineWorkdays: z.number().int(),
  departments: z.array(
    z.object({
      department: z.string(),
      pushed: z.number().int(),
      late: z.number().int(),
      provisional: z.number().int(),
      refused: z.number().int(),
    }),
  ),
});

/**
 * Intake by API (B16–B17): a department's business system or its staff push a batch for their own
 * department (B4 谁提供谁负责: the department is the caller's, never a field of the request), and the
 * credit center and office read each department's volume and timeliness (A9, A22).
 */
export type RecordsRoutesDeps = { intake: Pick<IntakeService, 'submit' | 'stats'> };

export function recordsRoutes({ intake }: RecordsRoutesDeps) {
  return (app: HttpApp) => {
    app.post(
      '/api/v1/records',
      {
        bodyLimit: INTAKE_BODY_LIMIT,
        schema: {
          tags: ['records'],
          summary: '报送信用信息 / push credit records (up to 10,000 rows; per-row results; idempotent)',
          body: IntakeBody,
          response: { 200: IntakeResponse },
        },
        config: { access: { kind: 'permission', permission: 'records.write' } },
      },
      async (request) => {
        const department = providerDepartmentOf(request.actor);
        return intake.submit({
          actor: request.actor,
          providerDepartment: department,
          channel: 'api',
          mode: request.body.mode,
          rows: request.body.rows,
          requestId: request.id,
        });
      },
    );

    app.get(
      '/api/v1/records/stats',
      {
        schema: {
          tags: ['records'],
          summary: '归集统计 / per-department pushed, refused and late records (A9, A22)',
          querystring: StatsQuery,
          response: { 200: StatsResponse },
        },
        config: { access: { kind: 'permission', permission: 'intake.stats' } },
      },
      async (request) => intake.stats(request.query.from, request.query.to),
    );
  };
}
