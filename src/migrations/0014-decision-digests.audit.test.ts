/**
 * Migration 0014 carries its own copy of the audit code (0014-decision-digests.audit.ts). These tests
 * hold its registry to the live one (src/modules/audit/audited-tables.ts), run it over decision-table
 * rows stored the way the application stored them before 0014 (no digests), and hold what it appends
 * to today's live verifier: the same `rows.written` entries the live code would write, a trail
 * `verifyAudit` reports intact, and digests that name a row edited afterwards.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { readAuditEntries, readAuditHead } from '../modules/audit/audit.repository.ts';
import { verifyAudit } from '../modules/audit/audit.service.ts';
import { scanAuditedTable } from '../modules/audit/audited-rows.repository.ts';
import { AUDITED_TABLES, SUBJECTS_AUDITED } from '../modules/audit/index.ts';
import { recordRowsWritten, rowsWrittenEntries } from '../modules/audit/row-digests.service.ts';
import type { Database, Store } from '../modules/database.ts';
import { fromJson, toJson } from '../platform/db/engine.ts';
import { describeEachEngine } from '../platform/db/test-engines.ts';
import { DECISION_TABLES_0014 } from './0014-decision-digests.audit.ts';
import { migrateToLatest } from './index.ts';

type Row = Record<string, unknown>;
const AT = '2026-11-20T02:30:00.000Z';
const WRITER = { actorRole: 'test', policyId: 'huaian-2018', policyVersion: '1.0.0' };
const id = (n: number) => `01930000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/**
 * The live registry as a database at 0014 has it: department_purposes comes with 0015,
 * external_decisions with 0017, objections with 0019, repairs with 0021, subject_notices with 0023,
 * objection_evidence with 0024, procedure_firings with 0022, repair_evidence with 0025,
 * repair_notice_submissions with 0027, consent_reads with 0028.
 */
