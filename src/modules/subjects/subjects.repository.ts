import { inChunks } from '../../platform/chunks.ts';
import type { Sealer } from '../../platform/crypto/sealing.ts';
import { fromJson, toCount, toJson } from '../../platform/db/engine.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type RowsWrittenMeta, SUBJECTS_AUDITED } from '../audit/index.ts';
import { recordRowsWritten } from '../audit/row-digests.service.ts';
import type { Db, Store } from '../database.ts';
import type { CodeCheck } from '../identity-codes/index.ts';
import { indexSubjects } from '../subject-search/search-index.repository.ts';

export type SubjectKind = 'person' | 'organization';

/** 信息主体: a natural person keyed by citizen ID, or an organization keyed by USCC / organization code. */
export type Subject = {
  id: string;
  kind: SubjectKind;
  /** normalized identity code, opened from its sealed form */
  code: string;
  codeKind: string;
  name: string;
  regionCode: string | null;
  attributes: Record<string, unknown>;
  createdAt: string;
};

export type NewSubject = Omit<Subject, 'id' | 'createdAt'>;

/** A subject to register, with what its checked code says: the region, and a person's gender and birth date. */
export function newSubjectOf(
  subject: { kind: SubjectKind; code: string; codeKind: string; name: string },
  check: CodeCheck,
): NewSubject {
  return {
    ...subject,
    regionCode: check.region?.code ?? null,
    attributes: subject.kind === 'person' ? { gender: check.gender, birthDate: check.birthDate } : {},
  };
}

/**
 * Subjects are found by code through the blind index only; the plaintext code never reaches the
 * database (B33, C §4). Names stay searchable (name search is a later capability).
 */
export function subjectsRepository(store: Store, sealer: Sealer) {
  const { db, capabilities } = store;
  const open = (r: {
    id: string;
    kind: SubjectKind;
    code_kind: string;
    code_sealed: string;
    name: string;
    region_code: string | null;
    attributes: unknown;
    created_at: string;
  }): Subject => ({
    id: r.id,
    kind: r.kind,
    code: sealer.open(r.code_sealed),
    codeKind: r.code_kind,
    name: r.name,
    regionCode: r.region_code,
    attributes: fromJson<Record<string, unknown>>(r.attributes),
    createdAt: r.created_at,
  });

  return {
    /**
     * Registers subjects whose code is not known yet; a known code is left as it is (name changes
     * are the intake issue's reviewed path, never a silent overwrite). The digests of the rows
     * written go into the audit chain in the same transaction (A20), so an edited, deleted or
     * smuggled-in row is detected by `xinyong audit verify`. Returns how many were new. `within`:
     * the caller's transaction (B26 registers the legal representative a row names inside the batch's
     * transaction); otherwise each part commits in a transaction of its own.
     */
    async ensure(subjects: NewSubject[], now: string, audit: RowsWrittenMeta, within?: Db): Promise<number> {
      let inserted = 0;
      // 10 columns a row: stay well inside the engine's bind-parameter limit.
      const chunk = Math.max(1, Math.floor(capabilities.maxBindParameters / 10 / 2));
      for (const part of inChunks(subjects, chunk)) {
        const rows = part.map((s) => ({
          id: uuidv7(),
          kind: s.kind,
          code_kind: s.codeKind,
          code_digest: sealer.blindIndex(s.code),
          code_sealed: sealer.seal(s.code),
          name: s.name,
          region_code: s.regionCode,
          attributes: toJson(s.attributes),
          created_at: now,
          updated_at: now,
        }));
        inserted += await inTransaction(within ?? db, async (trx) => {
          const written = await trx
            .insertInto('subjects')
            .values(rows)
            .onConflict((oc) => oc.column('code_digest').doNothing())
            .returningAll()
            .execute();
          if (written.length > 0) {
            await recordRowsWritten(trx, { table: SUBJECTS_AUDITED, rows: written }, audit);
            // Name search (issue 5 point 8) finds a subject from the moment it is registered.
            await indexSubjects(trx, capabilities, written);
          }
          return written.length;
        });
      }
      return inserted;
    },

    async findByCode(code: string): Promise<Subject | undefined> {
      const row = await db
        .selectFrom('subjects')
        .selectAll()
        .where('code_digest', '=', sealer.blindIndex(code))
        .executeTakeFirst();
      return row ? open(row) : undefined;
    },

    async findById(id: string): Promise<Subject | undefined> {
      const row = await db.selectFrom('subjects').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? open(row) : undefined;
    },

    /** Subjects by id, in one query per bind-parameter-sized slice (ids not found are absent). */
    async findByIds(ids: readonly string[]): Promise<Map<string, Subject>> {
      const found = new Map<string, Subject>();
      const unique = [...new Set(ids)];
      const chunk = Math.floor(capabilities.maxBindParameters / 2);
      for (const part of inChunks(unique, chunk)) {
        const rows = await db.selectFrom('subjects').selectAll().where('id', 'in', part).execute();
        for (const row of rows) found.set(row.id, open(row));
      }
      return found;
    },

    /** Maps codes to subject ids (codes not registered are absent). */
    async idsByCode(codes: string[]): Promise<Map<string, string>> {
      const byIndex = new Map(codes.map((code) => [sealer.blindIndex(code), code]));
      const ids = new Map<string, string>();
      const indexes = [...byIndex.keys()];
      const chunk = Math.floor(capabilities.maxBindParameters / 2);
      for (const part of inChunks(indexes, chunk)) {
        const rows = await db
          .selectFrom('subjects')
          .select(['id', 'code_digest'])
          .where('code_digest', 'in', part)
          .execute();
        for (const row of rows) ids.set(byIndex.get(row.code_digest)!, row.id);
      }
      return ids;
    },

    async count(kind?: SubjectKind): Promise<number> {
      let query = db.selectFrom('subjects').select((eb) => eb.fn.countAll().as('n'));
      if (kind) query = query.where('kind', '=', kind);
      const row = await query.executeTakeFirstOrThrow();
      return toCount(row.n);
    },

    /** The first subjects of a kind registered (by registration time, then id). */
    async firstRegistered(kind: SubjectKind, limit: number): Promise<Subject[]> {
      const rows = await db
        .selectFrom('subjects')
        .selectAll()
        .where('kind', '=', kind)
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(open);
    },

    async list(options: { kind?: SubjectKind; limit: number; offset: number }): Promise<Subject[]> {
      let query = db
        .selectFrom('subjects')
        .selectAll()
        .orderBy('id')
        .limit(options.limit)
        .offset(options.offset);
      if (options.kind) query = query.where('kind', '=', options.kind);
      return (await query.execute()).map(open);
    },
  };
}
export type SubjectsRepository = ReturnType<typeof subjectsRepository>;
