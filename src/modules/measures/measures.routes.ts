import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import { MeasureContentSchema, MeasureDraftSchema } from './measure-draft.ts';
import type { MeasuresService } from './measures.service.ts';
import { SCENARIO_CODES, SCENARIOS } from './scenarios.ts';

const MeasureView = MeasureDraftSchema.extend({
  grounds: z.array(z.string()),
  active: z.boolean(),
  version: z.int(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  reason: z.string().nullable(),
});
const ScenarioView = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  articles: z.array(z.string()),
});
const Published = z.object({
  measure: MeasureView,
  outcome: z.enum(['created', 'new_version', 'unchanged']),
});
const Params = z.object({ code: z.string().min(1).max(60) });
const Reason = z.string().trim().min(2).max(500);

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
          response: { 200: z.object({ scenarios: z.array(ScenarioView) }) },
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
          querystring: z.object({
            scenario: z.enum(SCENARIO_CODES).optional().describe('业务场景代码'),
            listType: z.string().min(1).max(40).optional().describe('名单类型代码，如 red、black'),
            includeRetired: z.enum(['true', 'false']).optional().describe('是否包含已停用的措施'),
          }),
          response: { 200: z.object({ measures: z.array(MeasureView) }) },
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
          params: Params,
          response: { 200: z.object({ measure: MeasureView, versions: z.array(MeasureView) }) },
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
          body: MeasureDraftSchema.extend({ reason: Reason.optional() }),
          response: { 201: Published },
        },
        config: { access: manageAccess },
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
          params: Params,
          body: MeasureContentSchema.extend({ reason: Reason }),
          response: { 200: Published },
        },
        config: { access: manageAccess },
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
