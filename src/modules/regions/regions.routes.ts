import { z } from 'zod';
import type { HttpApp } from '../../platform/http/server.ts';
import type { RegionsRepository } from './regions.repository.ts';

export type RegionsRoutesDeps = { regions: Pick<RegionsRepository, 'list'> };

export function regionsRoutes(ctx: RegionsRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/regions',
      {
        schema: {
          tags: ['reference'],
          summary: '行政区划 / administrative regions (GB/T 2260)',
          querystring: z.object({
            parent: z
              .string()
              .regex(/^\d{6}$/, '应为 6 位区划代码 / 6-digit region code')
              .optional(),
          }),
          response: {
            200: z.object({
              regions: z.array(
                z.object({
                  code: z.string(),
                  name: z.string(),
                  fullName: z.string(),
                  level: z.string(),
                  parentCode: z.string().nullable(),
                  abolished: z.boolean(),
                }),
              ),
            }),
          },
        },
        config: { access: { kind: 'public', reason: 'public reference data' } },
      },
      async (request) => ({ regions: await ctx.regions.list({ parentCode: request.query.parent }) }),
    );
  };
}
