import { z } from 'zod';
import type { HttpApp } from '../../platform/http/server.ts';
import { DEPARTMENT_KINDS, type DepartmentsRepository } from './departments.repository.ts';

const Department = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  regionCode: z.string(),
  kinds: z.array(z.enum(DEPARTMENT_KINDS)),
  nature: z.string(),
  parentCode: z.string().nullable(),
});

export type DepartmentsRoutesDeps = { departments: Pick<DepartmentsRepository, 'list'> };

export function departmentsRoutes(ctx: DepartmentsRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/departments',
      {
        schema: {
          tags: ['reference'],
          summary: '部门 / departments (providers, users, credit center, credit office)',
          querystring: z.object({
            region: z
              .string()
              .regex(/^\d{6}$/, '应为 6 位区划代码 / 6-digit region code')
              .optional(),
            kind: z.enum(DEPARTMENT_KINDS).optional(),
          }),
          response: { 200: z.object({ departments: z.array(Department) }) },
        },
        config: { access: { kind: 'public', reason: 'public reference data' } },
      },
      async (request) => {
        const departments = await ctx.departments.list({
          regionCode: request.query.region,
          kind: request.query.kind,
        });
        return { departments: departments.map(({ id: _id, ...d }) => d) };
      },
    );
  };
}
