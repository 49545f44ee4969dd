/** The departments API: providers, users, the credit center and office, `GET /api/v1/departments`. */
import { z } from 'zod';
import { DEPARTMENT_KINDS } from './departments.repository.ts';

export const Department = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  regionCode: z.string(),
  kinds: z.array(z.enum(DEPARTMENT_KINDS)),
  nature: z.string(),
  parentCode: z.string().nullable(),
  purposes: z
    .array(z.string())
    .describe(
      '登记的查询事项（B33）：X-Purpose 须为其一（可加“：案件”）；为空则可自由填写 / registered purposes',
    ),
});

export const DepartmentsQuery = z.object({
  region: z
    .string()
    .regex(/^\d{6}$/, '应为 6 位区划代码 / 6-digit region code')
    .optional(),
  kind: z.enum(DEPARTMENT_KINDS).optional(),
});

export const DepartmentsResponse = z.object({ departments: z.array(Department) });
