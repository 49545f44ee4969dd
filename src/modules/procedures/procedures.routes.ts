import type { HttpApp } from '../../platform/http/server.ts';
import type { ExternalDecisionsService } from './external-decisions.service.ts';
import {
  ExternalDecisionBody,
  ExternalDecisionsQuery,
  ExternalDecisionsResponse,
  ExternalDecisionView,
} from './procedures.api.ts';

/**
 * Issue 15 W3: the credit office records decisions taken outside the platform (administrative review,
 * judgments, revocations) against a record; providers read those about their records, the credit
 * center and office all of them.
 */
export type ProceduresRoutesDeps = { externalDecisions: ExternalDecisionsService };

export function proceduresRoutes(ctx: ProceduresRoutesDeps) {
  const { externalDecisions } = ctx;
  return (app: HttpApp) => {
    app.post(
      '/api/v1/external-decisions',
      {
        schema: {
          tags: ['procedures'],
          summary:
            '登记外部决定（行政复议、判决、撤销）/ record an external decision about a record (A17, B30, A20)',
          body: ExternalDecisionBody,
          response: { 201: ExternalDecisionView },
        },
        config: { access: { kind: 'permission', permission: 'procedures.record_external', systems: false } },
      },
      async (request, reply) => {
        const decision = await externalDecisions.record(request.actor, request.body, request.id);
        return reply.code(201).send(decision);
      },
    );

    app.get(
      '/api/v1/external-decisions',
      {
        schema: {
          tags: ['procedures'],
          summary: '外部决定 / external decisions (a provider sees those about its records)',
          querystring: ExternalDecisionsQuery,
          response: { 200: ExternalDecisionsResponse },
        },
        config: { access: { kind: 'permission', permission: 'procedures.read', purpose: true } },
      },
      async (request) => ({
        decisions: await externalDecisions.list(request.actor, request.query),
      }),
    );
  };
}
