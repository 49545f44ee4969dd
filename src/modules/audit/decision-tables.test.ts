/**
 * Issue 14 §3: every table whose rows decide an outcome or grant access is under row digests. Rows are
 * written through the platform's own writers (the app, its routes and services); then, table by
 * table, one byte edited, one row deleted and one row slipped in are each named by `audit verify` with
 * table, row and kind — and put back, the trail verifies again.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { toJson } from '../../platform/db/engine.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { signIn, type TestApp } from '../../testing/app.ts';
import { describeEachEngine, type TestStore } from '../../testing/engines.ts';
import { parseScheduleFile } from '../calendar/schedule-file.ts';
import type { Database } from '../database.ts';
import {
  blackOrg,
  demoSubjects,
  externalDecision,
  listsTestApp,
  push,
  redOrg,
  setClock,
} from '../lists/test-support.ts';
import { repairsRepository } from '../procedures/repairs.repository.ts';
import { verifyAudit } from './audit.service.ts';
import { scanAuditedTable } from './audited-rows.repository.ts';
import {
  ACCOUNT_BINDINGS_AUDITED,
  ACCOUNTS_AUDITED,
  API_KEYS_AUDITED,
  AUDITED_TABLES,
  CALENDAR_YEARS_AUDITED,
  CATALOG_ITEM_VERSIONS_AUDITED,
  CATALOG_ITEMS_AUDITED,
  CODE_EXCEPTIONS_AUDITED,
  CONSENT_READS_AUDITED,
  CONSENTS_AUDITED,
  DEPARTMENT_PURPOSES_AUDITED,
  EXTERNAL_DECISIONS_AUDITED,
  LIST_ENTRIES_AUDITED,
  LIST_ENTRY_EVENTS_AUDITED,
  LIST_TYPES_AUDITED,
  MEASURE_VERSIONS_AUDITED,
  MEASURES_AUDITED,
  NOTIFICATIONS_AUDITED,
  OBJECTION_EVENTS_AUDITED,
  OBJECTION_EVIDENCE_AUDITED,
  OBJECTIONS_AUDITED,
  POLICY_VERSIONS_AUDITED,
  PROCEDURE_FIRINGS_AUDITED,
  REPAIR_EVENTS_AUDITED,
  REPAIR_EVIDENCE_AUDITED,
  REPAIRS_AUDITED,
  SESSIONS_AUDITED,
  SUBJECT_NOTICES_AUDITED,
  SUBJECT_RELATIONS_AUDITED,
} from './audited-tables.ts';
import { type AuditedTable, rowId } from './row-digest.ts';

type Row = Record<string, unknown>;

/** How one table is tampered with: the byte edited, and what a slipped-in copy must change to be unique. */
type Case = {
  table: AuditedTable;
  /** picks the row to tamper with among those written (default: the first by key) */
  pick?: (row: Row) => boolean;
  edit: { column: string; value: unknown };
  /** columns a copy must not share with the original (unique keys), given a new value */
  unique?: Record<string, (row: Row) => unknown>;
};

/** Rows as stored, for writing back: json columns as JSON text (PostgreSQL hands them back parsed). */
function writable(table: AuditedTable, row: Row): Row {
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) {
    out[column] =
      table.columns[column] === 'json' && value !== null && typeof value !== 'string' ? toJson(value) : value;
  }
  return out;
}

/** Deletes or inserts with foreign keys unchecked, as an administrator editing the database can. */
async function raw(store: TestStore, run: (db: Kysely<Database>) => Promise<unknown>) {
  await store.db.connection().execute(async (db) => {
    const sqlite = store.capabilities.engine === 'sqlite';
    await sql
      .raw(sqlite ? 'pragma foreign_keys = off' : 'set session_replication_role = replica')
      .execute(db);
    try {
      await run(db);
    } finally {
      await sql
        .raw(sqlite ? 'pragma foreign_keys = on' : 'set session_replication_role = origin')
        .execute(db);
    }
  });
}

const where = (table: AuditedTable, row: Row) =>
  sql.join(
    (table.keyColumns ?? [table.idColumn]).map((k) => sql`${sql.ref(k)} = ${row[k]}`),
    sql` and `,
  );

