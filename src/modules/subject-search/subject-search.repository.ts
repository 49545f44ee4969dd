import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Sealer } from '../../platform/crypto/sealing.ts';
import { toCount } from '../../platform/db/engine.ts';
import type { Database, Store } from '../database.ts';
import { type FetchChunk, type Posting, type Probe, raceWalks } from './posting-walk.ts';
import {
  keyMatch,
  type Match,
  type MatchReason,
  nameMatch,
  nameMatchClass,
  rankMatches,
  shownMatch,
} from './search-ranking.ts';
import { prefixUpperBound, type SearchKind, type SearchQuery, termGrams } from './search-text.ts';

/**
 * A gram with at most this many postings is read whole and ranked in memory; when every gram of the
 * query has more, posting lists are walked in index order, shorter names first (posting-walk.ts).
 */
export const SELECTIVE_POSTINGS = 1000;
/** Long queries: the rarity of at most this many grams is measured (spread over the query). */
const MAX_MEASURED_GRAMS = 12;
const KINDS: readonly SearchKind[] = ['person', 'organization'];

export type SubjectSearchHit = {
  subjectId: string;
  kind: SearchKind;
  name: string;
  /** the identity code, opened from its sealed form (staff and systems only, B33) */
  code: string;
  codeKind: string;
  regionCode: string | null;
  matchedBy: MatchReason[];
  matched: string;
};

type SearchDb = Store['db'];
/** Postings aliased `c` (the chunk or list being read), probed postings `p`. */
type Probing = Database & {
  c: Pick<Database['subject_search_grams'], 'kind' | 'name_length' | 'subject_id'>;
};
type Gram = { gram: string; n: number };

/** The postings of one gram with the searchable names, to check terms against. */
const withNames = (db: SearchDb) =>
  db
    .selectFrom('subject_search_grams as c')
    .innerJoin('subject_search as s', 's.subject_id', 'c.subject_id')
    .select(['c.subject_id', 'c.name_length', 's.name_norm', 's.traditional']);

const toPosting = (r: {
  subject_id: string;
  name_length: number;
  name_norm: string;
  traditional: number;
}) => ({
  subjectId: r.subject_id,
  nameLength: r.name_length,
  nameNorm: r.name_norm,
  traditional: r.traditional === 1,
});

/**
 * The posting must also be in these grams' lists: a seek in the same covering index, far cheaper
 * than reading the name, so only postings that pass read it.
 */
const probed =
  (probes: readonly Probe[]) =>
  (eb: ExpressionBuilder<Probing, 'c'>): Expression<SqlBool> =>
    eb.and(
      probes.map((probe) =>
        eb.exists(
          eb
            .selectFrom('subject_search_grams as p')
            .select(sql.lit(1).as('one'))
            .where('p.gram', '=', probe.gram)
            .whereRef('p.kind', '=', 'c.kind')
            .where('p.at_start', 'in', probe.atStarts)
            .whereRef('p.name_length', '=', 'c.name_length')
            .whereRef('p.subject_id', '=', 'c.subject_id'),
        ),
      ),
    );

/** Postings per gram, counted up to `cap` + 1 (one statement, each branch bounded). */
async function gramRarity(db: SearchDb, grams: readonly string[], kinds: readonly SearchKind[], cap: number) {
  const branches = grams.map((gram, i) =>
    db
      .selectFrom(
        db
          .selectFrom('subject_search_grams')
          .select('subject_id')
          .where('gram', '=', gram)
          .where('kind', 'in', kinds)
          .limit(cap + 1)
          .as('p'),
      )
      .select((eb) => [sql.lit(i).as('i'), eb.fn.countAll().as('n')]),
  );
  let query = branches[0]!;
  for (const branch of branches.slice(1)) query = query.unionAll(branch);
  const counts = new Array<number>(grams.length).fill(0);
  for (const row of await query.execute()) counts[Number(row.i)] = toCount(row.n);
  return counts;
}

