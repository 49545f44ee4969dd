import { notFound } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import {
  MeasureHistoryResponse,
  MeasureParams,
  MeasuresQuery,
  MeasuresResponse,
  MeasureVersionBody,
  NewMeasureBody,
  Published,
  ScenariosResponse,
} from './measures.api.ts';
import type { MeasuresService } from './measures.service.ts';
import { SCENARIOS } from './scenarios.ts';

const publicAccess = {
  kind: 'public',
  reason: 'the joint incentive and punishment measures are published policy (A13, A14, D §5)',
} as const;
const manageAccess = { kind: 'permission', permission: 'measures.manage', systems: false } as const;

/**
 * The measures catalog (A13, A14, D §5): public to read, edited by the credit office — every edit a
 * new version with its reason.
 */
export type MeasuresRoutesDeps = { measures: Pick<MeasuresService, 'list' | 'history' | 'publish'> };

export function measuresRoutes({ measures }: MeasuresRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/scenarios',
      {
        schema: {
          tags: ['measures'],
          summary: '业务场景 / business scenarios in which measures apply (B22, C §5(2))',
          response: { 200: ScenariosResponse },
        },
        config: { access: publicAccess },
      },
      async () => ({ scenarios: SCENARIOS.map((s) => ({ ...s, articles: [...s.articles] })) }),
    );

    app.get(
      '/api/v1/measures',
      {
        schema: {
          tags: ['measures'],
          summary: '联合奖惩措施清单 / the measures catalog, by scenario and list type',
          querystring: MeasuresQuery,
          response: { 200: MeasuresResponse },
        },
        config: { access: publicAccess },
      },
      async (request) => {
        const { scenario, listType, includeRetired } = request.query;
        const list = await measures.list({ scenario, listType, includeRetired: includeRetired === 'true' });
        return { measures: list };
      },
    );

    app.get(
      '/api/v1/measures/:code',
      {
        schema: {
          tags: ['measures'],
          summary: '措施 / one measure, current version and every version',
          params: MeasureParams,
          response: { 200: MeasureHistoryResponse },
        },
        config: { access: publicAccess },
      },
      async (request) => {
        const versions = await measures.history(request.params.code);
        const current = versions.at(-1);
        if (!current) {
          throw notFound(
            'MEASURE_NOT_FOUND',
            `没有措施 ${request.params.code}`,
            `No measure ${request.params.code}`,
            {
              code: request.params.code,
            },
          );
        }
        return { measure: current, versions: versions };
      },
    );

    app.post(
      '/api/v1/measures',
      {
        schema: {
          tags: ['measures'],
          summary: '新增措施 / publish a new measure (credit office)',
          body: NewMeasureBody,
          response: { 201: Published },
        },
        config: { access: manageAccess, errors: [409] },
      },
      async (request, reply) => {
        const { reason, ...draft } = request.body;
        const result = await measures.publish(draft, {
          actor: request.actor,
          reason,
          requestId: request.id,
          expect: 'new',
        });
        return reply.status(201).send({ measure: result.measure, outcome: result.outcome });
      },
    );

    app.put(
      '/api/v1/measures/:code',
      {
        schema: {
          tags: ['measures'],
          summary: '修改措施 / publish a new version of a measure, with the reason (credit office)',
          params: MeasureParams,
          body: MeasureVersionBody,
          response: { 200: Published },
        },
        config: { access: manageAccess, errors: [409] },
      },
      async (request) => {
        const { reason, ...content } = request.body;
        const result = await measures.publish(
          { ...content, code: request.params.code },
          { actor: request.actor, reason, requestId: request.id, expect: 'existing' },
        );
        return { measure: result.measure, outcome: result.outcome };
      },
    );
  };
}
