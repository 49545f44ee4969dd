/**
 * Migration 0012 carries its own copy of the audit code (0012-check-digests.audit.ts). These tests run
 * it over check rows stored the way 0009–0011 stored them and hold what it appends to today's live
 * audit module (src/modules/audit): the same `rows.written` entries the live backfill would write, a
 * chain and row digests `verifyAudit` reports intact, and digests that name a row edited afterwards.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { appendAudit, readAuditEntries } from '../modules/audit/audit.repository.ts';
import { verifyAudit } from '../modules/audit/audit.service.ts';
import { scanAuditedTable } from '../modules/audit/audited-rows.repository.ts';
import {
  AUDITED_TABLES,
  CHECK_HITS_AUDITED,
  CHECK_PARTS_AUDITED,
  CHECKS_AUDITED,
  SUBJECTS_AUDITED,
} from '../modules/audit/index.ts';
import { recordRowsWritten, rowsWrittenEntries } from '../modules/audit/row-digests.service.ts';
import type { Database, Store } from '../modules/database.ts';
import { fromJson, toJson } from '../platform/db/engine.ts';
import { describeEachEngine } from '../platform/db/test-engines.ts';
import { migrateToLatest } from './index.ts';

type Row = Record<string, unknown>;

/** The audited tables a database at 0012 has (later migrations create these). */
const LATER = [
  'account_bindings',
  'department_purposes',
  'external_decisions',
  'objections',
  'objection_events',
  'procedure_firings',
  'repairs',
  'repair_events',
  'subject_notices',
  'objection_evidence',
  'repair_evidence',
  'repair_notice_submissions',
  'consent_reads',
];
const AT_0012 = AUDITED_TABLES.filter((t) => !LATER.includes(t.table));
const AT = '2026-11-20T02:30:00.000Z';
const WRITER = { actorRole: 'test', policyId: 'huaian-2018', policyVersion: '1.0.0' };
const id = (n: number) => `01930000-0000-7000-8000-${String(n).padStart(12, '0')}`;

const subjects: Row[] = [1, 2].map((n) => ({
  id: id(n),
  kind: 'organization',
  code_kind: 'uscc',
  code_digest: `digest-${n}`,
  code_sealed: `sealed-${n}`,
  name: `淮安市第${n}建设工程有限公司`,
  region_code: '320800',
  attributes: toJson({ legalRepresentative: '王芳' }),
  created_at: AT,
  updated_at: AT,
}));

/** A check header as 0009–0011 stored it: no `results` column yet. */
const header = (n: number, fields: Row): Row => ({
  id: id(100 + n),
  at: AT,
  check_day: '2026-11-20',
  actor_id: null,
  actor_role: 'system',
  department: 'HA-CZJ',
  api_key_id: 'key-1',
  purpose: '投标资格审查',
  scenario: 'public_resource_trading',
  channel: 'api',
  subject_count: 2,
  block_count: 1,
  warn_count: 0,
  favor_count: 0,
  none_count: 1,
  error_count: 0,
  policy_id: 'huaian-2018',
  policy_version: '1.0.0',
  request_id: `req-${n}`,
  ...fields,
});
const apiCheck = header(1, {});
const streamCheck = header(2, {
  channel: 'stream',
  subject_count: 5002,
  actor_id: 'staff-7',
  api_key_id: null,
});
/** The compact results of a part: [index, code digest, decision, error, entries, measures, warnings]. */
const results = (first: number) =>
  toJson([
    [first, 'digest-1', 'block', null, [id(900)], ['a14-05@1'], []],
    [first + 1, null, null, 'CODE_INVALID', [], [], ['name_mismatch']],
  ]);
// The API check's one part, and enough parts of the streamed check to need two entries (5,000 rows each).
const parts: Row[] = [
  { check_id: apiCheck.id, part: 0, first_position: 0, results: results(0) },
  ...Array.from({ length: 5001 }, (_, p) => ({
    check_id: streamCheck.id,
    part: p,
    first_position: p * 2,
    results: results(p * 2),
  })),
];
const hits: Row[] = [apiCheck, streamCheck].map((h, i) => ({
  id: id(200 + i),
  check_id: h.id,
  position: 0,
  subject_id: id(1),
  decision: 'block',
  entry_ids: toJson([id(900)]),
  measures: toJson(['a14-05@1', 'a14-07@2']),
  department: i === 0 ? 'HA-CZJ' : null,
  check_day: '2026-11-20',
}));