/** Up to MAX_MEASURED_GRAMS grams spread over the query, the first term's first gram always among them. */
function measuredGrams(query: SearchQuery): string[] {
  const all = [...new Set(query.terms.flatMap(termGrams))];
  const step = Math.ceil(all.length / MAX_MEASURED_GRAMS);
  return all.filter((_, i) => i % step === 0);
}

/**
 * The name search read side: bigram posting lists for names (exact, prefix, partial, traditional),
 * pinyin and initials prefixes, ranked together; codes are opened only for the page returned.
 * `selectivePostings` and `firstChunk` exist for tests, to drive small data down the large-table path.
 */
export function subjectSearchRepository(
  store: Store,
  sealer: Sealer,
  options: { selectivePostings?: number; firstChunk?: number } = {},
) {
  const { db } = store;
  const selective = options.selectivePostings ?? SELECTIVE_POSTINGS;
  const { firstChunk } = options;

  /**
   * Where the next chunk of a posting list ends, then the first `want` postings in it that pass the
   * probes, with their names: a chunk with many matches reads only the names it can use. The chunk
   * is a LIMITed subquery so the planner knows how small it is (PostgreSQL would otherwise hash a
   * whole probed posting list).
   */
  const fetchChunk: FetchChunk = async (stream, after, size, want) => {
    const chunk = db
      .selectFrom('subject_search_grams as c')
      .select(['c.kind', 'c.name_length', 'c.subject_id'])
      .where('c.gram', '=', stream.gram)
      .where('c.kind', '=', stream.kind)
      .where('c.at_start', '=', stream.atStart)
      .$if(after !== undefined, (q) =>
        q.where((eb) =>
          eb(
            eb.refTuple('c.name_length', 'c.subject_id'),
            '>',
            eb.tuple(after!.nameLength, after!.subjectId),
          ),
        ),
      )
      .orderBy('c.name_length')
      .orderBy('c.subject_id');
    const end = await chunk
      .limit(1)
      .offset(size - 1)
      .executeTakeFirst();
    const rows = await db
      .selectFrom(chunk.limit(size).as('c'))
      .innerJoin('subject_search as s', 's.subject_id', 'c.subject_id')
      .select(['c.subject_id', 'c.name_length', 's.name_norm', 's.traditional'])
      .where(probed(stream.probes))
      .orderBy('c.name_length')
      .orderBy('c.subject_id')
      .limit(want)
      .execute();
    const lastRead = rows.length === want ? rows[rows.length - 1] : end;
    return {
      postings: rows.map(toPosting),
      last: lastRead && { nameLength: lastRead.name_length, subjectId: lastRead.subject_id },
    };
  };

  async function nameMatches(
    query: SearchQuery,
    kinds: readonly SearchKind[],
    limit: number,
  ): Promise<Match[]> {
    const grams = measuredGrams(query);
    const counts = await gramRarity(db, grams, kinds, selective);
    const byRarity = grams.map((gram, i) => ({ gram, n: counts[i]! })).sort((a, b) => a.n - b.n);
    const rarest = byRarity[0]!;
    if (rarest.n === 0) return [];
    const [first] = query.terms as [string, ...string[]];
    const toMatches = (postings: Posting[]): Match[] =>
      postings.flatMap((p) => {
        const how = nameMatch(p.nameNorm, query);
        return how ? [{ subjectId: p.subjectId, nameLength: p.nameLength, matched: '', ...how }] : [];
      });

    if (rarest.n <= selective && query.terms.length === 1 && first === rarest.gram) {
      // A two-character query is its own gram: the index alone says exact, prefix or partial.
      const rows = await db
        .selectFrom('subject_search_grams')
        .select(['subject_id', 'at_start', 'name_length'])
        .where('gram', '=', rarest.gram)
        .where('kind', 'in', kinds)
        .execute();
      const atStart = new Set(rows.filter((r) => r.at_start === 1).map((r) => r.subject_id));
      return rows.map((r) => ({
        subjectId: r.subject_id,
        nameLength: r.name_length,
        matched: '',
        ...nameMatchClass(atStart.has(r.subject_id), atStart.has(r.subject_id) && r.name_length === 2, query),
      }));
    }
    if (rarest.n <= selective) {
      const rows = await withNames(db)
        .where('c.gram', '=', rarest.gram)
        .where('c.kind', 'in', kinds)
        .where(probed(probesFor(query, byRarity, rarest.gram, 'partial')))
        .execute();
      return toMatches(rows.map(toPosting));
    }

    // Only common grams: walk posting lists shortest name first, prefix matches before the others,
    // one walk per candidate gram (posting-walk.ts).
    const walks = (phase: 'prefix' | 'partial') =>
      candidateGrams(query, byRarity).map((gram) => {
        const probes = probesFor(query, byRarity, gram, phase);
        return kinds.flatMap((kind) =>
          atStartsFor(query, gram, phase).map((atStart) => ({ gram, kind, atStart, probes })),
        );
      });
    const matches = (p: Posting, prefix: boolean): boolean =>
      p.nameNorm.startsWith(first) === prefix && query.terms.every((t) => p.nameNorm.includes(t));
    const prefixed = await raceWalks(walks('prefix'), (p) => matches(p, true), limit, fetchChunk, firstChunk);
    if (prefixed.length >= limit) return toMatches(prefixed);
    const partial = await raceWalks(
      walks('partial'),
      (p) => matches(p, false),
      limit - prefixed.length,
      fetchChunk,
      firstChunk,
    );
    return toMatches([...prefixed, ...partial]);
  }

  /**
   * Latin queries: pinyin and initials prefixes, shortest names first. One index range per kind and
   * name length (bounded by the lengths that exist), each LIMITed, in one statement per key: both
   * engines seek each range, where a single range over all lengths made PostgreSQL scan a kind.
   */
  async function keyMatches(pinyin: string, kinds: readonly SearchKind[], limit: number): Promise<Match[]> {
    const bound = prefixUpperBound(pinyin);
    const lengths = await nameLengths(kinds);
    const matches: Match[] = [];
    for (const column of ['pinyin', 'initials'] as const) {
      const branches = lengths.map(({ kind, nameLength }) =>
        db
          .selectFrom(
            db
              .selectFrom('subject_search')
              .select(['subject_id', 'name_length', `${column} as key`])
              .where('kind', '=', kind)
              .where('name_length', '=', nameLength)
              .where(column, '>=', pinyin)
              .$if(bound !== undefined, (q) => q.where(column, '<', bound!))
              .orderBy(column)
              .limit(limit)
              .as('b'),
          )
          .selectAll(),
      );
      if (branches.length === 0) return [];
      let query = branches[0]!;
      for (const branch of branches.slice(1)) query = query.unionAll(branch);
      for (const row of await query.execute()) {
        const matchClass = keyMatch(row.key, pinyin);
        if (matchClass === undefined) continue;
        matches.push({
          subjectId: row.subject_id,
          nameLength: row.name_length,
          matchClass,
          reasons: [column],
          matched: row.key,
        });
      }
    }
    return matches;
  }

  /** The name lengths each kind spans: its shortest and longest name (one index seek each). */
  async function nameLengths(kinds: readonly SearchKind[]) {
    const ends = kinds.flatMap((kind) =>
      (['asc', 'desc'] as const).map((direction) =>
        db
          .selectFrom(
            db
              .selectFrom('subject_search')
              .select(['kind', 'name_length'])
              .where('kind', '=', kind)
              .orderBy('name_length', direction)
              .limit(1)
              .as('e'),
          )
          .selectAll(),
      ),
    );
    let query = ends[0]!;
    for (const branch of ends.slice(1)) query = query.unionAll(branch);
    const rows = await query.execute();
    return kinds.flatMap((kind) => {
      const found = rows.filter((r) => r.kind === kind).map((r) => r.name_length);
      if (found.length === 0) return [];
      const lengths: { kind: SearchKind; nameLength: number }[] = [];
      for (let n = Math.min(...found); n <= Math.max(...found); n++) lengths.push({ kind, nameLength: n });
      return lengths;
    });
  }

  return {
    /** Ranked matches for a parsed query (search-text.ts `parseSearchQuery`), with codes opened. */
    async search(
      query: SearchQuery,
      options: { kind?: SearchKind | undefined; limit: number },
    ): Promise<SubjectSearchHit[]> {
      const kinds = options.kind ? [options.kind] : KINDS;
      const matches = await nameMatches(query, kinds, options.limit);
      if (query.pinyin !== undefined) matches.push(...(await keyMatches(query.pinyin, kinds, options.limit)));
      const ranked = rankMatches(matches, options.limit);
      if (ranked.length === 0) return [];
      const rows = await db
        .selectFrom('subjects')
        .innerJoin('subject_search', 'subject_search.subject_id', 'subjects.id')
        .select([
          'subjects.id',
          'subjects.kind',
          'subjects.name',
          'subjects.code_kind',
          'subjects.code_sealed',
          'subjects.region_code',
          'subject_search.name_norm',
          'subject_search.traditional',
        ])
        .where(
          'subjects.id',
          'in',
          ranked.map((m) => m.subjectId),
        )
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ranked.flatMap((m) => {
        const row = byId.get(m.subjectId);
        if (!row) return [];
        return [
          {
            subjectId: row.id,
            kind: row.kind,
            name: row.name,
            code: sealer.open(row.code_sealed),
            codeKind: row.code_kind,
            regionCode: row.region_code,
            ...shownMatch(m, { nameNorm: row.name_norm, traditional: row.traditional === 1 }),
          },
        ];
      });
    },
  };
}

