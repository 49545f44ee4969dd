/**
 * Upgrading a database that holds data (issue 13 point 2): on each engine, one database walks the
 * whole history, 0001 → 0023, one migration at a time. After each step the rows written at every
 * earlier version must still be there, unchanged, and rows are written as the application of that
 * version wrote them (raw inserts against that version's tables; audit entries through the audit
 * module, whose chain format has not changed). At the end, with everything migrated, what the later
 * migrations were for is asserted on the data written before them: name search (0008), check rows
 * under row digests (0012), decision tables under row digests (0014) and the change feed (0010, 0011).
 */
import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { consentReadsRepository } from '../modules/access/consent-reads.repository.ts';
import { consentsRepository } from '../modules/access/consents.repository.ts';
import { appendAudit, readAuditEntries, readAuditHead } from '../modules/audit/audit.repository.ts';
import { verifyAudit } from '../modules/audit/audit.service.ts';
import {
  AUDITED_TABLES,
  CONSENTS_AUDITED,
  EXTERNAL_DECISIONS_AUDITED,
  OBJECTION_EVENTS_AUDITED,
  OBJECTION_EVIDENCE_AUDITED,
  OBJECTIONS_AUDITED,
  PROCEDURE_FIRINGS_AUDITED,
  RECORDS_AUDITED,
  REPAIR_EVENTS_AUDITED,
  REPAIR_EVIDENCE_AUDITED,
  REPAIR_NOTICE_SUBMISSIONS_AUDITED,
  REPAIRS_AUDITED,
  SUBJECT_NOTICES_AUDITED,
  SUBJECTS_AUDITED,
} from '../modules/audit/index.ts';
import { recordRowsWritten } from '../modules/audit/row-digests.service.ts';
import { checkRecorder } from '../modules/checks/check-recorder.service.ts';
import { checkHeaderRow } from '../modules/checks/test-support.ts';
import type { Database, Store } from '../modules/database.ts';
import { departmentPurposesRepository } from '../modules/departments/department-purposes.repository.ts';
import { addListType } from '../modules/lists/list-types.repository.ts';
import { indexSubjects } from '../modules/subject-search/search-index.repository.ts';
import { parseSearchQuery } from '../modules/subject-search/search-text.ts';
import { subjectSearchRepository } from '../modules/subject-search/subject-search.repository.ts';
import { createSealer } from '../platform/crypto/sealing.ts';
import { toJson } from '../platform/db/engine.ts';
import { describeEachEngine, type TestStore } from '../platform/db/test-engines.ts';
import { uuidv7 } from '../platform/ids.ts';
import { DECISION_TABLES_0014 } from './0014-decision-digests.audit.ts';
import { MIGRATIONS, migrateToLatest } from './index.ts';

type Row = Record<string, unknown>;

/** Consents as registered for row digests before 0028 added `grantee_subject`. */
const CONSENTS_BEFORE_0028 = {
  ...CONSENTS_AUDITED,
  columns: Object.fromEntries(
    Object.entries(CONSENTS_AUDITED.columns).filter(([c]) => c !== 'grantee_subject'),
  ),
};
/** Public submissions as registered for row digests before 0029 added `client_digest`. */
const SUBMISSIONS_BEFORE_0029 = {
  ...REPAIR_NOTICE_SUBMISSIONS_AUDITED,
  columns: Object.fromEntries(
    Object.entries(REPAIR_NOTICE_SUBMISSIONS_AUDITED.columns).filter(([c]) => c !== 'client_digest'),
  ),
};
/** Records as registered for row digests before 0020 added `withdrawn`. */
const RECORDS_BEFORE_0020 = {
  ...RECORDS_AUDITED,
  columns: Object.fromEntries(Object.entries(RECORDS_AUDITED.columns).filter(([c]) => c !== 'withdrawn')),
};
/** Records as registered for row digests before 0018 added the B26 columns (`derived_*`). */
const RECORDS_BEFORE_0018 = {
  ...RECORDS_BEFORE_0020,
  columns: Object.fromEntries(
    Object.entries(RECORDS_BEFORE_0020.columns).filter(([c]) => !c.startsWith('derived_')),
  ),
};
/** Records as registered for row digests before 0017 added `change_basis_kind` and `change_basis_id`. */
const RECORDS_BEFORE_0017 = {
  ...RECORDS_BEFORE_0018,
  columns: Object.fromEntries(
    Object.entries(RECORDS_BEFORE_0018.columns).filter(([c]) => !c.startsWith('change_basis_')),
  ),
};
/** Records as registered for row digests before 0016 added `subject_ground`. */
const RECORDS_BEFORE_0016 = {
  ...RECORDS_BEFORE_0017,
  columns: Object.fromEntries(
    Object.entries(RECORDS_BEFORE_0017.columns).filter(([c]) => c !== 'subject_ground'),
  ),
};

const sealer = createSealer({ dataKey: Buffer.alloc(32, 7), indexKey: Buffer.alloc(32, 8) });
const WRITER = { actorRole: 'system', policyId: 'huaian-2018', policyVersion: '1.0.0' };
/** The instant the data of a version was written (one day per migration). */
const at = (step: number) => `2026-01-${String(step).padStart(2, '0')}T08:00:00.000Z`;

/**
 * Every row written so far, by table: what must still read the same after every later migration
 * (its columns as written; a column added later is not compared).
 */
type Written = { table: string; key: readonly string[]; rows: Row[] };

