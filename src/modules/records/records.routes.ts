import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import { type Actor, actorDepartment } from '../access/actor.ts';
import type { IntakeService } from './intake.service.ts';
import { IntakeBody, IntakeResponse, StatsQuery, StatsResponse } from './records.api.ts';

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
