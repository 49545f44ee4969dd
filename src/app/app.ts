import { CREDENTIALS, installAccessControl } from '../modules/access/access.hook.ts';
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
import { filingRulesRoutes } from '../modules/procedures/filing-rules.routes.ts';
import { procedureStatsRoutes } from '../modules/procedures/procedure-stats.routes.ts';
import { proceduresRoutes } from '../modules/procedures/procedures.routes.ts';
import { repairsRoutes } from '../modules/procedures/repairs.routes.ts';
import { publicDisclosureRoutes } from '../modules/public-disclosure/public-disclosure.routes.ts';
import { recordsRoutes } from '../modules/records/records.routes.ts';
import { recordsReadRoutes } from '../modules/records/records-read.routes.ts';
import { regionsRoutes } from '../modules/regions/regions.routes.ts';
import { subjectSearchRoutes } from '../modules/subject-search/subject-search.routes.ts';
import { subjectsRoutes } from '../modules/subjects/subjects.routes.ts';
import { hmacSha256Hex } from '../platform/crypto/sealing.ts';
import { createHttpServer, type HttpApp } from '../platform/http/server.ts';
import type { AppContext } from './context.ts';
import { webRoutes } from './web.routes.ts';

/** The OpenAPI document's groups: one per module whose routes carry the tag. */
const API_TAGS = [
  { name: 'codes', description: '身份代码校验 / identity code validation (GB 11643, GB 32100, GB 11714)' },
  { name: 'calendar', description: '工作日计算 / working-day deadlines' },
  { name: 'reference', description: '参考数据 / reference data (regions, departments, policy)' },
  {
    name: 'public',
    description:
      '信用公示（免登录，限流，ETag 缓存）/ the public disclosure API of the portal (no login, rate-limited, ETag-cached)',
  },
  {
    name: 'access',
    description: '登录、账号与 API 密钥 / sign-in, accounts and API keys (B18–B21, B33)',
  },
  { name: 'consents', description: '授权查询 / consents to queries of a subject’s information (B21, B24)' },
  { name: 'subjects', description: '信息主体 / credit subjects: look-up, search, public and own views' },
  { name: 'audit', description: '审计 / the audit trail: entries, verification, anchors (C §4)' },
  { name: 'catalog', description: '目录 / the information catalog and its templates (B8–B14)' },
  {
    name: 'records',
    description: '信用信息 / credit records: intake, upload and reading (B4, B16–B17, B27)',
  },
  {
    name: 'procedures',
    description:
      '异议、信用修复与外部决定 / objections, credit repair and external decisions (A15–A19, B28–B32)',
  },
  { name: 'measures', description: '联合奖惩措施 / joint reward and punishment measures (A13, A14)' },
  {
    name: 'lists',
    description: '红黑名单 / red, black and watch lists, relations, department inbox (A3–A12, B26)',
  },
  { name: 'checks', description: '信用核查 / credit checks and the joint-measures report (B19, B22, A21)' },
];

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
    // the OpenAPI document's security schemes, as the access hook reads credentials (decision 0037)
    credentials: CREDENTIALS,
    tags: API_TAGS,
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
      publicDisclosureRoutes(ctx),
      procedureStatsRoutes(ctx),
      filingRulesRoutes(ctx),
      uploadRoutes(ctx),
      measuresRoutes(ctx),
      listsRoutes(ctx),
      checksRoutes(ctx),
    ],
  });
}
