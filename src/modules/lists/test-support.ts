/** Test support for the lists suites (not a test file itself). */

import { fromJson } from '../../platform/db/engine.ts';
import { createTestApp, relaxedPolicy, type TestApp } from '../../testing/app.ts';
import type { TestStore } from '../../testing/engines.ts';
import type { Actor } from '../access/actor.ts';
import { ensureSeedCatalog } from '../catalog/catalog.seed.ts';
import { loadDemoData } from '../demo/demo.loader.ts';
import { ensureSeedMeasures } from '../measures/measures.seed.ts';
import type { IntakeMode } from '../records/intake.types.ts';

export const clock = { now: Date.parse('2026-11-26T08:00:00.000Z') };
export const setClock = (iso: string) => {
  clock.now = Date.parse(iso);
};

/** The full app (lists hooks wired as in production) with demo departments and subjects. */
export async function listsTestApp(
  store: TestStore,
  size = { persons: 60, organizations: 60 },
  policyPath?: string,
): Promise<TestApp> {
  const t = await createTestApp(store, {
    now: () => new Date(clock.now).toISOString(),
    policy: await relaxedPolicy(policyPath),
  });
  await loadDemoData(t.ctx, size);
  await ensureSeedCatalog(t.ctx.store, t.ctx.now(), t.ctx.rowWriter);
  await ensureSeedMeasures(t.ctx.store, t.ctx.now(), t.ctx.rowWriter);
  return t;
}

export const systemOf = (departmentCode: string): Actor => ({
  kind: 'system',
  apiKeyId: `test-${departmentCode}`,
  departmentCode,
  regionCode: '320800',
  permissions: ['records.write'],
});

export function push(t: TestApp, department: string, rows: unknown[], mode: IntakeMode = 'accept_valid') {
  return t.ctx.intake.submit({
    actor: systemOf(department),
    providerDepartment: department,
    channel: 'api',
    mode,
    rows,
  });
}

/**
 * Issue 15 W3: a decision outside the platform recorded against a record (as the credit office does),
 * so a test can push a correction that weakens it; its id, to name as `changeBasis`.
 */
export async function externalDecision(t: TestApp, recordId: string, documentNumber = '淮政复决〔2026〕1号') {
  const decision = await t.ctx.externalDecisions.record(
    { kind: 'operator', name: 'test' },
    {
      recordId,
      kind: 'administrative_review',
      documentNumber,
      authority: '淮安市人民政府',
      decidedOn: t.ctx.today(),
      summary: '变更原认定',
    },
  );
  return decision.id;
}

export type DemoSubject = { id: string; code: string; name: string; attributes: Record<string, unknown> };

/** Demo subjects of a kind matching a predicate on their attributes (codes opened). */
export async function demoSubjects(
  t: TestApp,
  kind: 'person' | 'organization',
  where: (attributes: Record<string, unknown>) => boolean = () => true,
): Promise<DemoSubject[]> {
  const rows = await t.ctx.store.db
    .selectFrom('subjects')
    .select(['id', 'attributes'])
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();
  const out: DemoSubject[] = [];
  for (const r of rows) {
    if (!where(fromJson(r.attributes))) continue;
    const s = (await t.ctx.subjects.findById(r.id))!;
    out.push({ id: s.id, code: s.code, name: s.name, attributes: s.attributes });
  }
  return out;
}

type Row = Record<string, unknown>;

export function blackOrg(
  id: string,
  s: { code: string; name: string },
  over: Row = {},
  fields: Row = {},
): Row {
  return {
    item: 'blacklist-organization',
    providerRecordId: id,
    subject: { code: s.code, name: s.name },
    severity: '严重',
    identifiedOn: '2026-11-20',
    fields: {
      registeredAddress: '淮安市清江浦区示例路1号',
      unitNature: '企业',
      facts: '以围标串标方式参与政府采购项目',
      dishonestyType: 'A6(2) 严重破坏市场公平竞争秩序',
      legalRepresentative: '张三',
      documentNumber: '淮财采〔2026〕12号',
      identifyingUnit: '淮安市财政局',
      validUntil: '2029-11-19',
      ...fields,
    },
    ...over,
  };
}

export function blackPerson(
  id: string,
  s: { code: string; name: string },
  over: Row = {},
  fields: Row = {},
): Row {
  return {
    item: 'blacklist-person',
    providerRecordId: id,
    subject: { code: s.code, name: s.name },
    severity: '严重',
    identifiedOn: '2026-11-20',
    fields: {
      employer: '无',
      stateEmployee: '否',
      facts: '拒不履行（2025）苏0812民初789号民事判决确定的给付义务',
      dishonestyType: 'A6(7) 有履行能力拒不履行生效法律文书的失信被执行人',
      legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
      documentNumber: '（2026）苏08执12号',
      identifyingUnit: '淮安市中级人民法院',
      validUntil: '2029-11-19',
      ...fields,
    },
    ...over,
  };
}

export function redOrg(id: string, s: { code: string; name: string }, over: Row = {}, fields: Row = {}): Row {
  return {
    item: 'redlist-organization',
    providerRecordId: id,
    subject: { code: s.code, name: s.name },
    identifiedOn: '2026-11-18',
    fields: {
      ground: 'A5(4) 县级（含）以上政府、市级以上党政机关和司法机关认定的诚信荣誉',
      honorName: '淮安市诚信示范企业',
      identifyingUnit: '淮安市发展和改革委员会',
      validUntil: '2028-11-17',
      ...fields,
    },
    ...over,
  };
}

export function redPerson(
  id: string,
  s: { code: string; name: string },
  over: Row = {},
  fields: Row = {},
): Row {
  return {
    item: 'redlist-person',
    providerRecordId: id,
    subject: { code: s.code, name: s.name },
    identifiedOn: '2026-11-18',
    fields: {
      ground: 'A5(4) 县级（含）以上政府、市级以上党政机关和司法机关认定的诚信荣誉',
      honorName: '淮安市诚实守信模范',
      identifyingUnit: '淮安市文明办',
      ...fields,
    },
    ...over,
  };
}
