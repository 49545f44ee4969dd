import { installAccessControl } from '../modules/access/access.hook.ts';
import { adminRoutes } from '../modules/access/admin.routes.ts';
import { authRoutes } from '../modules/access/auth.routes.ts';
import { consentsRoutes } from '../modules/access/consents.routes.ts';
import { PERMISSIONS } from '../modules/access/roles.ts';
import { subjectAccountsRoutes } from '../modules/access/subject-accounts.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { calendarRoutes } from '../modules/calendar/calendar.routes.ts';
import { catalogRoutes } from '../modules/catalog/catalog.routes.ts';
import { checksRoutes } from '../modules/checks/checks.routes.ts';
import { departmentsRoutes } from '../modules/departments/departments.routes.ts';
import { healthRoutes } from '../modules/health/health.routes.ts';
import { codeExceptionsRoutes } from '../modules/identity-codes/code-exceptions.routes.ts';
import { codesRoutes } from '../modules/identity-codes/codes.routes.ts';
import { uploadRoutes } from '../modules/intake-files/upload.routes.ts';
import { listsRoutes } from '../modules/lists/lists.routes.ts';
import { measuresRoutes } from '../modules/measures/measures.routes.ts';
import { policyRoutes } from '../modules/policy/policy.routes.ts';
import { procedureStatsRoutes } from '../modules/procedures/procedure-stats.routes.ts';
import { proceduresRoutes } from '../modules/procedures/procedures.routes.ts';
import { repairsRoutes } from '../modules/procedures/repairs.routes.ts';
import { recordsRoutes } from '../modules/records/records.routes.ts';
import { recordsReadRoutes } from '../modules/records/records-read.routes.ts';
import { regionsRoutes } from '../modules/regions/regions.routes.ts';
import { subjectSearchRoutes } from '../modules/subject-search/subject-search.routes.ts';
import { subjectsRoutes } from '../modules/subjects/subjects.routes.ts';
import { hmacSha256Hex } from '../platform/crypto/sealing.ts';
import { createHttpServer, type HttpApp } from '../platform/http/server.ts';
import type { AppContext } from './context.ts';
import { webRoutes } from './web.routes.ts';

/** The HTTP application: every module's routes, in one list a reader can scan. */
export async function createApp(
  ctx: AppContext,
  options: { logger?: boolean | object } = {},
): Promise<HttpApp> {
  // Request logs name codes and names in URLs by a keyed digest (issue 14 §5): 64 bits of an HMAC
  // under a key of its own, so a log line cannot be joined to the blind index in the database.
  const logHmac = hmacSha256Hex(ctx.sealer.deriveKey('request-log'));
  return createHttpServer({
    version: ctx.version,
    logger: options.logger ?? false,
    trustProxy: ctx.config.trustProxy,
    logDigest: (value) => logHmac(value).slice(0, 16),
    permissions: PERMISSIONS,
    before: [
      (app) =>
        installAccessControl(
          app,
          ctx.auth,
          async (request, code) => {
            // Refusals are evidence too (C §4(1)): who tried what, and why it was refused.
            await ctx.audit.record({
              actor: request.actor,
              purpose: request.purpose,
              action: 'access.denied',
              targetType: 'route',
              targetId: `${request.method} ${request.routeOptions.url ?? request.url}`,
              result: 'denied',
              detail: { code },
              requestId: request.id,
            });
          },
          ctx.departmentPurposes.check,
        ),
    ],
    routes: [
      webRoutes(ctx),
      healthRoutes(ctx),
      codesRoutes(ctx),
      codeExceptionsRoutes(ctx),
      calendarRoutes(ctx),
      regionsRoutes(ctx),
      departmentsRoutes(ctx),
      policyRoutes(ctx),
      authRoutes(ctx),
      adminRoutes(ctx),
      subjectAccountsRoutes(ctx),
      consentsRoutes(ctx),
      subjectsRoutes(ctx),
      subjectSearchRoutes(ctx),
      auditRoutes(ctx),
      catalogRoutes(ctx),
      recordsRoutes(ctx),
      recordsReadRoutes(ctx),
      proceduresRoutes(ctx),
      repairsRoutes(ctx),
      procedureStatsRoutes(ctx),
      uploadRoutes(ctx),
      measuresRoutes(ctx),
      listsRoutes(ctx),
      checksRoutes(ctx),
    ],
  });
}
