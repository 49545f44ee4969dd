import type { HttpApp } from '../../platform/http/server.ts';
import { RegionsQuery, RegionsResponse } from './regions.api.ts';
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
          querystring: RegionsQuery,
          response: { 200: RegionsResponse },
        },
        config: { access: { kind: 'public', reason: 'public reference data' } },
      },
      async (request) => ({ regions: await ctx.regions.list({ parentCode: request.query.parent }) }),
    );
  };
}