async function problems(store: TestStore, table: AuditedTable) {
  const report = await verifyAudit(store, [table]);
  assert.deepEqual(report.breaks, [], 'the chain itself is intact');
  return report.rowProblems.map((p) => [p.table, p.id, p.reason]);
}

/** Edit a byte, delete the row, slip a copy in: each named with table, row and kind; then intact again. */
async function assertTamperEvident(store: TestStore, c: Case) {
  const { table } = c;
  const name = table.table;
  let original: Row | undefined;
  for await (const row of scanAuditedTable(store.db, table)) {
    if (!c.pick || c.pick(row)) {
      original = row;
      break;
    }
  }
  assert.ok(original, `${name}: the writers wrote a row to tamper with`);
  const id = rowId(table, original);
  assert.deepEqual(await problems(store, table), [], `${name}: intact as written`);

  const edited = table.columns[c.edit.column] === 'json' ? toJson(c.edit.value) : c.edit.value;
  assert.notDeepEqual(original[c.edit.column], c.edit.value, `${name}.${c.edit.column} is changed`);
  await sql`update ${sql.table(name)} set ${sql.ref(c.edit.column)} = ${edited} where ${where(table, original)}`.execute(
    store.db,
  );
  assert.deepEqual(await problems(store, table), [[name, id, 'row_digest_mismatch']], `${name}: edited`);
  const back = writable(table, original)[c.edit.column];
  await sql`update ${sql.table(name)} set ${sql.ref(c.edit.column)} = ${back} where ${where(table, original)}`.execute(
    store.db,
  );
  assert.deepEqual(await problems(store, table), [], `${name}: edit undone`);

  await raw(store, (db) => sql`delete from ${sql.table(name)} where ${where(table, original!)}`.execute(db));
  assert.deepEqual(await problems(store, table), [[name, id, 'row_missing']], `${name}: deleted`);
  const insert = async (db: Kysely<Database>, row: Row) => {
    const columns = Object.keys(row);
    await sql`insert into ${sql.table(name)} (${sql.join(columns.map((k) => sql.ref(k)))})
      values (${sql.join(columns.map((k) => sql`${row[k]}`))})`.execute(db);
  };
  await raw(store, (db) => insert(db, writable(table, original!)));
  assert.deepEqual(await problems(store, table), [], `${name}: deletion undone`);

  const copy = writable(table, original);
  copy[table.idColumn] =
    table.columns[table.idColumn] === 'integer' ? 2099 : table.idColumn === 'id' ? uuidv7() : `forged-${id}`;
  for (const [column, value] of Object.entries(c.unique ?? {})) copy[column] = value(original);
  await raw(store, (db) => insert(db, copy));
  assert.deepEqual(
    await problems(store, table),
    [[name, rowId(table, copy), 'row_unrecorded']],
    `${name}: forged`,
  );
  await raw(store, (db) => sql`delete from ${sql.table(name)} where ${where(table, copy)}`.execute(db));
  assert.deepEqual(await problems(store, table), [], `${name}: forgery removed`);
}

