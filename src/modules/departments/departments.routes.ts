import type { HttpApp } from '../../platform/http/server.ts';
import type { DepartmentPurposesService } from './department-purposes.service.ts';
import { DepartmentsQuery, DepartmentsResponse } from './departments.api.ts';
import type { DepartmentsRepository } from './departments.repository.ts';

export type DepartmentsRoutesDeps = {
  departments: Pick<DepartmentsRepository, 'list'>;
  departmentPurposes: Pick<DepartmentPurposesService, 'all'>;
};

export function departmentsRoutes(ctx: DepartmentsRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/departments',
      {
        schema: {
          tags: ['reference'],
          summary: '部门 / departments (providers, users, credit center, credit office)',
          querystring: DepartmentsQuery,
          response: { 200: DepartmentsResponse },
        },
        config: { access: { kind: 'public', reason: 'public reference data' } },
      },
      async (request) => {
        const departments = await ctx.departments.list({
          regionCode: request.query.region,
          kind: request.query.kind,
        });
        const purposes = await ctx.departmentPurposes.all();
        return {
          departments: departments.map(({ id: _id, ...d }) => ({
            ...d,
            purposes: purposes.get(d.code) ?? [],
          })),
        };
      },
    );
  };
}
