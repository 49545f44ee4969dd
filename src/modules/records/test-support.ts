/** Test support for the records suites (not a test file itself). */

import { createHttpServer, type HttpApp } from '../../platform/http/server.ts';
import { createTestApp, relaxedPolicy, type TestApp } from '../../testing/app.ts';
import type { TestStore } from '../../testing/engines.ts';
import { installAccessControl } from '../access/access.hook.ts';
import type { Actor } from '../access/actor.ts';
import { authRoutes } from '../access/auth.routes.ts';
import { PERMISSIONS } from '../access/roles.ts';
import { ensureSeedCatalog } from '../catalog/catalog.seed.ts';
import { SEED_CATALOG } from '../catalog/index.ts';
import { citizenId, penaltyRow } from '../catalog/test-support.ts';
import { loadDemoData } from '../demo/demo.loader.ts';
import { type IntakeService, intakeService } from './intake.service.ts';
import type { IntakeMode } from './intake.types.ts';
import { recordsRoutes } from './records.routes.ts';

export { citizenId, ORGANIZATION_CODE } from '../catalog/test-support.ts';

/** A test clock: tests move it to the receipt instant they need. */
export const clock = { now: Date.parse('2026-11-26T08:00:00.000Z') };
export const setClock = (iso: string) => {
  clock.now = Date.parse(iso);
};

export type RecordsTestApp = TestApp & { intake: IntakeService };

/** The full context with the demo departments, a few subjects and the seed catalog published. */
export async function recordsTestApp(store: TestStore): Promise<RecordsTestApp> {
  const t = await createTestApp(store, {
    now: () => new Date(clock.now).toISOString(),
    policy: await relaxedPolicy(),
  });
  await loadDemoData(t.ctx, { persons: 3, organizations: 2 });
  await ensureSeedCatalog(t.ctx.store, t.ctx.now(), t.ctx.rowWriter);
  // An item with an identity-code field, to show such fields are sealed at rest.
  const penalty = SEED_CATALOG.find((d) => d.code === 'admin-penalty')!;
  await t.ctx.catalog.publish(
    {
      ...structuredClone(penalty),
      code: 'test-coded-penalty',
      fields: [
        ...structuredClone(penalty.fields),
        {
          key: 'principalCode',
          label: '直接责任人身份证号',
          labelEn: 'ID number of the person directly responsible',
          type: 'code',
          codeOf: 'person',
          required: false,
        },
      ],
    },
    t.ctx.now(),
  );
  return { ...t, intake: intakeService(t.ctx) };
}

/** A department's business system, as the access hook resolves an API key. */
export const systemOf = (departmentCode: string): Actor => ({
  kind: 'system',
  apiKeyId: `test-${departmentCode}`,
  departmentCode,
  regionCode: '320800',
  permissions: ['records.write'],
});

/** An admin-penalty row (B12(10)) with its own record id and subject; `overrides` replace top keys. */
export function penalty(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return penaltyRow({
    providerRecordId: `P-${n}`,
    subject: { code: citizenId('19900307', String(100 + n)), name: `测试人${n}` },
    ...overrides,
  });
}

export function push(
  t: RecordsTestApp,
  department: string,
  rows: unknown[],
  mode: IntakeMode = 'accept_valid',
) {
  return t.intake.submit({
    actor: systemOf(department),
    providerDepartment: department,
    channel: 'api',
    mode,
    rows,
  });
}

/**
 * The HTTP app with the routes these suites need (access control, sign-in, records), logging every
 * line at trace level into `logs` when given, so a test can search the logs for a value.
 */
export async function recordsHttpApp(t: RecordsTestApp, logs?: string[]): Promise<HttpApp> {
  const app = await createHttpServer({
    permissions: PERMISSIONS,
    version: t.ctx.version,
    logger: logs ? { level: 'trace', stream: { write: (line: string) => logs.push(line) } } : false,
    before: [(http) => installAccessControl(http, t.ctx.auth)],
    routes: [authRoutes(t.ctx), recordsRoutes({ intake: t.intake })],
  });
  await app.ready();
  return app;
}