/**
 * The grams to walk when all are common: the rarest of each term, the rarest first, at most three;
 * a single term gets its two rarest, so a second walk can win where the first is slow.
 */
function candidateGrams(query: SearchQuery, byRarity: readonly Gram[]): string[] {
  const chosen: string[] = [];
  for (const term of query.terms) {
    const own = termGrams(term);
    const best = byRarity.find((g) => own.includes(g.gram));
    if (best && !chosen.includes(best.gram)) chosen.push(best.gram);
  }
  for (const g of byRarity) if (chosen.length < 2 && !chosen.includes(g.gram)) chosen.push(g.gram);
  const rank = (gram: string) => byRarity.findIndex((g) => g.gram === gram);
  return chosen.sort((a, b) => rank(a) - rank(b)).slice(0, 3);
}

/**
 * The grams checked in the index before a posting of `gram` reads its name: each term's rarest
 * other gram (at most three). For a prefix match the first term's first gram is at the start.
 */
function probesFor(query: SearchQuery, byRarity: readonly Gram[], gram: string, phase: 'prefix' | 'partial') {
  const first = query.terms[0]!;
  const probes: Probe[] = [];
  for (const term of query.terms) {
    const own = termGrams(term);
    const other = byRarity.find((g) => g.gram !== gram && own.includes(g.gram));
    if (!other || probes.some((p) => p.gram === other.gram)) continue;
    const atStart = phase === 'prefix' && term === first && first.startsWith(other.gram);
    probes.push({ gram: other.gram, atStarts: atStart ? [1] : [0, 1] });
  }
  return probes.slice(0, 3);
}

/**
 * Which postings of `gram` can hold a match (schema: `at_start`). In the first term at its start:
 * a prefix match has the gram at the start of the name. Elsewhere in the first term: never at the
 * start for a prefix match, nor for a partial one. In another term: anywhere.
 */
function atStartsFor(query: SearchQuery, gram: string, phase: 'prefix' | 'partial'): (0 | 1)[] {
  const first = query.terms[0]!;
  if (!termGrams(first).includes(gram)) return [0, 1];
  if (phase === 'partial') return [0];
  return first.startsWith(gram) ? [1] : [0];
}
export type SubjectSearchRepository = ReturnType<typeof subjectSearchRepository>;
