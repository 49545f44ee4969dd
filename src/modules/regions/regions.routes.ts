import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import type { HttpApp } from '../../platform/http/server.ts';

export function regionsRoutes(ctx: AppContext) {
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
