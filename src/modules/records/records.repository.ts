import type { Insertable } from 'kysely';
import { inChunks } from '../../platform/chunks.ts';
import { fromJson, toCount } from '../../platform/db/engine.ts';
import { insertRows } from '../../platform/db/insert-rows.ts';
import type { Db, Store } from '../database.ts';
import type { DerivedLatest } from './derived-records.ts';
import type { ComparableVersion } from './record-change.ts';
import type { IntakeBatchTable, RecordTable, SubjectNameConflictTable } from './records.tables.ts';

/** The latest version of a provider's record, as idempotency needs it. */
export type LatestVersion = {
  id: string;
  recordKey: string;
  version: number;
  itemCode: string;
  contentFingerprint: string;
  /** the change basis it rests on (W3), if any */
  changeBasisId?: string | null;
};

export type StoredRecord = Omit<RecordTable, 'fields'> & { fields: Record<string, unknown> };

export type DepartmentIntakeStats = {
  department: string;
  /** record versions received (created and new versions) */
  pushed: number;
  /** of which list decisions pushed later than the policy's limit (A9) */
  late: number;
  /** of which counted on a provisional calendar (a year without an official schedule) */
  provisional: number;
  /** rows refused for their own errors */
  refused: number;
};

/** Every column of `records` (the type check keeps it complete), in the order inserts bind them. */
const RECORD_TEMPLATE = {
  id: null,
  record_key: null,
  version: null,
  item_code: null,
  item_version: null,
  provider_department: null,
  provider_record_id: null,
  subject_id: null,
  subject_name: null,
  subject_ground: null,
  severity: null,
  identified_on: null,
  received_at: null,
  validity_ends_on: null,
  policy_id: null,
  policy_version: null,
  fields: null,
  content_digest: null,
  reason: null,
  push_workdays: null,
  push_late: null,
  push_provisional: null,
  batch_id: null,
  change_basis_kind: null,
  change_basis_id: null,
  derived_from: null,
  derived_from_key: null,
  derived_basis: null,
  derived_role: null,
  derived_ended: null,
  withdrawn: null,
} satisfies Record<keyof RecordTable, null>;
const RECORD_COLUMNS = Object.keys(RECORD_TEMPLATE) as (keyof RecordTable)[];
// Rows per INSERT: a few hundred is where both engines insert fastest (docs/PERFORMANCE.md), far
// inside either engine's bind-parameter limit. A shorter rest is inserted in power-of-two parts, so at most nine
// statement texts exist and the engine's statement cache (sqlite.ts) keeps each prepared.
const RECORD_ROWS_PER_INSERT = 256;

// Values per IN list: lists are queried in parts of these sizes, a shorter part padded by repeating a
// value (which IN ignores), so a lookup has three statement texts whatever the batch size; a text per
// list length would fill the statement cache with large statements.
const IN_LIST_SIZES = [1000, 100, 10] as const;

/** `values` in IN lists of the sizes above (duplicates padding the last), none for no values. */
function inLists(values: readonly string[]): string[][] {
  const lists: string[][] = [];
  for (const list of inChunks(values, IN_LIST_SIZES[0])) {
    const size = IN_LIST_SIZES.findLast((s) => s >= list.length) ?? IN_LIST_SIZES[0];
    while (list.length < size) list.push(list[0]!);
    lists.push(list);
  }
  return lists;
}

/** Sizes of the INSERTs for `n` rows: full chunks, then the rest in powers of two. */
function insertSizes(n: number, chunk: number): number[] {
  const sizes: number[] = [];
  let rest = n;
  for (; rest >= chunk; rest -= chunk) sizes.push(chunk);
  for (let part = 1 << 30; rest > 0; part >>= 1) {
    if (part <= rest) {
      sizes.push(part);
      rest -= part;
    }
  }
  return sizes;
}