describeEachEngine(
  'migration 0012 check digests',
  (getStore) => {
    const live = () => getStore() as unknown as Store;
    const liveDb = () => getStore().db as unknown as Kysely<Database>;
    let headBefore = 0;

    before(async () => {
      const { db, capabilities } = getStore();
      const insert = async (table: string, rows: Row[]) => {
        const columns = Object.keys(rows[0]!);
        const chunk = Math.floor(capabilities.maxBindParameters / columns.length);
        for (let i = 0; i < rows.length; i += chunk) {
          const values = rows
            .slice(i, i + chunk)
            .map((r) => sql`(${sql.join(columns.map((c) => sql`${r[c]}`))})`);
          await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
            values ${sql.join(values)}`.execute(db);
        }
      };
      // As the application wrote them before 0012: subjects with their digests, then checks vouched
      // for by one checks.run entry each.
      await insert('subjects', subjects);
      await recordRowsWritten(liveDb(), { table: SUBJECTS_AUDITED, rows: subjects }, WRITER);
      await insert('checks', [apiCheck, streamCheck]);
      await insert('check_parts', parts);
      await insert('check_hits', hits);
      for (const h of [apiCheck, streamCheck]) {
        await appendAudit(liveDb(), {
          at: String(h.at),
          actorId: (h.actor_id as string | null) ?? null,
          actorRole: String(h.actor_role),
          actorDepartment: String(h.department),
          purpose: String(h.purpose),
          action: 'checks.run',
          targetType: 'check',
          targetId: String(h.id),
          result: 'ok',
          detail: { scenario: h.scenario, channel: h.channel, total: h.subject_count, block: 1 },
          policyId: String(h.policy_id),
          policyVersion: String(h.policy_version),
          requestId: String(h.request_id),
        });
      }
      headBefore = 3;
      const result = await migrateToLatest(getStore(), { upTo: '0012-check-digests' });
      assert.deepEqual(result.applied, ['0012-check-digests']);
    });

    it('appends exactly the rows.written entries the live backfill writes: per table, 5,000 rows each', async () => {
      const appended = [];
      for await (const entry of readAuditEntries(liveDb(), { after: headBefore })) appended.push(entry);
      const meta = {
        actorRole: 'system',
        purpose: '迁移 0012：核查记录纳入行摘要 / migration 0012: check rows digested',
        policyId: 'migration-0012',
        policyVersion: '0012-check-digests',
      };
      const expected = [];
      for (const table of [CHECKS_AUDITED, CHECK_PARTS_AUDITED, CHECK_HITS_AUDITED]) {
        const rows: Row[] = [];
        for await (const row of scanAuditedTable(liveDb(), table)) rows.push(row);
        expected.push(...rowsWrittenEntries({ table, rows }, meta));
      }
      assert.deepEqual(
        appended.map((e) => [e.targetType, (e.detail.rows as unknown[]).length]),
        [
          ['checks', 2],
          ['check_parts', 5000],
          ['check_parts', 2],
          ['check_hits', 2],
        ],
      );
      assert.deepEqual(
        appended.map((e) => ({
          actorId: e.actorId,
          actorRole: e.actorRole,
          actorDepartment: e.actorDepartment,
          purpose: e.purpose,
          action: e.action,
          targetType: e.targetType,
          targetId: e.targetId,
          result: e.result,
          detail: e.detail,
          policyId: e.policyId,
          policyVersion: e.policyVersion,
          requestId: e.requestId,
        })),
        expected.map((e) => ({
          actorId: null,
          actorDepartment: null,
          targetId: null,
          requestId: null,
          ...e,
          detail: fromJson(JSON.stringify(e.detail)),
        })),
      );
    });

    it('adds the results column, empty for the checks stored before it', async () => {
      const rows = await sql<{ results: unknown }>`select results from checks`.execute(getStore().db);
      assert.deepEqual(
        rows.rows.map((r) => r.results),
        [null, null],
      );
    });

    it('leaves a chain and row digests the live verifier reports intact', async () => {
      const report = await verifyAudit(live(), AT_0012);
      assert.equal(report.firstBroken, undefined);
      assert.deepEqual(report.rowProblems, []);
      assert.equal(report.ok, true);
      assert.equal(report.entries, headBefore + 4);
      assert.equal(report.rowsChecked, subjects.length + 2 + parts.length + hits.length);
    });

    it('covers every check row stored before it: an edit afterwards is named by the live verifier', async () => {
      const { db } = getStore();
      await sql`update check_parts set first_position = 7 where check_id = ${streamCheck.id} and part = 4999`.execute(
        db,
      );
      await sql`update check_hits set measures = ${toJson(['a14-05@1'])} where id = ${hits[0]!.id}`.execute(
        db,
      );
      await sql`update checks set purpose = '改过的用途' where id = ${apiCheck.id}`.execute(db);
      const report = await verifyAudit(live(), AT_0012);
      assert.equal(report.firstBroken, undefined);
      assert.deepEqual(report.rowProblems.map((p) => [p.table, p.id, p.reason]).sort(), [
        ['check_hits', hits[0]!.id, 'row_digest_mismatch'],
        ['check_parts', `${streamCheck.id}/4999`, 'row_digest_mismatch'],
        ['checks', apiCheck.id, 'row_digest_mismatch'],
      ]);
    });
  },
  { prepare: (store) => migrateToLatest(store, { upTo: '0011-reference-feed' }) },
);
