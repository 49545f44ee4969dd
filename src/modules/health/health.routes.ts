import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import type { HttpApp } from '../../platform/http/server.ts';

const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  time: z.string(),
  database: z.object({ engine: z.enum(['sqlite', 'postgres']), ok: z.boolean() }),
  policy: z.object({ id: z.string(), version: z.string() }),
});

/** Liveness and readiness in one: load balancers and the benchmark's ceiling call this. */
export function healthRoutes(ctx: AppContext) {
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
        let ok = true;
        try {
          await sql`select 1`.execute(ctx.store.db);
        } catch {
          ok = false;
        }
        return reply.status(ok ? 200 : 503).send({
          status: ok ? 'ok' : 'degraded',
          version: ctx.version,
          time: new Date().toISOString(),
          database: { engine: ctx.store.capabilities.engine, ok },
          policy: { id: ctx.policy.id, version: ctx.policy.version },
        });
      },
    );
  };
}