/** Rows per statement so that `columns` bind parameters a row stay inside the engine's limit. */
export function rowsPerStatement(store: Store, columns: number): number {
  return Math.max(1, Math.floor(store.capabilities.maxBindParameters / columns / 2));
}

/**
 * The SQL of intake. Writers take the transaction explicitly (the service owns it); records are only
 * ever inserted — a change is the next version, so no UPDATE or DELETE of `records` exists here.
 */
export function recordsRepository(store: Store) {
  const { db } = store;
  const recordChunk = Math.min(RECORD_ROWS_PER_INSERT, rowsPerStatement(store, RECORD_COLUMNS.length));

  return {
    /** providerRecordId → its latest version, for one department's ids (B4: the key includes it). */
    async latestVersions(trx: Db, department: string, ids: string[]): Promise<Map<string, LatestVersion>> {
      const latest = new Map<string, LatestVersion>();
      for (const list of inLists(ids)) {
        const rows = await trx
          .selectFrom('records')
          .select([
            'id',
            'record_key',
            'version',
            'item_code',
            'content_digest',
            'provider_record_id',
            'change_basis_id',
          ])
          .where('provider_department', '=', department)
          .where('provider_record_id', 'in', list)
          // B26 records are the platform's (derived-records.ts): no push ever plans against one
          .where('derived_from', 'is', null)
          .execute();
        for (const row of rows) {
          const seen = latest.get(row.provider_record_id);
          if (seen && seen.version >= Number(row.version)) continue;
          latest.set(row.provider_record_id, {
            id: row.id,
            recordKey: row.record_key,
            version: Number(row.version),
            itemCode: row.item_code,
            contentFingerprint: row.content_digest,
            changeBasisId: row.change_basis_id,
          });
        }
      }
      return latest;
    },

    /**
     * Stored versions by id, as a change of them is compared (issue 15 W3): the subject's blind
     * index, severity, dates and fields (parsed; code fields as `{ sealed, index }`).
     */
    async comparableVersions(trx: Db, ids: string[]): Promise<Map<string, ComparableVersion>> {
      const found = new Map<string, ComparableVersion>();
      for (const list of inLists(ids)) {
        const rows = await trx
          .selectFrom('records')
          .innerJoin('subjects', 'subjects.id', 'records.subject_id')
          .select([
            'records.id',
            'subjects.code_digest',
            'records.severity',
            'records.identified_on',
            'records.validity_ends_on',
            'records.fields',
            'records.change_basis_id',
            'records.withdrawn',
          ])
          .where('records.id', 'in', list)
          .execute();
        for (const row of rows) {
          found.set(row.id, {
            subjectIndex: row.code_digest,
            severity: row.severity,
            identifiedOn: row.identified_on,
            validityEndsOn: row.validity_ends_on,
            fields: fromJson(row.fields) as Record<string, unknown>,
            changeBasisId: row.change_basis_id,
            withdrawn: row.withdrawn === 1,
          });
        }
      }
      return found;
    },

    /** The versions that already rest on these change bases (issue 15 W3: one basis, one version). */
    async versionsNamingBases(
      trx: Db,
      basisIds: string[],
    ): Promise<Map<string, { recordKey: string; version: number }>> {
      const found = new Map<string, { recordKey: string; version: number }>();
      for (const list of inLists(basisIds)) {
        const rows = await trx
          .selectFrom('records')
          .select(['change_basis_id', 'record_key', 'version'])
          .where('change_basis_id', 'in', list)
          .execute();
        for (const row of rows) {
          found.set(row.change_basis_id!, { recordKey: row.record_key, version: Number(row.version) });
        }
      }
      return found;
    },

    /**
     * Subjects by blind index (code digest) → id and registered name. A read of the subjects table
     * for name-conflict detection; subjects are written only by the subjects repository.
     */
    async subjectsByBlindIndex(
      trx: Db,
      digests: string[],
    ): Promise<Map<string, { id: string; name: string }>> {
      const found = new Map<string, { id: string; name: string }>();
      for (const list of inLists(digests)) {
        const rows = await trx
          .selectFrom('subjects')
          .select(['id', 'name', 'code_digest'])
          .where('code_digest', 'in', list)
          .execute();
        for (const row of rows) found.set(row.code_digest, { id: row.id, name: row.name });
      }
      return found;
    },

    async insertBatch(trx: Db, batch: Insertable<IntakeBatchTable>): Promise<void> {
      await trx.insertInto('intake_batches').values(batch).execute();
    },

    /**
     * Multi-row inserts in chunks, each a statement whose text is compiled once and reused with the
     * rows' values bound in column order. Nothing is read back: the caller digests the rows it built,
     * which are the rows as stored (see `buildRecords`).
     */
    async insertRecords(trx: Db, rows: readonly Insertable<RecordTable>[]): Promise<void> {
      // The INSERT text of each size is compiled once (platform/db/insert-rows.ts).
      let i = 0;
      for (const n of insertSizes(rows.length, recordChunk)) {
        const values: unknown[][] = new Array(n);
        for (let r = 0; r < n; r++) {
          const row = rows[i + r]!;
          values[r] = RECORD_COLUMNS.map((column) => row[column] ?? null);
        }
        await insertRows(trx, 'records', RECORD_COLUMNS, values);
        i += n;
      }
    },

    /** A name already flagged for this subject is not flagged twice (a retried push). */
    async insertNameConflicts(trx: Db, rows: Insertable<SubjectNameConflictTable>[]): Promise<void> {
      for (const part of inChunks(rows, rowsPerStatement(store, 10))) {
        await trx
          .insertInto('subject_name_conflicts')
          .values(part)
          .onConflict((oc) => oc.columns(['subject_id', 'submitted_name']).doNothing())
          .execute();
      }
    },

    /** Every version of one provider's record, oldest first. */
    async versions(department: string, providerRecordId: string): Promise<StoredRecord[]> {
      const rows = await db
        .selectFrom('records')
        .selectAll()
        .where('provider_department', '=', department)
        .where('provider_record_id', '=', providerRecordId)
        .orderBy('version')
        .execute();
      return rows.map((r) => ({ ...r, version: Number(r.version), fields: fromJson(r.fields) }));
    },

    /** Every version of every record about a subject, by record and version (reads pick the latest). */
    async versionsOfSubject(subjectId: string): Promise<RecordTable[]> {
      const rows = await db
        .selectFrom('records')
        .selectAll()
        .where('subject_id', '=', subjectId)
        .orderBy('record_key')
        .orderBy('version')
        .execute();
      return rows as RecordTable[];
    },

    /** Whether the subject is a person or an organization (the reads' A7 rule for counterparties). */
    async subjectKind(subjectId: string): Promise<'person' | 'organization' | undefined> {
      const row = await db
        .selectFrom('subjects')
        .select('kind')
        .where('id', '=', subjectId)
        .executeTakeFirst();
      return row?.kind as 'person' | 'organization' | undefined;
    },

    /**
     * B26: the latest version of every person's record written from these source records (by source
     * key), in the caller's transaction.
     */
    async latestDerivedOf(trx: Db, sourceKeys: readonly string[]): Promise<DerivedLatest[]> {
      const latest = new Map<string, DerivedLatest>();
      for (const part of inChunks(sourceKeys, IN_LIST_SIZES[0])) {
        const rows = await trx
          .selectFrom('records')
          .select([
            'id',
            'record_key',
            'version',
            'subject_id',
            'derived_from',
            'derived_from_key',
            'derived_role',
            'derived_ended',
          ])
          .where('derived_from_key', 'in', part)
          .execute();
        for (const r of rows) {
          const seen = latest.get(r.record_key);
          if (seen && seen.version >= Number(r.version)) continue;
          latest.set(r.record_key, {
            id: r.id,
            recordKey: r.record_key,
            version: Number(r.version),
            subjectId: r.subject_id,
            sourceKey: r.derived_from_key!,
            derivedFrom: r.derived_from!,
            role: r.derived_role ?? '',
            ended: Number(r.derived_ended) === 1,
          });
        }
      }
      return [...latest.values()];
    },

    /** The current version of each record a provider pushed about a subject (B26 records left out). */
    async currentPushedOfSubject(trx: Db, subjectId: string): Promise<RecordTable[]> {
      const rows = await trx
        .selectFrom('records')
        .selectAll()
        .where('subject_id', '=', subjectId)
        .where('derived_from', 'is', null)
        .orderBy('record_key')
        .orderBy('version')
        .execute();
      const current = new Map<string, RecordTable>();
      for (const row of rows as RecordTable[]) current.set(row.record_key, row);
      return [...current.values()];
    },

    /**
     * B26: the subject each source version is about (the organization), with its name and sealed code,
     * for the view of a person's record written from it.
     */
    async subjectsOfRecords(
      ids: readonly string[],
    ): Promise<Map<string, { subjectId: string; name: string; codeSealed: string }>> {
      const out = new Map<string, { subjectId: string; name: string; codeSealed: string }>();
      for (const part of inChunks(ids, IN_LIST_SIZES[0])) {
        const rows = await db
          .selectFrom('records as r')
          .innerJoin('subjects as s', 's.id', 'r.subject_id')
          .select(['r.id', 's.id as subject_id', 's.name', 's.code_sealed'])
          .where('r.id', 'in', part)
          .execute();
        for (const r of rows) {
          out.set(r.id, { subjectId: r.subject_id, name: r.name, codeSealed: r.code_sealed });
        }
      }
      return out;
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('records')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return toCount(row.n);
    },

    async nameConflicts(subjectId: string): Promise<SubjectNameConflictTable[]> {
      return db
        .selectFrom('subject_name_conflicts')
        .selectAll()
        .where('subject_id', '=', subjectId)
        .orderBy('detected_at')
        .execute();
    },

    /**
     * Per-department intake figures for receipts in [fromInstant, toInstant) (A9, A22; B35 reports
     * build on them): record versions received, late and provisional ones, and refused rows.
     */
    async stats(fromInstant: string, toInstant: string): Promise<DepartmentIntakeStats[]> {
      const pushed = await db
        .selectFrom('records')
        .select((eb) => [
          'provider_department',
          eb.fn.countAll().as('pushed'),
          eb.fn.sum<number>('push_late').as('late'),
          eb.fn.sum<number>('push_provisional').as('provisional'),
        ])
        .where('received_at', '>=', fromInstant)
        .where('received_at', '<', toInstant)
        // B26 records written by the platform are no push of the provider's
        .where('derived_from', 'is', null)
        .groupBy('provider_department')
        .execute();
      const refused = await db
        .selectFrom('intake_batches')
        .select((eb) => ['provider_department', eb.fn.sum<number>('refused').as('refused')])
        .where('started_at', '>=', fromInstant)
        .where('started_at', '<', toInstant)
        .groupBy('provider_department')
        .execute();
      const byDepartment = new Map<string, DepartmentIntakeStats>();
      const entry = (department: string) => {
        let found = byDepartment.get(department);
        if (!found) {
          found = { department, pushed: 0, late: 0, provisional: 0, refused: 0 };
          byDepartment.set(department, found);
        }
        return found;
      };
      for (const row of pushed) {
        const e = entry(row.provider_department);
        e.pushed = toCount(row.pushed);
        e.late = toCount(row.late);
        e.provisional = toCount(row.provisional);
      }
      for (const row of refused) entry(row.provider_department).refused = toCount(row.refused);
      return [...byDepartment.values()].sort((a, b) => a.department.localeCompare(b.department));
    },
  };
}

export type RecordsRepository = ReturnType<typeof recordsRepository>;
