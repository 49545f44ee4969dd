import type { Insertable, Selectable } from 'kysely';
import {
  NOTIFICATIONS_AUDITED,
  OBJECTION_EVIDENCE_AUDITED,
  REPAIR_EVIDENCE_AUDITED,
} from '../audit/index.ts';
import type { AuditedTable } from '../audit/row-digest.ts';
import { recordStoredTables } from '../audit/row-digests.service.ts';
import type { Db } from '../database.ts';
import type { NotificationTable } from '../lists/lists.tables.ts';
import type { StepWrite } from './objections.repository.ts';
import type { EvidenceColumns } from './procedures.tables.ts';

/** An evidence file's row, bytes included, without the column naming its procedure. */
export type EvidenceRow = Selectable<EvidenceColumns>;
/** An evidence file's row without its bytes: what views list. */
export type EvidenceMeta = Omit<EvidenceRow, 'content'>;

/**
 * Where a procedure keeps its evidence files: the table, the column naming the procedure, the
 * procedure's own table (locked while a file is added) and the table's row digests. The tables differ
 * only in that column (procedures.tables.ts EvidenceColumns).
 */
export type EvidenceStore = {
  table: 'objection_evidence' | 'repair_evidence';
  owner: 'objection_id' | 'repair_id';
  ownerTable: 'objections' | 'repairs';
  audited: AuditedTable;
};

export const OBJECTION_EVIDENCE: EvidenceStore = {
  table: 'objection_evidence',
  owner: 'objection_id',
  ownerTable: 'objections',
  audited: OBJECTION_EVIDENCE_AUDITED,
};

export const REPAIR_EVIDENCE: EvidenceStore = {
  table: 'repair_evidence',
  owner: 'repair_id',
  ownerTable: 'repairs',
  audited: REPAIR_EVIDENCE_AUDITED,
};

const META = [
  'id',
  'name',
  'file_type',
  'media_type',
  'size',
  'sm3',
  'supersedes',
  'note',
  'added_via',
  'added_by',
  'added_role',
  'purpose',
  'added_at',
] as const;

/**
 * Both tables seen as the objections' one: their common columns are the same, and the column naming
 * the procedure is `s.owner`, given by name. Only this file's queries use it.
 */
const named = (s: EvidenceStore) => ({
  table: s.table as 'objection_evidence',
  owner: s.owner as 'objection_id',
  ownerTable: s.ownerTable as 'objections',
});

/** Evidence files of objections and repairs (issue 16; decision 0033): append-only, under row digests. */
export const evidenceRepository = {
  /** Takes the procedure's row for this transaction (PostgreSQL: FOR UPDATE): files added one at a time. */
  async lockOwner(trx: Db, s: EvidenceStore, ownerId: string, engine: string): Promise<void> {
    if (engine !== 'postgres') return;
    const { ownerTable } = named(s);
    await trx.selectFrom(ownerTable).select(['id']).where('id', '=', ownerId).forUpdate().execute();
  },

  /** The evidence files of these procedures, without their bytes, in the order added, by procedure id. */
  async of(db: Db, s: EvidenceStore, ids: readonly string[]): Promise<Map<string, EvidenceMeta[]>> {
    const out = new Map<string, EvidenceMeta[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return out;
    const { table, owner } = named(s);
    const rows = await db
      .selectFrom(table)
      .select([...META, owner])
      .where(owner, 'in', [...ids])
      .orderBy(owner)
      .orderBy('id')
      .execute();
    for (const row of rows as (EvidenceMeta & Record<EvidenceStore['owner'], string>)[]) {
      const { [s.owner]: ownerId, ...meta } = row;
      out.get(ownerId)?.push({ ...meta, size: Number(meta.size) } as EvidenceMeta);
    }
    return out;
  },

  /** One evidence file of a procedure, bytes included. */
  async file(db: Db, s: EvidenceStore, ownerId: string, id: string): Promise<EvidenceRow | undefined> {
    const { table, owner } = named(s);
    return db
      .selectFrom(table)
      .select([...META, 'content'])
      .where(owner, '=', ownerId)
      .where('id', '=', id)
      .executeTakeFirst();
  },

  /**
   * Writes an evidence file and the notices that go with it, their row digests and the act's audit
   * entry, in the caller's transaction.
   */
  async add(
    trx: Db,
    s: EvidenceStore,
    row: Insertable<EvidenceColumns> & { owner: string },
    w: Pick<StepWrite, 'writer' | 'act'> & { notices?: Insertable<NotificationTable>[] },
  ): Promise<void> {
    const { owner: ownerId, ...columns } = row;
    const stored = { ...columns, [s.owner]: ownerId };
    await trx
      .insertInto(named(s).table)
      .values(stored as Insertable<EvidenceColumns> & { objection_id: string })
      .execute();
    const recorded: { table: AuditedTable; rows: Record<string, unknown>[] }[] = [
      { table: s.audited, rows: [stored] },
    ];
    if (w.notices && w.notices.length > 0) {
      const notices = await trx.insertInto('notifications').values(w.notices).returningAll().execute();
      recorded.push({ table: NOTIFICATIONS_AUDITED, rows: notices });
    }
    await recordStoredTables(trx, recorded, w.writer, [{ ...w.writer, ...w.act }]);
  },
};
