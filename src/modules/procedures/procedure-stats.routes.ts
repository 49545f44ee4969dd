import type { HttpApp } from '../../platform/http/server.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import { ProcedureStatsQuery, ProcedureStatsResponse } from './procedure-stats.api.ts';
import type { ProcedureStatsService } from './procedure-stats.service.ts';

export type ProcedureStatsRoutesDeps = {
  procedureStats: ProcedureStatsService;
  audit: Pick<AuditTrail, 'record'>;
};

/**
 * Issue 16: objections and repairs per department, their outcomes and the share of steps on time, for
 * the A21 quarterly and B35 periodic reports. City-wide, like the joint-measures report: the credit
 * center and the credit office (`checks.report_all`), with a stated purpose, the read registered.
 */
export function procedureStatsRoutes(ctx: ProcedureStatsRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/procedures/stats',
      {
        schema: {
          tags: ['procedures'],
          summary:
            '异议和信用修复统计：各部门的数量、结果和按期办结率 / objections and repairs per department: outcomes and share of steps on time (A21, B35)',
          querystring: ProcedureStatsQuery,
          response: { 200: ProcedureStatsResponse },
        },
        config: { access: { kind: 'permission', permission: 'checks.report_all', purpose: true } },
      },
      async (request) => {
        const report = await ctx.procedureStats.report(request.query);
        await ctx.audit.record({
          actor: request.actor,
          purpose: request.purpose,
          action: 'procedures.read',
          targetType: 'procedure_stats',
          targetId: null,
          result: 'ok',
          detail: { from: report.from, to: report.to, count: report.departments.length },
          requestId: request.id,
        });
        return report;
      },
    );
  };
}