describeEachEngine('issue 14 §3: decision tables are under row digests', (getStore) => {
  let t: TestApp;
  /** a staff account, bound to no subject: what a forged binding would bind */
  let staffAccountId = '';
  before(async () => {
    setClock('2026-11-26T08:00:00.000Z');
    t = await listsTestApp(getStore(), { persons: 6, organizations: 4 });
    staffAccountId = (await t.ctx.auth.accounts.findByLogin('demo.user'))!.id;
    // access: sessions opened and closed, a key issued and rotated, a consent granted and revoked, a
    // password changed
    const person = await signIn(t.app, 'demo.person');
    const grant = async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/consents',
        headers: person,
        payload: { granteeDepartment: 'HA-ZJJ', scope: ['*'], purpose: '贷款审查', expiresOn: '2027-01-31' },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    await grant();
    const revoked = await grant();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/consents/${revoked}/revoke`,
      headers: person,
    });
    assert.equal(res.statusCode, 200, res.body);
    // B24 (decision 0040): a consent to a counterparty, and its read under it, kept in consent_reads
    const counterpartyAccount = (await t.ctx.auth.accounts.findByLogin('demo.company'))!;
    const counterparty = (await t.ctx.subjects.findById(counterpartyAccount.subjectId!))!;
    const toCounterparty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/consents',
      headers: person,
      payload: {
        granteeSubjectCode: counterparty.code,
        scope: ['*'],
        purpose: '租房信用审查',
        expiresOn: '2027-01-31',
      },
    });
    assert.equal(toCounterparty.statusCode, 201, toCounterparty.body);
    const personSubject = (await t.ctx.subjects.findById(
      (await t.ctx.auth.accounts.findByLogin('demo.person'))!.subjectId!,
    ))!;
    const readUnder = await t.app.inject({
      method: 'GET',
      url: `/api/v1/consented/${personSubject.code}/records`,
      headers: { ...(await signIn(t.app, 'demo.company')), 'x-purpose': encodeURIComponent('租房信用审查') },
    });
    assert.equal(readUnder.statusCode, 200, readUnder.body);
    const key = await t.ctx.accountsAdmin.issueApiKey({
      departmentCode: 'HA-CZJ',
      permissions: ['checks.run'],
      label: '政府采购系统',
      createdBy: 'test',
    });
    await t.ctx.accountsAdmin.rotateApiKey(key.id, 'test');
    const user = await signIn(t.app, 'demo.user');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: user });

    // lists: a red entry, then a black one for the same company (A4 takes it off the red list and
    // tells the red list's owner), a responsible person related (B26), notices delivered and one read,
    // a list type added
    const [company, other] = await demoSubjects(t, 'organization');
    const [responsible] = await demoSubjects(t, 'person');
    await t.ctx.lists.relate({ kind: 'operator', name: 'test' }, company!.code, responsible!, 'responsible');
    await push(t, 'HA-FGW', [redOrg('R-1', company!), redOrg('R-2', other!)]);
    const listed = await push(t, 'HA-GSJ', [blackOrg('B-1', company!)]);
    // issue 15 W3: a decision outside the platform the credit office records against the listing
    await externalDecision(t, listed.results[0]!.recordId!);
    // issue 16: the center files an objection for the company and asks its provider to verify
    const objection = await t.ctx.objections.file(
      { kind: 'operator', name: 'test' },
      { recordId: listed.results[0]!.recordId!, ground: 'wrong_or_incomplete', explanation: '认定对象有误' },
      { subjectId: company!.id, purpose: '窗口受理信用异议' },
    );
    const centerStaff = await t.ctx.auth.accounts.findByLogin('demo.center');
    const clerk = {
      kind: 'account',
      accountId: centerStaff!.id,
      login: 'demo.center',
      role: 'center_staff',
      departmentCode: 'HA-XYZX',
      regionCode: null,
      subjectId: null,
      sessionId: 'test',
    } as const;
    await t.ctx.objections.act(clerk, objection.id, { kind: 'verification_requested' });
    // issue 16: an evidence file added at the window (decision 0033)
    await t.ctx.objections.addEvidence(
      clerk,
      objection.id,
      { bytes: Buffer.from('%PDF-1.4\n%%EOF\n'), name: '证明.pdf' },
      { purpose: '窗口受理信用异议' },
    );
    // issue 16: the scheduler escalates the verification once overdue (due 12-03; decision 0031)
    setClock('2026-12-07T08:00:00.000Z');
    await t.ctx.scheduler.tick();
    setClock('2026-11-26T08:00:00.000Z');
    // issue 16: a repair application on the listing, written as the repairs service writes it
    const repairId = uuidv7();
    const at = new Date().toISOString();
    await t.ctx.store.db.transaction().execute((trx) =>
      repairsRepository.write(
        trx,
        {
          id: repairId,
          subject_id: company!.id,
          record_key: (listed.results[0] as { recordKey?: string }).recordKey ?? uuidv7(),
          record_id: listed.results[0]!.recordId!,
          entry_id: null,
          provider_department: 'HA-GSJ',
          target_kind: 'black_list_entry',
          path: 'A18(1)',
          stated: toJson({ obligationsMetOn: '2026-01-05' }),
          proof: '已履行',
          commitment_text: '信用承诺书',
          commitment_digest: 'd'.repeat(64),
          filed_via: 'center',
          filed_by: 'test',
          filed_role: 'operator',
          purpose: '窗口受理信用修复',
          filed_at: at,
          policy_id: 'huaian-2018',
          policy_version: '1.1.0',
        },
        {
          id: uuidv7(),
          repair_id: repairId,
          seq: 1,
          kind: 'applied',
          on_date: '2026-06-01',
          at,
          actor_id: 'test',
          actor_role: 'operator',
          actor_department: null,
          detail: toJson({ by: 'center', path: 'A18(1)' }),
        },
        {
          writer: { ...t.ctx.rowWriter, at },
          act: {
            action: 'procedures.repair_applied',
            targetType: 'repair',
            targetId: repairId,
            result: 'ok',
          },
        },
      ),
    );
    // ... with its proof of performance as a file, added at the window (A19, B32; decision 0033)
    await t.ctx.repairs.addEvidence(
      clerk,
      repairId,
      { bytes: Buffer.from('%PDF-1.4\n%%EOF\n'), name: '缴款凭证.pdf' },
      { purpose: '窗口受理信用修复' },
    );
    // ... which tells the company in its own inbox (decision 0032); it reads the receipt
    const companyAccount = {
      kind: 'account' as const,
      accountId: 'company-agent',
      login: 'company.agent',
      role: 'subject' as const,
      departmentCode: null,
      regionCode: null,
      subjectId: company!.id,
      sessionId: 'test',
    };
    const { notices: told } = await t.ctx.subjectInbox.inbox(companyAccount, { unread: false, limit: 10 });
    await t.ctx.subjectInbox.read(companyAccount, told.find((x) => x.kind === 'objection.filed')!.id);
    await t.ctx.lists.dispatch();
    const [notice] = await t.ctx.store.db
      .selectFrom('notifications')
      .select(['id', 'recipient_department'])
      .execute();
    await t.ctx.lists.read(notice!.id, notice!.recipient_department, 'test');
    await t.ctx.lists.addListType({
      code: 'watch-tax',
      name: '税务重点关注名单',
      nameEn: 'Tax watch list',
      polarity: 'watch',
      description: '税务部门重点关注对象',
    });

    // catalog and measures: the seed published (listsTestApp), then a new version of each
    const item = (await t.ctx.catalog.current('tax-arrears'))!;
    const { version: _v, publishedAt: _p, ...draft } = item;
    await t.ctx.catalog.publish({ ...draft, name: `${item.name}（修订）` }, t.ctx.now());
    await t.ctx.measures.retire('a14-15-public-exposure', {
      actor: { kind: 'operator', name: 'test' },
      reason: '由信用中心统一曝光',
    });

    // reference data: the policy registered at start; a code exception; an imported year, imported again
    await t.ctx.codes.registerException({
      code: '91320811696707409B',
      reason: '早期颁发的证件（测试）',
      registeredBy: 'test',
      now: t.ctx.now(),
    });
    const file = JSON.parse(readFileSync('src/modules/calendar/examples/2027.example.json', 'utf8'));
    const parsed = parseScheduleFile(file);
    assert.ok(parsed.ok);
    await t.ctx.calendar.importSchedules(parsed.schedules, 'test', t.ctx.now());
    await t.ctx.calendar.importSchedules(parsed.schedules, 'test-again', t.ctx.now());

    // a department's registered purposes (decision 0025): two registered, then removed (so the checks
    // below state free text)
    const operator = { kind: 'operator', name: 'test' } as const;
    await t.ctx.departmentPurposes.register(operator, 'HA-CZJ', ['政府采购供应商资格审查', '评优评先']);
    await t.ctx.departmentPurposes.remove(operator, 'HA-CZJ');
  });
  after(() => t.close());

  const cases: Case[] = [
    {
      table: ACCOUNTS_AUDITED,
      pick: (r) => r.login === 'demo.user',
      edit: { column: 'role', value: 'admin' },
      unique: { login: (r) => `${r.login}-2` },
    },
    {
      // issue 14 §1's record of which subject an account acts for: a forged one reads a subject's file
      table: ACCOUNT_BINDINGS_AUDITED,
      edit: { column: 'purpose', value: '伪造的用途' },
      unique: { account_id: () => staffAccountId },
    },
    {
      table: SESSIONS_AUDITED,
      pick: (r) => r.revoked_at !== null,
      edit: { column: 'revoked_at', value: null },
      unique: { token_hash: (r) => `${r.token_hash}-2` },
    },
    {
      table: API_KEYS_AUDITED,
      pick: (r) => r.revoked_at !== null,
      edit: { column: 'revoked_at', value: null },
    },
    {
      table: CONSENTS_AUDITED,
      pick: (r) => r.revoked_at === null,
      edit: { column: 'scope', value: ['*', 'tax-arrears'] },
    },
    {
      // decision 0040: a read under a consent deleted would hide it from the subject; one slipped in
      // would blame the counterparty for a read it never made
      table: CONSENT_READS_AUDITED,
      edit: { column: 'purpose', value: '催收' },
    },
    {
      table: LIST_TYPES_AUDITED,
      pick: (r) => r.code === 'black',
      edit: { column: 'polarity', value: 'watch' },
    },
    {
      table: LIST_ENTRIES_AUDITED,
      pick: (r) => r.status === 'active' && r.list_type === 'black',
      edit: { column: 'status', value: 'removed' },
      unique: { record_key: () => uuidv7() },
    },
    {
      table: LIST_ENTRY_EVENTS_AUDITED,
      pick: (r) => r.kind === 'removed_cross_check',
      edit: { column: 'article', value: 'A5' },
    },
    {
      table: SUBJECT_RELATIONS_AUDITED,
      edit: { column: 'source', value: 'registry' },
      unique: { role: () => 'principal' },
    },
    {
      table: NOTIFICATIONS_AUDITED,
      pick: (r) => r.read_at !== null,
      edit: { column: 'read_at', value: null },
    },
    {
      // issue 16: what the subject was told (a deadline, an outcome) edited after it read it
      table: SUBJECT_NOTICES_AUDITED,
      pick: (r) => r.read_at !== null,
      edit: { column: 'detail', value: { reviewDue: '2027-01-29' } },
    },
    {
      table: CATALOG_ITEMS_AUDITED,
      pick: (r) => r.code === 'tax-arrears',
      edit: { column: 'current_version', value: 1 },
    },
    {
      table: CATALOG_ITEM_VERSIONS_AUDITED,
      pick: (r) => r.usage_scope !== 'public',
      edit: { column: 'usage_scope', value: 'public' },
      unique: { version: () => 999 },
    },
    {
      table: MEASURES_AUDITED,
      pick: (r) => r.code === 'a14-15-public-exposure',
      edit: { column: 'current_version', value: 1 },
    },
    {
      table: MEASURE_VERSIONS_AUDITED,
      pick: (r) => r.effect === 'block',
      edit: { column: 'effect', value: 'warn' },
      unique: { version: () => 999 },
    },
    {
      table: POLICY_VERSIONS_AUDITED,
      edit: { column: 'content', value: { id: 'huaian-2018', edited: true } },
      unique: { version: () => 'forged' },
    },
    {
      table: CODE_EXCEPTIONS_AUDITED,
      edit: { column: 'reason', value: '任意理由' },
      unique: { code_digest: () => 'forged-index' },
    },
    {
      table: CALENDAR_YEARS_AUDITED,
      pick: (r) => r.imported_by === 'test-again',
      edit: { column: 'digest', value: 'edited' },
    },
    {
      // a removed purpose revived in the database would admit queries stating it
      table: DEPARTMENT_PURPOSES_AUDITED,
      pick: (r) => r.removed_at !== null,
      edit: { column: 'removed_at', value: null },
      unique: { purpose: () => '伪造的事项' },
    },
    {
      // issue 15 W3: a decision slipped in would let a provider lift a listing with no procedure
      table: EXTERNAL_DECISIONS_AUDITED,
      edit: { column: 'document_number', value: '伪造文号' },
      unique: { document_number: () => '伪造文号〔2026〕1号' },
    },
    {
      // issue 16: an objection's ground or a step's outcome edited would change what the record became
      table: OBJECTIONS_AUDITED,
      edit: { column: 'ground', value: 'past_validity' },
    },
    {
      table: OBJECTION_EVENTS_AUDITED,
      pick: (r) => r.kind === 'verification_requested',
      edit: { column: 'on_date', value: '2026-01-01' },
      unique: { seq: () => 99 },
    },
    {
      // issue 16: a firing slipped in silences an escalation that is due; one deleted sends it again
      table: PROCEDURE_FIRINGS_AUDITED,
      edit: { column: 'party_department', value: 'HA-SWJ' },
      unique: { kind: () => 'due_soon' },
    },
    {
      // issue 16: a repair's path or a step's adoption edited would archive a record no one decided to
      table: REPAIRS_AUDITED,
      edit: { column: 'path', value: 'A18(3)' },
    },
    {
      table: REPAIR_EVENTS_AUDITED,
      pick: (r) => r.kind === 'applied',
      edit: { column: 'on_date', value: '2026-01-01' },
      unique: { seq: () => 99 },
    },
    {
      // issue 16: a file swapped in the database would change what the center decided on
      table: OBJECTION_EVIDENCE_AUDITED,
      edit: { column: 'content', value: Buffer.from('%PDF-1.4\nforged\n%%EOF\n') },
    },
    {
      // issue 16: a repair's proof swapped in the database would change what the adoption rested on
      table: REPAIR_EVIDENCE_AUDITED,
      edit: { column: 'content', value: Buffer.from('%PDF-1.4\nforged\n%%EOF\n') },
    },
  ];

  it('issue 14 §3: the whole trail verifies after the writers wrote every table', async () => {
    const report = await verifyAudit(getStore());
    assert.deepEqual([report.breaks, report.rowProblems], [[], []]);
  });

  for (const c of cases) {
    it(`issue 14 §3: ${c.table.table} — an edited byte, a deleted row, a slipped-in row are each named`, async () => {
      await assertTamperEvident(getStore(), c);
    });
  }

  it('issue 14 §3: the registry holds every decision table, each column digested or excluded', async () => {
    const names = AUDITED_TABLES.map((table) => table.table);
    for (const c of cases) assert.ok(names.includes(c.table.table));
    // a column nobody registered is reported, so a later migration cannot widen a table unseen
    await sql`alter table consents add column note text`.execute(getStore().db);
    try {
      assert.deepEqual(await problems(getStore(), CONSENTS_AUDITED), [
        ['consents', null, 'column_unregistered'],
      ]);
    } finally {
      await sql`alter table consents drop column note`.execute(getStore().db);
    }
  });

  it("issue 14 §3: a list entry's status edited in the database turns a check's block into none — and verify names the row", async () => {
    const key = await t.ctx.accountsAdmin.issueApiKey({
      departmentCode: 'HA-CZJ',
      permissions: ['checks.run'],
      label: '政府采购系统',
      createdBy: 'test',
    });
    const [company] = await demoSubjects(t, 'organization');
    const check = async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/checks',
        headers: { authorization: `Bearer ${key.key}` },
        payload: {
          scenario: 'public_resource_trading',
          purpose: '投标资格审查',
          subjects: [{ code: company!.code }],
        },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().results[0].decision as string;
    };
    assert.equal(await check(), 'block');
    const entry = await t.ctx.store.db
      .selectFrom('list_entries')
      .select('id')
      .where('subject_id', '=', company!.id)
      .where('list_type', '=', 'black')
      .executeTakeFirstOrThrow();
    await sql`update list_entries set status = 'removed' where id = ${entry.id}`.execute(t.ctx.store.db);
    assert.equal(await check(), 'none', 'the edit took effect');
    const report = await verifyAudit(getStore());
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.rowProblems.map((p) => [p.table, p.id, p.reason]),
      [['list_entries', entry.id, 'row_digest_mismatch']],
    );
    await sql`update list_entries set status = 'active' where id = ${entry.id}`.execute(t.ctx.store.db);
    assert.equal((await verifyAudit(getStore())).ok, true);
  });
});
