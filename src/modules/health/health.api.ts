/** The health API: `GET /api/health`, liveness and readiness in one answer. */
import { z } from 'zod';

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  time: z.string(),
  database: z.object({ engine: z.enum(['sqlite', 'postgres']), ok: z.boolean() }),
  policy: z.object({ id: z.string(), version: z.string() }),
  demo: z
    .boolean()
    .describe(
      '演示环境：虚构数据、演示核验，切勿用于真实数据 / a demo environment: invented data, the demo verifier',
    ),
  notice: z.string().optional().describe('演示环境的说明 / what a demo environment means'),
});
