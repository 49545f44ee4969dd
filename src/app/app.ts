import { calendarRoutes } from '../modules/calendar/calendar.routes.ts';
import { departmentsRoutes } from '../modules/departments/departments.routes.ts';
import { healthRoutes } from '../modules/health/health.routes.ts';
import { codesRoutes } from '../modules/identity-codes/codes.routes.ts';
import { policyRoutes } from '../modules/policy/policy.routes.ts';
import { regionsRoutes } from '../modules/regions/regions.routes.ts';
import { createHttpServer, type HttpApp } from '../platform/http/server.ts';
import type { AppContext } from './context.ts';
import { homeRoutes } from './home.routes.ts';

/** The HTTP application: every module's routes, in one list a reader can scan. */
export async function createApp(
  ctx: AppContext,
  options: { logger?: boolean | object } = {},
): Promise<HttpApp> {
  return createHttpServer({
    version: ctx.version,
    logger: options.logger ?? false,
    routes: [
      homeRoutes(ctx),
      healthRoutes(ctx),
      codesRoutes(ctx),
      calendarRoutes(ctx),
      regionsRoutes(ctx),
      departmentsRoutes(ctx),
      policyRoutes(ctx),
    ],
  });
}
