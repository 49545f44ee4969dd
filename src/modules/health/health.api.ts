/** The health API: `GET /api/health`, liveness and readiness in one answer. */
import { z } from 'zod';

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  time: z.string(),
  database: z.object({ engine: z.enum(['sqlite', 'postgres']), ok: z.boolean() }),
  policy: z.object({ id: z.string(), version: z.string() }),
});
