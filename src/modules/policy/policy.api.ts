/** The policy API: the active policy file with its id, version and digest, `GET /api/v1/policy`. */
import { z } from 'zod';

export const PolicyResponse = z.object({
  id: z.string(),
  version: z.string(),
  digest: z.string(),
  policy: z.record(z.string(), z.unknown()),
});
