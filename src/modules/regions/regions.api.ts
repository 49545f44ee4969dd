/** The regions API: administrative regions (GB/T 2260), `GET /api/v1/regions`. */
import { z } from 'zod';

export const RegionsQuery = z.object({
  parent: z
    .string()
    .regex(/^\d{6}$/, '应为 6 位区划代码 / 6-digit region code')
    .optional(),
});

export const RegionView = z.object({
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  level: z.string(),
  parentCode: z.string().nullable(),
  abolished: z.boolean(),
});

export const RegionsResponse = z.object({ regions: z.array(RegionView) });
