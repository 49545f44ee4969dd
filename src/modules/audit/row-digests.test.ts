import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { createSealer } from '../../platform/crypto/sealing.ts';
import { fromJson, toJson } from '../../platform/db/engine.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { describeEachEngine, type TestStore } from '../../testing/engines.ts';
import { subjectsRepository } from '../subjects/subjects.repository.ts';
import { readAuditEntries, readAuditHead } from './audit.repository.ts';
import { verifyAudit } from './audit.service.ts';
import { SUBJECTS_AUDITED } from './audited-tables.ts';
import { rowDigest } from './row-digest.ts';
import { recordRowsWritten, verifyRows } from './row-digests.service.ts';

const sealer = createSealer({ dataKey: Buffer.alloc(32, 7), indexKey: Buffer.alloc(32, 8) });
const meta = { actorId: 'intake', actorRole: 'system', policyId: 'huaian-2018', policyVersion: '1.0.0' };

/** A subjects row exactly as a repository inserts it (attributes as JSON text). */
function subjectRow(code: string, name: string, now = '2026-11-26T08:00:00.000Z') {
  return {
    id: uuidv7(),
    kind: 'person' as const,
    code_kind: 'citizen_id',
    code_digest: sealer.blindIndex(code),
    code_sealed: sealer.seal(code),
    name,
    region_code: '320803',
    attributes: toJson({ gender: 'female', birthDate: '1990-03-07', score: 87.5 }),
    created_at: now,
    updated_at: now,
  };
}

async function problems(store: TestStore, options: { maxRowsInMemory?: number } = {}) {
  const report = await verifyAudit(store, [SUBJECTS_AUDITED], options);
  assert.equal(report.firstBroken, undefined, 'the chain itself stays intact');
  return report.rowProblems.map((p) => [p.table, p.id, p.reason]);
}

async function takeSubject(store: TestStore, id: string) {
  const row = await store.db
    .selectFrom('subjects')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return async () => {
    await store.db.deleteFrom('subjects').where('id', '=', id).execute();
    await store.db
      .insertInto('subjects')
      .values({ ...row, attributes: toJson(fromJson(row.attributes)) })
      .execute();
  };
}

describeEachEngine('row digests of immutable tables', (getStore) => {
  const written = [subjectRow('A1', '王芳'), subjectRow('A2', '李强'), subjectRow('A3', '张伟')];
  const target = written[1]!.id;

  it('records the rows as written, in the writer transaction, and they verify (A20, B33)', async () => {
    const store = getStore();
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('subjects').values(written).execute();
      const [entry] = await recordRowsWritten(trx, { table: SUBJECTS_AUDITED, rows: written }, meta);
      assert.equal(entry?.action, 'rows.written');
      assert.deepEqual(
        entry?.detail.rows,
        written.map((r) => [r.id, rowDigest(SUBJECTS_AUDITED, r)]),
      );
    });
    const report = await verifyAudit(store, [SUBJECTS_AUDITED]);
    assert.equal(report.ok, true, JSON.stringify(report.rowProblems));
    assert.equal(report.rowsChecked, 3);
  });

  it('records rows registered through subjectsRepository.ensure, one entry per batch', async () => {
    const store = getStore();
    const now = '2026-11-26T09:00:00.000Z';
    const person = { kind: 'person' as const, codeKind: 'citizen_id', regionCode: null, attributes: {} };
    await subjectsRepository(store, sealer).ensure(
      [
        { ...person, code: 'B1', name: '赵敏' },
        { ...person, code: 'B2', name: '钱进' },
      ],
      now,
      meta,
    );
    const recorded = [];
    for await (const e of readAuditEntries(store.db, { action: 'rows.written' })) recorded.push(e);
    const last = recorded.at(-1)!;
    assert.deepEqual(
      (last.detail.rows as [string, string][]).length,
      2,
      'one rows.written entry for the batch, in the same transaction',
    );
    const report = await verifyAudit(store, [SUBJECTS_AUDITED]);
    assert.equal(report.ok, true, JSON.stringify(report.rowProblems));
    assert.equal(report.rowsChecked, 5);
  });

  it('names table and id of a row edited in place by one character (A20, B33)', async () => {
    const store = getStore();
    const restore = await takeSubject(store, target);
    await sql`update subjects set name = '李强x' where id = ${target}`.execute(store.db);
    assert.deepEqual(await problems(store), [['subjects', target, 'row_digest_mismatch']]);
    assert.deepEqual(await problems(store, { maxRowsInMemory: 2 }), [
      ['subjects', target, 'row_digest_mismatch'],
    ]);
    await restore();
    await sql`update subjects set attributes = ${toJson({ gender: 'female', birthDate: '1990-03-08', score: 87.5 })} where id = ${target}`.execute(
      store.db,
    );
    assert.deepEqual(await problems(store), [['subjects', target, 'row_digest_mismatch']]);
    await restore();
    assert.deepEqual(await problems(store), []);
  });

  it('names a recorded row that was deleted as row_missing (A20, B33)', async () => {
    const store = getStore();
    const restore = await takeSubject(store, target);
    await sql`delete from subjects where id = ${target}`.execute(store.db);
    const report = await verifyAudit(store, [SUBJECTS_AUDITED]);
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.rowProblems.map((p) => [p.table, p.id, p.reason, p.seq]),
      [['subjects', target, 'row_missing', 1]],
    );
    await restore();
    assert.deepEqual(await problems(store), []);
  });

  it('names a row inserted behind the chain as row_unrecorded (A20, B33)', async () => {
    const store = getStore();
    const smuggled = subjectRow('C1', '孙黑');
    await store.db.insertInto('subjects').values(smuggled).execute();
    assert.deepEqual(await problems(store), [['subjects', smuggled.id, 'row_unrecorded']]);
    assert.deepEqual(await problems(store, { maxRowsInMemory: 1 }), [
      ['subjects', smuggled.id, 'row_unrecorded'],
    ]);
    await store.db.deleteFrom('subjects').where('id', '=', smuggled.id).execute();
    assert.deepEqual(await problems(store), []);
  });

  it('does not mistake a row recorded while verification runs for an unrecorded one', async () => {
    const store = getStore();
    const head = await readAuditHead(store.db);
    const late = subjectRow('D1', '周新');
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('subjects').values(late).execute();
      await recordRowsWritten(trx, { table: SUBJECTS_AUDITED, rows: [late] }, meta);
    });
    const verdict = await verifyRows(store, [SUBJECTS_AUDITED], { untilSeq: head!.seq });
    assert.deepEqual(verdict.problems, []);
  });

  it('reports a column the registry neither digests nor excludes', async () => {
    const { updated_at: _, ...columns } = SUBJECTS_AUDITED.columns;
    const verdict = await verifyRows(getStore(), [{ ...SUBJECTS_AUDITED, columns }]);
    assert.deepEqual(
      verdict.problems.filter((p) => p.reason === 'column_unregistered').map((p) => p.detail),
      ['column subjects.updated_at is neither digested nor excluded: changes to it would go unseen'],
    );
    const excluded = await verifyRows(getStore(), [
      { ...SUBJECTS_AUDITED, columns, excluded: ['updated_at'] },
    ]);
    assert.deepEqual(excluded.problems, []);
  });

  it('refuses to record a row that lacks a registered column', async () => {
    const { name: _, ...incomplete } = subjectRow('E1', '吴');
    await assert.rejects(
      recordRowsWritten(getStore(), { table: SUBJECTS_AUDITED, rows: [incomplete] }, meta),
      (e: unknown) => e instanceof AppError && e.code === 'AUDIT_ROW_INCOMPLETE',
    );
  });
});