/** A JSON column comes back parsed (PostgreSQL) or as text (SQLite): compared as values. */
function comparable(value: unknown): unknown {
  if (typeof value === 'string' && /^[[{]/.test(value)) return JSON.parse(value);
  if (typeof value === 'bigint') return Number(value);
  return value;
}

function upgradeSuite(getStore: () => TestStore) {
  const db = () => getStore().db;
  const live = () => getStore() as unknown as Store;
  const liveDb = () => getStore().db as unknown as Kysely<Database>;
  const written = new Map<string, Written>();
  /** Subjects by name, as registered. */
  const subjects = new Map<string, Row>();
  const checks: { headers: Row[]; parts: Row[]; hits: Row[] } = { headers: [], parts: [], hits: [] };

  async function insert(table: string, rows: Row[], key: readonly string[] = ['id']): Promise<Row[]> {
    const columns = Object.keys(rows[0]!);
    const values = rows.map((r) => sql`(${sql.join(columns.map((c) => sql`${r[c]}`))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      values ${sql.join(values)}`.execute(db());
    const entry = written.get(table) ?? { table, key, rows: [] };
    entry.rows.push(...rows);
    written.set(table, entry);
    return rows;
  }

  /** Every row written at earlier versions reads as it was written. */
  async function assertCarried() {
    for (const { table, key, rows } of written.values()) {
      const stored = (await sql<Row>`select * from ${sql.table(table)}`.execute(db())).rows;
      const keyOf = (r: Row) => key.map((k) => String(r[k])).join('/');
      const byKey = new Map(stored.map((r) => [keyOf(r), r]));
      assert.equal(stored.length, rows.length, `${table}: rows`);
      for (const row of rows) {
        const found = byKey.get(keyOf(row));
        assert.ok(found, `${table} ${keyOf(row)} is still there`);
        for (const column of Object.keys(row)) {
          assert.deepEqual(
            comparable(found[column]),
            comparable(row[column]),
            `${table} ${keyOf(row)}.${column}`,
          );
        }
      }
    }
  }

  /** Subjects registered as the application did: the row, and its digests on the audit chain. */
  async function registerSubjects(step: number, list: Array<[kind: string, name: string, code: string]>) {
    const rows = await insert(
      'subjects',
      list.map(([kind, name, code]) => ({
        id: uuidv7(),
        kind,
        code_kind: kind === 'person' ? 'resident_id' : 'uscc',
        code_digest: sealer.blindIndex(code),
        code_sealed: sealer.seal(code),
        name,
        region_code: '320800',
        attributes: toJson(kind === 'person' ? { gender: 'male' } : { legalRepresentative: '张学友' }),
        created_at: at(step),
        updated_at: at(step),
      })),
    );
    await recordRowsWritten(liveDb(), { table: SUBJECTS_AUDITED, rows }, WRITER);
    for (const row of rows) subjects.set(String(row.name), row);
    return rows;
  }
  const subjectId = (name: string) => String(subjects.get(name)!.id);

  /**
   * A check as 0009–0011 recorded it: the header without `results`, its parts (an API check has
   * one), its hits, and one `checks.run` entry on the chain vouching for it.
   */
  async function recordOldCheck(step: number, channel: 'api' | 'stream', partCount: number) {
    const id = uuidv7();
    const hitSubject = subjectId('淮安市華信建設工程有限公司');
    const [header] = await insert('checks', [
      {
        id,
        at: at(step),
        check_day: at(step).slice(0, 10),
        actor_id: channel === 'api' ? null : 'staff-7',
        actor_role: channel === 'api' ? 'system' : 'user_staff',
        department: 'HA-CZJ',
        api_key_id: channel === 'api' ? 'key-1' : null,
        purpose: '投标资格审查',
        scenario: 'public_resource_trading',
        channel,
        subject_count: partCount * 2,
        block_count: 1,
        warn_count: 0,
        favor_count: 0,
        none_count: partCount * 2 - 1,
        error_count: 0,
        policy_id: 'huaian-2018',
        policy_version: '1.0.0',
        request_id: `req-${step}`,
      },
    ]);
    const parts = await insert(
      'check_parts',
      Array.from({ length: partCount }, (_, part) => ({
        check_id: id,
        part,
        first_position: part * 2,
        results: toJson([
          [part * 2, 'digest-a', part === 0 ? 'block' : 'none', null, part === 0 ? ['e-1'] : [], [], []],
          [part * 2 + 1, 'digest-b', 'none', null, [], [], ['name_mismatch']],
        ]),
      })),
      ['check_id', 'part'],
    );
    const hits = await insert('check_hits', [
      {
        id: uuidv7(),
        check_id: id,
        position: 0,
        subject_id: hitSubject,
        decision: 'block',
        entry_ids: toJson([String(written.get('list_entries')!.rows[0]!.id)]),
        measures: toJson(['a14-05@1']),
        department: 'HA-CZJ',
        check_day: at(step).slice(0, 10),
      },
    ]);
    await appendAudit(liveDb(), {
      at: at(step),
      actorId: (header!.actor_id as string | null) ?? null,
      actorRole: String(header!.actor_role),
      actorDepartment: 'HA-CZJ',
      purpose: '投标资格审查',
      action: 'checks.run',
      targetType: 'check',
      targetId: id,
      result: 'ok',
      detail: { scenario: 'public_resource_trading', channel, total: partCount * 2, block: 1 },
      policyId: 'huaian-2018',
      policyVersion: '1.0.0',
      requestId: `req-${step}`,
    });
    checks.headers.push(header!);
    checks.parts.push(...parts);
    checks.hits.push(...hits);
    return { id, hits };
  }

  /** The data each version's application wrote, keyed by the migration that version ends with. */
  const WRITES: Record<string, (step: number) => Promise<void>> = {
    '0001-foundation': async (step) => {
      await insert(
        'regions',
        [
          {
            code: '320800',
            name: '淮安市',
            full_name: '江苏省淮安市',
            level: 'city',
            parent_code: '320000',
            abolished: 0,
          },
          {
            code: '320812',
            name: '清江浦区',
            full_name: '江苏省淮安市清江浦区',
            level: 'district',
            parent_code: '320800',
            abolished: 0,
          },
        ],
        ['code'],
      );
      await insert('departments', [
        {
          id: uuidv7(),
          code: 'HA-CZJ',
          name: '淮安市财政局',
          short_name: '财政局',
          region_code: '320800',
          kinds: toJson(['provider', 'user']),
          nature: 'government',
          parent_code: null,
          created_at: at(step),
          updated_at: at(step),
        },
      ]);
      await insert(
        'calendar_years',
        [
          {
            year: 2026,
            source: 'gov.cn',
            schedule: toJson({ holidays: ['2026-01-01'], workdays: ['2026-01-04'] }),
            digest: 'calendar-digest',
            imported_by: 'admin',
            imported_at: at(step),
          },
        ],
        ['year'],
      );
      await insert('policy_versions', [
        {
          id: uuidv7(),
          policy_id: 'huaian-2018',
          version: '1.0.0',
          digest: 'policy-digest',
          content: toJson({ masking: { person: 'name' }, retention: { years: 5 } }),
          first_loaded_at: at(step),
        },
      ]);
      await insert('code_exceptions', [
        {
          id: uuidv7(),
          code_digest: sealer.blindIndex('91320800MA1XXXXX0X'),
          code_sealed: sealer.seal('91320800MA1XXXXX0X'),
          kind: 'organization',
          reason: '历史登记的特殊代码',
          registered_by: 'admin',
          created_at: at(step),
        },
      ]);
    },
    '0002-audit': async (step) => {
      await registerSubjects(step, [
        ['person', '張學友', '320802199001011234'],
        ['organization', '淮安市華信建設工程有限公司', '91320800MA1ABCDE1X'],
        ['organization', 'ABC（淮安）科技有限公司', '91320800MA1FGHIJ2Y'],
      ]);
      await appendAudit(liveDb(), {
        at: at(step),
        actorId: 'staff-7',
        actorRole: 'platform_staff',
        actorDepartment: 'HA-CZJ',
        purpose: '信用审查',
        action: 'subjects.read',
        targetType: 'subject',
        targetId: subjectId('張學友'),
        result: 'ok',
        policyId: 'huaian-2018',
        policyVersion: '1.0.0',
      });
      // The day's anchor, as `xinyong audit anchor` stores it: it must still lie on the chain at the end.
      const head = await readAuditHead(liveDb());
      await insert(
        'audit_anchors',
        [{ day: at(step).slice(0, 10), seq: head!.seq, hash: head!.hash, created_at: at(step) }],
        ['day'],
      );
    },
    '0003-access': async (step) => {
      const [account] = await insert('accounts', [
        {
          id: uuidv7(),
          login: 'czj-staff',
          display_name: '财政局工作人员',
          role: 'user_staff',
          department_code: 'HA-CZJ',
          region_code: '320800',
          subject_id: null,
          password_hash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
          totp_secret_sealed: null,
          totp_last_step: null,
          status: 'active',
          created_at: at(step),
          updated_at: at(step),
        },
      ]);
      // A subject account, bound before bindings were recorded (0013 records it as such).
      await insert('accounts', [
        {
          id: uuidv7(),
          login: 'zhang.xueyou',
          display_name: '張學友',
          role: 'subject',
          department_code: null,
          region_code: null,
          subject_id: subjectId('張學友'),
          password_hash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
          totp_secret_sealed: null,
          totp_last_step: null,
          status: 'active',
          created_at: at(step),
          updated_at: at(step),
        },
      ]);
      await insert('login_attempts', [{ id: uuidv7(), login: 'czj-staff', at: at(step), ok: 1 }]);
      await insert('sessions', [
        {
          id: uuidv7(),
          token_hash: 'token-hash',
          account_id: account!.id,
          created_at: at(step),
          expires_at: at(step + 1),
          revoked_at: null,
        },
      ]);
      await insert('api_keys', [
        {
          id: 'key-1',
          secret_hash: 'secret-hash',
          label: '公共资源交易系统',
          department_code: 'HA-CZJ',
          permissions: toJson(['checks.run', 'checks.report']),
          created_by: 'admin',
          created_at: at(step),
          expires_at: null,
          revoked_at: null,
          replaces_id: null,
          last_used_at: null,
        },
      ]);
      await insert('consents', [
        {
          id: uuidv7(),
          subject_id: subjectId('張學友'),
          grantee_department: 'HA-CZJ',
          scope: toJson(['records.read']),
          purpose: '贷款审查',
          granted_at: at(step),
          expires_at: '2027-01-01T00:00:00.000Z',
          revoked_at: null,
          evidence: toJson({ kind: 'signed_form', reference: 'F-1' }),
          granted_by: 'staff-7',
        },
      ]);
    },
    '0004-catalog': async (step) => {
      await insert(
        'catalog_items',
        [{ code: 'B-001', current_version: 1, created_at: at(step), updated_at: at(step) }],
        ['code'],
      );
      await insert('catalog_item_versions', [
        {
          id: uuidv7(),
          item_code: 'B-001',
          version: 1,
          name: '严重失信主体名单信息',
          category: 'black',
          usage_scope: 'public',
          list_type: 'black',
          severity_required: 1,
          definition: toJson({ fields: [{ name: 'decision_no', type: 'text', required: true }] }),
          digest: 'item-digest',
          published_at: at(step),
        },
      ]);
    },
    '0005-records': async (step) => {
      const [batch] = await insert('intake_batches', [
        {
          id: uuidv7(),
          provider_department: 'HA-CZJ',
          channel: 'api',
          mode: 'partial',
          total: 1,
          created: 1,
          unchanged: 0,
          new_version: 0,
          refused: 0,
          aborted: 0,
          actor_id: null,
          actor_role: 'system',
          request_id: 'req-intake',
          started_at: at(step),
          finished_at: at(step),
        },
      ]);
      const records = await insert('records', [
        {
          id: uuidv7(),
          record_key: uuidv7(),
          version: 1,
          item_code: 'B-001',
          item_version: 1,
          provider_department: 'HA-CZJ',
          provider_record_id: 'R-2026-001',
          subject_id: subjectId('淮安市華信建設工程有限公司'),
          subject_name: '淮安市華信建設工程有限公司',
          severity: 'severe',
          identified_on: '2026-01-03',
          received_at: at(step),
          validity_ends_on: '2029-01-03',
          policy_id: 'huaian-2018',
          policy_version: '1.0.0',
          fields: toJson({ decision_no: '淮财罚〔2026〕1号', amount_fen: 100000 }),
          content_digest: 'content-digest',
          reason: null,
          push_workdays: 1,
          push_late: 0,
          push_provisional: 0,
          batch_id: batch!.id,
        },
      ]);
      await recordRowsWritten(liveDb(), { table: RECORDS_BEFORE_0016, rows: records }, WRITER);
      await insert('subject_name_conflicts', [
        {
          id: uuidv7(),
          subject_id: subjectId('淮安市華信建設工程有限公司'),
          known_name: '淮安市華信建設工程有限公司',
          submitted_name: '淮安市华信建设工程有限公司',
          provider_department: 'HA-CZJ',
          batch_id: batch!.id,
          record_id: records[0]!.id,
          status: 'open',
          detected_at: at(step),
        },
      ]);
    },
    '0006-lists': async (step) => {
      const record = written.get('records')!.rows[0]!;
      await insert(
        'list_types',
        [
          {
            code: 'black',
            name: '严重失信主体名单',
            name_en: 'Severely dishonest',
            polarity: 'black',
            description: '联合惩戒对象',
            created_at: at(step),
            updated_at: at(step),
          },
        ],
        ['code'],
      );
      const [entry] = await insert('list_entries', [
        {
          id: uuidv7(),
          list_type: 'black',
          record_key: record.record_key,
          record_id: record.id,
          item_code: 'B-001',
          provider_department: 'HA-CZJ',
          subject_id: record.subject_id,
          origin: 'listed',
          source_entry_id: null,
          relation_role: null,
          ground: 'A5-1',
          severity: 'severe',
          identified_on: '2026-01-03',
          valid_until: null,
          validity_ends_on: '2029-01-03',
          status: 'active',
          status_reason: null,
          removed_at: null,
          removed_by_entry: null,
          procedure: null,
          created_at: at(step),
          updated_at: at(step),
        },
      ]);
      await insert('list_entry_events', [
        {
          id: uuidv7(),
          entry_id: entry!.id,
          at: at(step),
          kind: 'listed',
          article: 'A5',
          detail: toJson({ ground: 'A5-1' }),
          record_id: record.id,
          batch_id: record.batch_id,
          actor_id: null,
        },
      ]);
      await insert('subject_relations', [
        {
          id: uuidv7(),
          organization_id: record.subject_id,
          person_id: subjectId('張學友'),
          role: 'legal_representative',
          source: 'registry',
          created_at: at(step),
          created_by: null,
          ended_at: null,
        },
      ]);
      await insert('notifications', [
        {
          id: uuidv7(),
          kind: 'listed',
          article: 'A11',
          recipient_department: 'HA-CZJ',
          subject_id: record.subject_id,
          entry_id: entry!.id,
          title: '列入严重失信主体名单',
          body: toJson({ entryId: entry!.id }),
          created_at: at(step),
          status: 'pending',
          attempts: 0,
          delivered_at: null,
          read_at: null,
          read_by: null,
        },
      ]);
    },
    '0007-measures': async (step) => {
      await insert(
        'measures',
        [{ code: 'a14-05', current_version: 1, created_at: at(step), updated_at: at(step) }],
        ['code'],
      );
      await insert('measure_versions', [
        {
          id: uuidv7(),
          measure_code: 'a14-05',
          version: 1,
          title: '限制参与政府采购',
          article: 'A14(5)',
          effect: 'punish',
          active: 1,
          definition: toJson({ scenarios: ['public_resource_trading'] }),
          digest: 'measure-digest',
          published_at: at(step),
          published_by: 'admin',
          reason: null,
        },
      ]);
      // Registered just before 0008: indexed by the migration's backfill, not by the application.
      await registerSubjects(step, [['person', '曾伟', '320802198502023456']]);
    },
    '0008-subject-search': async (step) => {
      // From 0008 on, the application indexes a subject in the transaction that registers it.
      const rows = await registerSubjects(step, [['person', '单雄信', '320802197003034567']]);
      await indexSubjects(
        liveDb(),
        getStore().capabilities,
        rows.map((r) => ({
          id: String(r.id),
          kind: r.kind as 'person' | 'organization',
          name: String(r.name),
        })),
      );
    },
    '0009-checks': async (step) => {
      const { id, hits } = await recordOldCheck(step, 'api', 1);
      await insert('check_feedback', [
        {
          id: uuidv7(),
          check_id: id,
          position: 0,
          hit_id: hits[0]!.id,
          department: 'HA-CZJ',
          measures_applied: toJson(['a14-05']),
          outcome: 'refused',
          amount: '1000.00',
          legal_basis: '《政府采购法》第二十二条',
          decided_on: '2026-01-09',
          business_ref: 'ZC-2026-9',
          note: null,
          reported_at: at(step),
          reported_by: 'staff-7',
        },
      ]);
    },
    '0010-check-feed': async (step) => {
      await recordOldCheck(step, 'stream', 3);
    },
    '0011-reference-feed': async (step) => {
      await recordOldCheck(step, 'api', 1);
    },
    '0013-account-bindings': async (step) => {
      // From 0013 on, attempts carry their source, and a subject account is written with its binding.
      await insert('login_attempts', [
        { id: uuidv7(), login: 'czj-staff', at: at(step), ok: 0, source: '10.0.0.7' },
      ]);
      const [account] = await insert('accounts', [
        {
          id: uuidv7(),
          login: 'huaxin.agent',
          display_name: '华信经办人',
          role: 'subject',
          department_code: null,
          region_code: null,
          subject_id: subjectId('淮安市華信建設工程有限公司'),
          password_hash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
          totp_secret_sealed: null,
          totp_last_step: null,
          status: 'active',
          created_at: at(step),
          updated_at: at(step),
        },
      ]);
      await insert(
        'account_bindings',
        [
          {
            account_id: account!.id,
            subject_id: account!.subject_id,
            via: 'self_registration',
            verifier: 'huaian-eid',
            reference: 'EID-1',
            purpose: null,
            actor_id: null,
            actor_role: 'public',
            actor_department: null,
            request_id: `req-${step}`,
            bound_at: at(step),
          },
        ],
        ['account_id'],
      );
    },
    '0012-check-digests': async () => {
      // From 0012 on, a check of one part keeps its results in its header, vouched for by row digests.
      const header = checkHeaderRow(uuidv7(), { results: toJson([[0, null, 'none', null, [], [], []]]) });
      await checkRecorder(live()).record({ header, parts: [], hits: [] });
      const entry = written.get('checks') ?? { table: 'checks', key: ['id'], rows: [] };
      entry.rows.push(header as Row);
      written.set('checks', entry);
    },
    '0014-decision-digests': async (step) => {
      // From 0014 on, a write of a decision table records its rows: a consent revoked (an update), a
      // list type added.
      // (The consent is revoked as the repository of that version did: 0028 added a column since.)
      const consent = written.get('consents')!.rows[0]!;
      const revoked = await liveDb()
        .updateTable('consents')
        .set({ revoked_at: at(step) })
        .where('id', '=', String(consent.id))
        .returningAll()
        .execute();
      await recordRowsWritten(liveDb(), { table: CONSENTS_BEFORE_0028, rows: revoked }, WRITER);
      consent.revoked_at = at(step);
      const type = {
        code: 'watch',
        name: '重点关注名单',
        nameEn: 'Watch list',
        polarity: 'watch',
        description: '重点关注对象',
      } as const;
      assert.equal(await addListType(liveDb(), type, at(step), WRITER), true);
      written.get('list_types')!.rows.push({
        code: type.code,
        name: type.name,
        name_en: type.nameEn,
        polarity: type.polarity,
        description: type.description,
        created_at: at(step),
        updated_at: at(step),
      });
    },
    '0016-records-subject-ground': async (step) => {
      // From 0016 on, a record on a person of 16 or 17 keeps its B2 ground, under its row digest.
      const [first] = written.get('records')!.rows;
      const records = await insert('records', [
        {
          ...first!,
          id: uuidv7(),
          record_key: uuidv7(),
          provider_record_id: 'R-2026-B2',
          subject_ground: 'B2',
          received_at: at(step),
          content_digest: 'content-digest-b2',
        },
      ]);
      await recordRowsWritten(liveDb(), { table: RECORDS_BEFORE_0017, rows: records }, WRITER);
    },
    '0017-change-bases': async (step) => {
      // From 0017 on, the credit office records decisions outside the platform (issue 15 W3), and a
      // version that weakens a record names the one it rests on; both under row digests.
      const [first] = written.get('records')!.rows;
      const decisions = await insert('external_decisions', [
        {
          id: uuidv7(),
          record_key: first!.record_key,
          record_id: first!.id,
          subject_id: first!.subject_id,
          provider_department: first!.provider_department,
          kind: 'administrative_review',
          document_number: '淮政复决〔2026〕15号',
          authority: '淮安市人民政府',
          decided_on: '2026-01-16',
          summary: '变更为一般失信',
          recorded_by: 'os:ops',
          recorded_role: 'credit_office',
          recorded_at: at(step),
        },
      ]);
      await recordRowsWritten(liveDb(), { table: EXTERNAL_DECISIONS_AUDITED, rows: decisions }, WRITER);
      const records = await insert('records', [
        {
          ...first!,
          id: uuidv7(),
          version: 2,
          subject_ground: null,
          severity: 'minor',
          reason: '依行政复议决定更正',
          received_at: at(step),
          content_digest: 'content-digest-v2',
          change_basis_kind: 'external_decision',
          change_basis_id: decisions[0]!.id,
        },
      ]);
      await recordRowsWritten(liveDb(), { table: RECORDS_BEFORE_0018, rows: records }, WRITER);
    },
    '0018-records-derived': async (step) => {
      // From 0018 on, a severe organization's record is also written into its legal representative's
      // credit record (B26, issue 15 W5): a record of the person's own, saying where it comes from.
      const [source] = written.get('records')!.rows;
      const id = uuidv7();
      const records = await insert('records', [
        {
          ...source!,
          id,
          record_key: id,
          provider_record_id: `B26:${source!.record_key}:${subjectId('張學友')}`,
          subject_id: subjectId('張學友'),
          subject_name: '張學友',
          subject_ground: null,
          received_at: at(step),
          push_workdays: 0,
          derived_from: source!.id,
          derived_from_key: source!.record_key,
          derived_basis: 'B26',
          derived_role: 'legal_representative',
          derived_ended: 0,
          change_basis_kind: null,
          change_basis_id: null,
        },
      ]);
      await recordRowsWritten(liveDb(), { table: RECORDS_BEFORE_0020, rows: records }, WRITER);
    },
    '0020-records-withdrawn': async (step) => {
      // From 0020 on, a record may be withdrawn (撤销) on a decision (issue 15 W3): its next version
      // says so, under its row digest.
      const [first] = written.get('records')!.rows;
      const records = await insert('records', [
        {
          ...first!,
          id: uuidv7(),
          version: 3,
          subject_ground: null,
          reason: '原处罚决定已被判决撤销',
          received_at: at(step),
          content_digest: 'content-digest-v3',
          change_basis_kind: null,
          change_basis_id: null,
          derived_from: null,
          derived_from_key: null,
          derived_basis: null,
          derived_role: null,
          derived_ended: null,
          withdrawn: 1,
        },
      ]);
      await recordRowsWritten(liveDb(), { table: RECORDS_AUDITED, rows: records }, WRITER);
    },
    '0022-procedure-firings': async (step) => {
      // From 0022 on, the scheduler records each reminder or escalation of a procedure's step once
      // (issue 16, decision 0031), under its row digest.
      const [objection] = written.get('objections')!.rows;
      const firings = await insert('procedure_firings', [
        {
          id: uuidv7(),
          procedure: 'objection',
          procedure_id: objection!.id,
          step: 'review',
          kind: 'overdue',
          party: 'center',
          party_department: 'HA-XYZX',
          due_on: '2026-01-20',
          workdays: 2,
          provisional: 0,
          fired_on: '2026-01-22',
          fired_at: at(step),
        },
      ]);
      await recordRowsWritten(liveDb(), { table: PROCEDURE_FIRINGS_AUDITED, rows: firings }, WRITER);
    },
    '0023-subject-notices': async (step) => {
      // From 0023 on, a subject is told of its procedures' steps in its own inbox (issue 16, decision
      // 0032): a notice under row digests, and its read mark recorded the same way.
      const [objection] = written.get('objections')!.rows;
      const notices = await insert('subject_notices', [
        {
          id: uuidv7(),
          subject_id: objection!.subject_id,
          kind: 'objection.filed',
          article: 'A16, B29',
          procedure_kind: 'objection',
          procedure_id: objection!.id,
          record_id: objection!.record_id,
          title: '异议已受理',
          title_en: 'Your objection was received',
          message: '您对信用记录提出的异议已受理。',
          message_en: 'Your objection to a credit record was received.',
          detail: toJson({ reviewDue: '2026-02-02' }),
          created_at: at(step),
          read_at: null,
          read_by: null,
        },
      ]);
      await recordRowsWritten(liveDb(), { table: SUBJECT_NOTICES_AUDITED, rows: notices }, WRITER);
      // the row as written is the row as it must read from now on: marked read
      const read = Object.assign(notices[0]!, { read_at: at(step), read_by: 'account-1' });
      await sql`update subject_notices set read_at = ${read.read_at}, read_by = ${read.read_by}
        where id = ${read.id}`.execute(db());
      await recordRowsWritten(liveDb(), { table: SUBJECT_NOTICES_AUDITED, rows: [read] }, WRITER);
    },
    '0024-objection-evidence': async (step) => {
      // From 0024 on, an objection carries evidence files (decision 0033): the bytes in the row,
      // covered by their SM3 under its row digest.
      const [objection] = written.get('objections')!.rows;
      const content = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
      const evidence = await insert('objection_evidence', [
        {
          id: uuidv7(),
          objection_id: objection!.id,
          name: '完税证明.pdf',
          file_type: 'pdf',
          media_type: 'application/pdf',
          size: content.length,
          sm3: hash('sm3', content, 'hex'),
          content,
          supersedes: null,
          note: null,
          added_via: 'subject',
          added_by: 'account-1',
          added_role: 'subject',
          purpose: null,
          added_at: at(step),
        },
      ]);
      await recordRowsWritten(liveDb(), { table: OBJECTION_EVIDENCE_AUDITED, rows: evidence }, WRITER);
    },
    '0025-repair-evidence': async (step) => {
      // From 0025 on, a repair application carries its proof of performance as files (A19, B32;
      // decision 0033): an objection's evidence columns, under the repair.
      const [repair] = written.get('repairs')!.rows;
      const { objection_id: _objection, ...file } = written.get('objection_evidence')!.rows[0]!;
      const evidence = await insert('repair_evidence', [
        { ...file, id: uuidv7(), repair_id: repair!.id, added_via: 'center', added_at: at(step) },
      ]);
      await recordRowsWritten(liveDb(), { table: REPAIR_EVIDENCE_AUDITED, rows: evidence }, WRITER);
    },
    '0019-objections': async (step) => {
      // From 0019 on, a subject objects to a record (issue 16): the objection and its steps are
      // append-only rows under row digests.
      const [first] = written.get('records')!.rows;
      const objections = await insert('objections', [
        {
          id: uuidv7(),
          subject_id: first!.subject_id,
          record_key: first!.record_key,
          record_id: first!.id,
          entry_id: null,
          provider_department: first!.provider_department,
          ground: 'wrong_or_incomplete',
          explanation: '认定对象有误',
          filed_via: 'subject',
          filed_by: 'account-1',
          filed_role: 'subject',
          purpose: null,
          filed_at: at(step),
          policy_id: 'huaian-2018',
          policy_version: '1.0.0',
        },
      ]);
      await recordRowsWritten(liveDb(), { table: OBJECTIONS_AUDITED, rows: objections }, WRITER);
      const events = await insert('objection_events', [
        {
          id: uuidv7(),
          objection_id: objections[0]!.id,
          seq: 1,
          kind: 'filed',
          on_date: '2026-01-19',
          at: at(step),
          actor_id: 'account-1',
          actor_role: 'subject',
          actor_department: null,
          detail: toJson({ by: 'subject', ground: 'wrong_or_incomplete' }),
        },
      ]);
      await recordRowsWritten(liveDb(), { table: OBJECTION_EVENTS_AUDITED, rows: events }, WRITER);
    },
    '0021-repairs': async (step) => {
      // From 0021 on, a subject applies to repair a record (issue 16): the application and its steps
      // are append-only rows under row digests.
      const [first] = written.get('records')!.rows;
      const repairs = await insert('repairs', [
        {
          id: uuidv7(),
          subject_id: first!.subject_id,
          record_key: first!.record_key,
          record_id: first!.id,
          entry_id: null,
          provider_department: first!.provider_department,
          target_kind: 'negative_record',
          path: 'B31',
          stated: toJson({ correctedOn: '2026-01-20', commitmentSignedOn: '2026-04-07' }),
          proof: '已缴清罚款',
          commitment_text: '信用承诺书',
          commitment_digest: 'd'.repeat(64),
          filed_via: 'subject',
          filed_by: 'account-1',
          filed_role: 'subject',
          purpose: null,
          filed_at: at(step),
          policy_id: 'huaian-2018',
          policy_version: '1.1.0',
        },
      ]);
      await recordRowsWritten(liveDb(), { table: REPAIRS_AUDITED, rows: repairs }, WRITER);
      const events = await insert('repair_events', [
        {
          id: uuidv7(),
          repair_id: repairs[0]!.id,
          seq: 1,
          kind: 'applied',
          on_date: '2026-04-07',
          at: at(step),
          actor_id: 'account-1',
          actor_role: 'subject',
          actor_department: null,
          detail: toJson({ by: 'subject', path: 'B31' }),
        },
      ]);
      await recordRowsWritten(liveDb(), { table: REPAIR_EVENTS_AUDITED, rows: events }, WRITER);
    },
    '0026-check-hits-without-subject-index': async (step) => {
      // From 0026 on (an index dropped, no table changed), the repair written at 0021 takes its next
      // step: the provider's opinion, under its row digest.
      const [repair] = written.get('repairs')!.rows;
      const events = await insert('repair_events', [
        {
          id: uuidv7(),
          repair_id: repair!.id,
          seq: 2,
          kind: 'opinion',
          on_date: '2026-04-08',
          at: at(step),
          actor_id: 'HA-GSJ-system',
          actor_role: 'system',
          actor_department: 'HA-GSJ',
          detail: toJson({ by: 'provider', agrees: false, reasons: '罚款未缴清', judged: {}, findings: {} }),
        },
      ]);
      await recordRowsWritten(liveDb(), { table: REPAIR_EVENTS_AUDITED, rows: events }, WRITER);
    },
    '0027-repair-notice-submissions': async (step) => {
      // From 0027 on, the public objects to a repair under notice on the portal (issue 17): the
      // submission, name and contact sealed, under its row digest; then dismissed by the center.
      const [repair] = written.get('repairs')!.rows;
      const [submission] = await insert('repair_notice_submissions', [
        {
          id: uuidv7(),
          repair_id: repair!.id,
          name_sealed: null,
          contact_sealed: 'sealed-contact',
          grounds: '该企业仍拖欠工人工资',
          submitted_on: '2026-04-09',
          submitted_at: at(step),
          status: 'received',
          handled_at: null,
          handled_by: null,
          handled_role: null,
          step_seq: null,
          dismissal_reason: null,
        },
      ]);
      await recordRowsWritten(liveDb(), { table: SUBMISSIONS_BEFORE_0029, rows: [submission!] }, WRITER);
      const dismissed = Object.assign(submission!, {
        status: 'dismissed',
        handled_at: at(step),
        handled_by: 'account-2',
        handled_role: 'center_staff',
        dismissal_reason: '与修复事项无关',
      });
      await sql`update repair_notice_submissions set status = ${dismissed.status},
        handled_at = ${dismissed.handled_at}, handled_by = ${dismissed.handled_by},
        handled_role = ${dismissed.handled_role}, dismissal_reason = ${dismissed.dismissal_reason}
        where id = ${dismissed.id}`.execute(db());
      await recordRowsWritten(liveDb(), { table: SUBMISSIONS_BEFORE_0029, rows: [dismissed] }, WRITER);
    },
    '0028-consent-counterparties': async (step) => {
      // From 0028 on, a consent may name a counterparty subject (B24), written by the live repository
      // with its row digest; a read under it is kept in consent_reads with the read's audit entry.
      const consent = await consentsRepository(live(), WRITER).grant({
        subjectId: subjectId('曾伟'),
        granteeDepartment: null,
        granteeSubjectId: subjectId('淮安市華信建設工程有限公司'),
        scope: ['*'],
        purpose: '租房信用审查',
        grantedAt: at(step),
        expiresAt: '2027-01-31T15:59:59.999Z',
        evidence: { method: 'online', accountId: null, requestId: 'req-28', userAgent: null },
        grantedBy: 'zeng.wei',
      });
      written.get('consents')!.rows.push({
        id: consent.id,
        subject_id: consent.subjectId,
        grantee_department: null,
        grantee_subject: consent.granteeSubjectId,
        purpose: consent.purpose,
      });
      const [read] = await consentReadsRepository(live()).record({
        entry: {
          ...WRITER,
          action: 'records.read',
          targetType: 'subject',
          targetId: consent.subjectId,
          result: 'ok',
        },
        writer: WRITER,
        under: [
          {
            consentId: consent.id,
            subjectId: consent.subjectId,
            at: at(step),
            reader: { subjectId: String(consent.granteeSubjectId) },
            actorId: 'account-9',
            actorRole: 'subject',
            purpose: '租房信用审查',
            records: [],
            requestId: 'req-28',
          },
        ],
      });
      written.set('consent_reads', {
        table: 'consent_reads',
        key: ['id'],
        rows: [{ id: read!.id, consent_id: consent.id, reader_department: null, actor_role: 'subject' }],
      });
    },
    '0029-notice-submission-client': async (step) => {
      // From 0029 on, a public submission keeps a keyed digest of its client address (a few per
      // address per repair), under its row digest with the new column.
      const [repair] = written.get('repairs')!.rows;
      const [submission] = await insert('repair_notice_submissions', [
        {
          id: uuidv7(),
          repair_id: repair!.id,
          name_sealed: null,
          contact_sealed: null,
          grounds: '该企业仍在违法经营，有现场照片为证',
          submitted_on: '2026-04-10',
          submitted_at: at(step),
          status: 'received',
          handled_at: null,
          handled_by: null,
          handled_role: null,
          step_seq: null,
          dismissal_reason: null,
          client_digest: '5f2b9c0e4d7a1b3c6e8f0a2b4c6d8e0f',
        },
      ]);
      await recordRowsWritten(
        liveDb(),
        { table: REPAIR_NOTICE_SUBMISSIONS_AUDITED, rows: [submission!] },
        WRITER,
      );
    },
    '0015-department-purposes': async (step) => {
      // From 0015 on, a department's registered purposes are written through their repository, which
      // records each row (issue 14 §3): one registered, one registered and removed.
      const purposes = departmentPurposesRepository(live(), WRITER);
      const registered = ['政府采购供应商资格审查', '评优评先'];
      assert.deepEqual(await purposes.register('HA-CZJ', registered, 'os:ops', at(step)), registered);
      assert.deepEqual(await purposes.remove('HA-CZJ', ['评优评先'], 'os:ops', at(step)), ['评优评先']);
      written.set('department_purposes', {
        table: 'department_purposes',
        key: ['department_code', 'purpose'],
        rows: registered.map((purpose, i) => ({
          department_code: 'HA-CZJ',
          purpose,
          registered_by: 'os:ops',
          registered_at: at(step),
          removed_by: i === 1 ? 'os:ops' : null,
          removed_at: i === 1 ? at(step) : null,
        })),
      });
    },
  };

  /** What a step must have done beyond keeping the rows. */
  const CHECKS: Record<string, () => Promise<void>> = {
    '0028-consent-counterparties': async () => {
      // The consent stored before names its department and no subject; a consent can name only one:
      // giving the old row a subject as well is refused by the database (its digest does not cover
      // the new column; the check ties it to one that it covers).
      const consent = written.get('consents')!.rows[0]!;
      const [row] = (
        await sql<Row>`select grantee_department, grantee_subject from consents where id = ${consent.id}`.execute(
          db(),
        )
      ).rows;
      assert.deepEqual([row?.grantee_department, row?.grantee_subject], ['HA-CZJ', null]);
      await assert.rejects(
        sql`update consents set grantee_subject = ${subjectId('曾伟')} where id = ${consent.id}`.execute(
          db(),
        ),
      );
      await assert.rejects(
        sql`update consents set grantee_department = null where id = ${consent.id}`.execute(db()),
      );
    },
    '0013-account-bindings': async () => {
      // Every subject account stored before is bound, as it stood, to its subject.
      const rows = (
        await sql<Row>`select b.account_id, b.subject_id, b.via, b.actor_role, b.bound_at, a.created_at
          from account_bindings b join accounts a on a.id = b.account_id`.execute(db())
      ).rows;
      const account = written.get('accounts')!.rows.find((r) => r.login === 'zhang.xueyou')!;
      assert.deepEqual(
        rows.map((r) => [r.account_id, r.subject_id, r.via, r.actor_role, comparable(r.bound_at)]),
        [[account.id, subjectId('張學友'), 'before_record', 'unknown', comparable(account.created_at)]],
      );
      written.set('account_bindings', {
        table: 'account_bindings',
        key: ['account_id'],
        rows: rows.map((r) => ({ account_id: r.account_id, via: r.via })),
      });
    },
    '0008-subject-search': async () => {
      // Every subject stored before it is indexed, under its simplified name.
      const rows = (
        await sql<Row>`select subject_id, name_norm, traditional from subject_search`.execute(db())
      ).rows;
      const byName = (a: unknown[], b: unknown[]) => (String(a[1]) < String(b[1]) ? -1 : 1);
      assert.deepEqual(
        rows.map((r) => [r.subject_id, r.name_norm, Number(r.traditional)]).sort(byName),
        [
          [subjectId('ABC（淮安）科技有限公司'), 'abc淮安科技有限公司', 0],
          [subjectId('張學友'), '张学友', 1],
          [subjectId('淮安市華信建設工程有限公司'), '淮安市华信建设工程有限公司', 1],
          [subjectId('曾伟'), '曾伟', 0],
        ].sort(byName),
      );
    },
    '0012-check-digests': async () => {
      const results = (await sql<Row>`select id, results from checks`.execute(db())).rows;
      assert.equal(results.length, checks.headers.length);
      assert.ok(results.every((r) => r.results === null));
      const recorded = new Map<string, Set<string>>();
      for await (const entry of readAuditEntries(liveDb(), { action: 'rows.written' })) {
        if (entry.policyVersion !== '0012-check-digests') continue;
        const ids = recorded.get(entry.targetType) ?? new Set();
        for (const [rowId] of entry.detail.rows as [string, string][]) ids.add(rowId);
        recorded.set(entry.targetType, ids);
      }
      assert.deepEqual([...(recorded.get('checks') ?? [])].sort(), checks.headers.map((h) => h.id).sort());
      assert.deepEqual(
        [...(recorded.get('check_parts') ?? [])].sort(),
        checks.parts.map((p) => `${p.check_id}/${p.part}`).sort(),
      );
      assert.deepEqual([...(recorded.get('check_hits') ?? [])].sort(), checks.hits.map((h) => h.id).sort());
    },
    '0014-decision-digests': async () => {
      // Every row of every decision table stored before it is recorded, as it stood.
      const recorded = new Map<string, string[]>();
      for await (const entry of readAuditEntries(liveDb(), { action: 'rows.written' })) {
        if (entry.policyVersion !== '0014-decision-digests') continue;
        const ids = recorded.get(entry.targetType) ?? [];
        for (const [rowId] of entry.detail.rows as [string, string][]) ids.push(rowId);
        recorded.set(entry.targetType, ids);
      }
      for (const table of DECISION_TABLES_0014) {
        const rows = written.get(table.table)?.rows ?? [];
        assert.ok(rows.length > 0, `${table.table}: rows were written before 0014`);
        assert.deepEqual(
          (recorded.get(table.table) ?? []).sort(),
          rows.map((r) => String(r[table.idColumn])).sort(),
          table.table,
        );
      }
    },
  };

  for (const [i, [name]] of MIGRATIONS.entries()) {
    const previous = i === 0 ? undefined : MIGRATIONS[i - 1]![0];
    const title = previous
      ? `${name} applies over a database holding data written at ${previous}, and keeps every row`
      : `${name} applies to an empty database`;
    it(title, async () => {
      const result = await migrateToLatest(getStore(), { upTo: name });
      assert.deepEqual(result.applied, [name]);
      await assertCarried();
      await CHECKS[name]?.();
      await WRITES[name]?.(i + 1);
    });
  }

  it('has data written at every version, so the next migration is tried over it', () => {
    assert.deepEqual(
      MIGRATIONS.map(([name]) => name).filter((name) => !WRITES[name]),
      [],
    );
  });

  it('leaves nothing to apply once every migration has run', async () => {
    assert.deepEqual((await migrateToLatest(getStore())).applied, []);
  });

  it('finds subjects registered before 0008 by name, traditional form and pinyin (0008 backfill)', async () => {
    const search = async (q: string) =>
      (await subjectSearchRepository(live(), sealer).search(parseSearchQuery(q), { limit: 10 })).map((h) => [
        h.name,
        h.code,
      ]);
    assert.deepEqual(await search('张学友'), [['張學友', '320802199001011234']]);
    assert.deepEqual(await search('華信建設'), [['淮安市華信建設工程有限公司', '91320800MA1ABCDE1X']]);
    assert.deepEqual(await search('zengwei'), [['曾伟', '320802198502023456']]);
    assert.deepEqual(await search('abc 科技'), [['ABC（淮安）科技有限公司', '91320800MA1FGHIJ2Y']]);
    // and the one registered after it, indexed by the application
    assert.deepEqual(await search('sxx'), [['单雄信', '320802197003034567']]);
  });

  it('holds check rows recorded before 0012 and decision rows stored before 0014 to row digests: audit verify reports chain, anchor and rows intact', async () => {
    const report = await verifyAudit(live());
    assert.equal(report.firstBroken, undefined);
    assert.deepEqual(report.rowProblems, []);
    assert.equal(report.ok, true);
    const rowCount = (table: string) => written.get(table)?.rows.length ?? 0;
    assert.equal(
      report.rowsChecked,
      AUDITED_TABLES.reduce((sum, table) => sum + rowCount(table.table), 0),
    );
    // ... and decision rows stored before 0014, and written after it
    const consent = written.get('consents')!.rows[0]!;
    await sql`update consents set revoked_at = null where id = ${consent.id}`.execute(db());
    await sql`update list_types set polarity = 'black' where code = 'watch'`.execute(db());
    assert.deepEqual(
      (await verifyAudit(live())).rowProblems.map((p) => [p.table, p.id, p.reason]),
      [
        ['consents', consent.id, 'row_digest_mismatch'],
        ['list_types', 'watch', 'row_digest_mismatch'],
      ],
    );
    await sql`update consents set revoked_at = ${consent.revoked_at} where id = ${consent.id}`.execute(db());
    await sql`update list_types set polarity = 'watch' where code = 'watch'`.execute(db());

    // an edit of a check row stored before 0012 is named
    const part = checks.parts[2]!;
    await sql`update check_parts set first_position = 99
      where check_id = ${part.check_id} and part = ${part.part}`.execute(db());
    const edited = await verifyAudit(live());
    assert.deepEqual(
      edited.rowProblems.map((p) => [p.table, p.id, p.reason]),
      [['check_parts', `${part.check_id}/${part.part}`, 'row_digest_mismatch']],
    );
    await sql`update check_parts set first_position = ${part.first_position}
      where check_id = ${part.check_id} and part = ${part.part}`.execute(db());
    assert.equal((await verifyAudit(live())).ok, true);
  });

  it('writes the change feed on later writes: subjects and list entries (0010), reference data (0011)', async () => {
    const feed = async () =>
      (await sql<Row>`select seq, subject_id, topic from check_feed order by seq`.execute(db())).rows.map(
        (r) => ({ seq: Number(r.seq), subjectId: r.subject_id, topic: r.topic }),
      );
    const before = await feed();
    const last = before.at(-1)?.seq ?? 0;

    const [newcomer] = await registerSubjects(13, [
      ['organization', '淮安市新来科技有限公司', '91320800MA1KLMNO3Z'],
    ]);
    const entry = written.get('list_entries')!.rows[0]!;
    await sql`update list_entries set status = 'suspended', updated_at = ${at(13)}
      where id = ${entry.id}`.execute(db());
    await sql`update measures set current_version = 2, updated_at = ${at(13)}
      where code = 'a14-05'`.execute(db());

    const after = (await feed()).filter((r) => r.seq > last);
    assert.deepEqual(
      after.map((r) => [r.subjectId, r.topic]),
      [
        [newcomer!.id, 'subject'],
        [entry.subject_id, 'subject'],
        [null, 'reference'],
      ],
    );
    // one number per committed transaction, in commit order
    assert.deepEqual(
      after.map((r) => r.seq),
      [last + 1, last + 2, last + 3],
    );
  });
}

describeEachEngine('database upgrade 0001 → 0023 over data written at every version', upgradeSuite);
