import type { HttpApp } from '../../platform/http/server.ts';
import { AnchorsResponse, EntriesQuery, EntriesResponse, ReportView } from './audit.api.ts';
import type { AuditTrail } from './audit-trail.service.ts';

// Auditors only, signed in as themselves: the trail says who queried whom, itself personal data (B33).
const auditRead = { kind: 'permission', permission: 'audit.read', systems: false } as const;

/**
 * The audit trail for auditors (C §4(1)): verify the chain, page through entries (who queried whom,
 * with what purpose), list the published anchors. Reading the trail is itself recorded.
 */
export type AuditRoutesDeps = { audit: AuditTrail };

export function auditRoutes(ctx: AuditRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/audit/verify',
      {
        schema: {
          tags: ['audit'],
          summary: '校验审计链 / verify the audit trail',
          response: { 200: ReportView },
        },
        config: { access: auditRead },
      },
      async (request) => {
        const report = await ctx.audit.verify();
        await ctx.audit.record({
          actor: request.actor,
          purpose: request.purpose,
          action: 'audit.verify',
          targetType: 'audit',
          result: report.ok ? 'ok' : 'error',
          detail: {
            entries: report.entries,
            headHash: report.headHash,
            breakCount: report.breakCount,
            rowProblemCount: report.rowProblemCount,
          },
          requestId: request.id,
        });
        return report;
      },
    );

    app.get(
      '/api/v1/audit/entries',
      {
        schema: {
          tags: ['audit'],
          summary: '审计记录 / audit entries, by seq',
          querystring: EntriesQuery,
          response: { 200: EntriesResponse },
        },
        config: { access: auditRead },
      },
      async (request) => {
        const { after, limit, ...filters } = request.query;
        const entries = [];
        for await (const e of ctx.audit.entries({ after, pageSize: limit, ...filters })) {
          const { detailText: _, ...entry } = e;
          entries.push(entry);
          if (entries.length === limit) break;
        }
        await ctx.audit.record({
          actor: request.actor,
          purpose: request.purpose,
          action: 'audit.read',
          targetType: 'audit',
          result: 'ok',
          detail: { after, count: entries.length, ...filters },
          requestId: request.id,
        });
        return { entries, next: entries.length === limit ? entries.at(-1)!.seq : null };
      },
    );

    app.get(
      '/api/v1/audit/anchors',
      {
        schema: {
          tags: ['audit'],
          summary: '审计链每日锚点 / daily anchors of the audit chain',
          response: { 200: AnchorsResponse },
        },
        config: { access: auditRead },
      },
      async () => ({
        anchors: (await ctx.audit.anchors()).map(({ day, seq, hash }) => ({ day, seq, hash })),
      }),
    );
  };
}