const LATER = [
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
const AT_0014 = AUDITED_TABLES.filter((t) => !LATER.includes(t.table));

describe('migration 0014: its frozen registry', () => {
  it('names live audited tables only, each column with the kind the live registry gives it', () => {
    // The live registry may grow later (a column, a table); what 0014 digested must still mean the same.
    const live = new Map(AUDITED_TABLES.map((t) => [t.table, t]));
    for (const frozen of DECISION_TABLES_0014) {
      const table = live.get(frozen.table);
      assert.ok(table, `${frozen.table} is a live audited table`);
      assert.equal(frozen.idColumn, table.idColumn);
      for (const [column, kind] of Object.entries(frozen.columns)) {
        assert.equal(table.columns[column], kind, `${frozen.table}.${column}`);
      }
    }
  });
});

/** One row per decision table, as the application stored them before 0014 (FK parents first). */
function rowsBefore0014(engine: string): Array<[table: string, rows: Row[]]> {
  return [
    [
      'regions',
      [
        {
          code: '320800',
          name: '淮安市',
          full_name: '江苏省淮安市',
          level: 'city',
          parent_code: null,
          abolished: 0,
        },
      ],
    ],
    [
      'departments',
      [
        {
          id: id(1),
          code: 'HA-CZJ',
          name: '淮安市财政局',
          short_name: '财政局',
          region_code: '320800',
          kinds: toJson(['user']),
          nature: 'government',
          parent_code: null,
          created_at: AT,
          updated_at: AT,
        },
      ],
    ],
    [
      'subjects',
      [
        {
          id: id(2),
          kind: 'person',
          code_kind: 'citizen_id',
          code_digest: 'digest-2',
          code_sealed: 'sealed-2',
          name: '王芳',
          region_code: '320800',
          attributes: toJson({}),
          created_at: AT,
          updated_at: AT,
        },
      ],
    ],
    [
      'accounts',
      [
        {
          id: id(3),
          login: 'czj-staff',
          display_name: '财政局工作人员',
          role: 'user_staff',
          department_code: 'HA-CZJ',
          region_code: '320800',
          subject_id: null,
          password_hash: 'scrypt$hash',
          totp_secret_sealed: null,
          totp_last_step: 58_000_000,
          status: 'active',
          created_at: AT,
          updated_at: AT,
        },
      ],
    ],
    [
      'sessions',
      [
        {
          id: id(4),
          token_hash: 'token-hash',
          account_id: id(3),
          created_at: AT,
          expires_at: '2026-11-20T10:30:00.000Z',
          revoked_at: null,
        },
      ],
    ],
    [
      'api_keys',
      [
        {
          id: 'key-1',
          secret_hash: 'secret-hash',
          label: '公共资源交易系统',
          department_code: 'HA-CZJ',
          permissions: toJson(['checks.run']),
          created_by: 'admin',
          created_at: AT,
          // `apikey create --expires banana` was accepted before issue 14; SQLite kept the text
          expires_at: engine === 'sqlite' ? 'banana' : null,
          revoked_at: null,
          replaces_id: null,
          last_used_at: AT,
        },
      ],
    ],
    [
      'consents',
      [
        {
          id: id(5),
          subject_id: id(2),
          grantee_department: 'HA-CZJ',
          scope: toJson(['*']),
          purpose: '贷款审查',
          granted_at: AT,
          expires_at: '2027-01-01T00:00:00.000Z',
          revoked_at: null,
          evidence: toJson({ method: 'online' }),
          granted_by: 'wangfang',
        },
      ],
    ],
    [
      'list_types',
      [
        {
          code: 'black',
          name: '严重失信主体名单',
          name_en: 'Severely dishonest',
          polarity: 'black',
          description: '联合惩戒对象',
          created_at: AT,
          updated_at: AT,
        },
      ],
    ],
    ['catalog_items', [{ code: 'tax-arrears', current_version: 1, created_at: AT, updated_at: AT }]],
    [
      'catalog_item_versions',
      [
        {
          id: id(6),
          item_code: 'tax-arrears',
          version: 1,
          name: '欠税信息',
          category: 'negative',
          usage_scope: 'authorized',
          list_type: null,
          severity_required: 0,
          definition: toJson({ fields: [{ name: 'amount', type: 'money' }], rate: 0.5 }),
          digest: 'item-digest',
          published_at: AT,
        },
      ],
    ],
    ['measures', [{ code: 'a14-05', current_version: 1, created_at: AT, updated_at: AT }]],
    [
      'measure_versions',
      [
        {
          id: id(7),
          measure_code: 'a14-05',
          version: 1,
          title: '限制参与政府采购',
          article: 'A14(5)',
          effect: 'block',
          active: 1,
          definition: toJson({ scenarios: ['public_resource_trading'] }),
          digest: 'measure-digest',
          published_at: AT,
          published_by: null,
          reason: null,
        },
      ],
    ],
    [
      'policy_versions',
      [
        {
          id: id(8),
          policy_id: 'huaian-2018',
          version: '1.0.0',
          digest: 'policy-digest',
          content: toJson({ retention: { years: 5 } }),
          first_loaded_at: AT,
        },
      ],
    ],
    [
      'code_exceptions',
      [
        {
          id: id(9),
          code_digest: 'exception-digest',
          code_sealed: 'exception-sealed',
          kind: 'uscc',
          reason: '早期颁发的证件',
          registered_by: 'admin',
          created_at: AT,
        },
      ],
    ],
    [
      'calendar_years',
      [
        {
          year: 2027,
          source: 'gov.cn',
          schedule: toJson({ year: 2027, holidays: [] }),
          digest: 'calendar-digest',
          imported_by: 'admin',
          imported_at: AT,
        },
      ],
    ],
  ];
}

describeEachEngine(
  'migration 0014 decision-table digests',
  (getStore) => {
    const live = () => getStore() as unknown as Store;
    const liveDb = () => getStore().db as unknown as Kysely<Database>;
    let headBefore = 0;
    let written = 0;

    before(async () => {
      const { db } = getStore();
      for (const [table, rows] of rowsBefore0014(getStore().capabilities.engine)) {
        for (const row of rows) {
          const columns = Object.keys(row);
          await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
            values (${sql.join(columns.map((c) => sql`${row[c]}`))})`.execute(db);
        }
        if (DECISION_TABLES_0014.some((t) => t.table === table)) written += rows.length;
        // subjects were under row digests already
        if (table === 'subjects')
          await recordRowsWritten(liveDb(), { table: SUBJECTS_AUDITED, rows }, WRITER);
      }
      headBefore = (await readAuditHead(liveDb()))?.seq ?? 0;
      const result = await migrateToLatest(getStore(), { upTo: '0014-decision-digests' });
      assert.deepEqual(result.applied, ['0014-decision-digests']);
    });

    it('appends exactly the rows.written entries the live code writes for the rows as they stand', async () => {
      const appended = [];
      for await (const entry of readAuditEntries(liveDb(), { after: headBefore })) appended.push(entry);
      const meta = {
        actorRole: 'system',
        purpose: '迁移 0014：决定结果或授予权限的数据表纳入行摘要 / migration 0014: decision tables digested',
        policyId: 'migration-0014',
        policyVersion: '0014-decision-digests',
      };
      const expected = [];
      for (const live of AUDITED_TABLES.filter((t) =>
        DECISION_TABLES_0014.some((d) => d.table === t.table),
      )) {
        // the live registration over the columns a table had at 0014 (0028 added consents.grantee_subject)
        const frozen = DECISION_TABLES_0014.find((d) => d.table === live.table)!;
        const table = {
          ...live,
          columns: Object.fromEntries(Object.entries(live.columns).filter(([c]) => c in frozen.columns)),
        };
        const rows: Row[] = [];
        for await (const row of scanAuditedTable(liveDb(), table)) rows.push(row);
        if (rows.length > 0) expected.push(...rowsWrittenEntries({ table, rows }, meta));
      }
      // one entry per table with rows (list entries, events, relations and notices: upgrade.test.ts)
      assert.equal(expected.length, written);
      assert.deepEqual(
        appended.map((e) => e.targetType),
        expected.map((e) => e.targetType),
      );
      assert.deepEqual(
        appended.map((e) => ({
          actorRole: e.actorRole,
          purpose: e.purpose,
          action: e.action,
          targetType: e.targetType,
          detail: e.detail,
          policyId: e.policyId,
          policyVersion: e.policyVersion,
        })),
        expected.map((e) => ({
          actorRole: e.actorRole,
          purpose: e.purpose,
          action: e.action,
          targetType: e.targetType,
          detail: fromJson(JSON.stringify(e.detail)),
          policyId: e.policyId,
          policyVersion: e.policyVersion,
        })),
      );
    });

    it('leaves a trail the live verifier reports intact, every decision row covered', async () => {
      const report = await verifyAudit(live(), AT_0014);
      assert.deepEqual([report.breaks, report.rowProblems], [[], []]);
      assert.equal(report.rowsChecked, 1 + written, 'the subject and every decision row');
    });

    it('covers every row stored before it: an edit afterwards is named by the live verifier', async () => {
      const { db } = getStore();
      await sql`update accounts set role = 'admin' where id = ${id(3)}`.execute(db);
      await sql`update measure_versions set effect = 'warn' where id = ${id(7)}`.execute(db);
      await sql`update calendar_years set digest = 'edited' where year = 2027`.execute(db);
      // outside the digest by design: the replay guard and "last used"
      await sql`update accounts set totp_last_step = 1 where id = ${id(3)}`.execute(db);
      await sql`update api_keys set last_used_at = ${'2026-11-21T00:00:00.000Z'} where id = 'key-1'`.execute(
        db,
      );
      const report = await verifyAudit(live(), AT_0014);
      assert.deepEqual(report.rowProblems.map((p) => [p.table, p.id, p.reason]).sort(), [
        ['accounts', id(3), 'row_digest_mismatch'],
        ['calendar_years', '2027', 'row_digest_mismatch'],
        ['measure_versions', id(7), 'row_digest_mismatch'],
      ]);
    });
  },
  { prepare: (store) => migrateToLatest(store, { upTo: '0013-account-bindings' }) },
);
