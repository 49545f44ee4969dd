import { databaseReachable } from '../../platform/db/engine.ts';
import type { HttpApp } from '../../platform/http/server.ts';
import { DEMO_ENVIRONMENT_NOTICE } from '../access/identity-verification.ts';
import type { Store } from '../database.ts';
import { HealthResponse } from './health.api.ts';

/** Liveness and readiness in one: load balancers and the benchmark's ceiling call this. */
export type HealthRoutesDeps = {
  version: string;
  store: Store;
  policy: { id: string; version: string };
  /** a demo environment (issue 14 §1): said in every answer */
  config: { demo: boolean };
  now: () => string;
};

export function healthRoutes(ctx: HealthRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['platform'],
          summary: '健康检查 / health',
          response: { 200: HealthResponse, 503: HealthResponse },
        },
        config: { access: { kind: 'public', reason: 'liveness probe' } },
      },
      async (_request, reply) => {
        const ok = await databaseReachable(ctx.store);
        return reply.status(ok ? 200 : 503).send({
          status: ok ? 'ok' : 'degraded',
          version: ctx.version,
          time: ctx.now(),
          database: { engine: ctx.store.capabilities.engine, ok },
          policy: { id: ctx.policy.id, version: ctx.policy.version },
          demo: ctx.config.demo,
          ...(ctx.config.demo
            ? { notice: `${DEMO_ENVIRONMENT_NOTICE.zh} / ${DEMO_ENVIRONMENT_NOTICE.en}` }
            : {}),
        });
      },
    );
  };
}
