/**
 * Migration 0008's own copy of the name-search indexing it runs over the subjects already stored: the
 * text rules (the subject-search module's search-text.ts: normalizeText, nameGrams, pinyinKeys,
 * searchEntry) and the batched insert (subject-search.indexer.ts: backfillSubjectSearch), frozen as
 * they were when the migration shipped, so a later change to the live search code cannot change what
 * this migration writes. Never edit it to follow the live code: a change to the index is a new
 * migration. `0008-subject-search.backfill.test.ts` holds it to the live indexer's rows today.
 *
 * It still depends on opencc-js and pinyin-pro: an upgrade of either can change the keys written
 * (the test pins a few names to literal rows so that is noticed).
 */
import type { Kysely } from 'kysely';
import OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import type { Capabilities } from '../platform/db/engine.ts';

type Kind = 'person' | 'organization';

/** The tables this backfill reads and writes, as migration 0008 leaves them. */
export type Tables0008 = {
  subjects: { id: string; kind: Kind; name: string };
  subject_search: {
    subject_id: string;
    kind: Kind;
    name_norm: string;
    name_length: number;
    traditional: number;
    pinyin: string;
    initials: string;
  };
  subject_search_grams: {
    gram: string;
    kind: Kind;
    at_start: number;
    name_length: number;
    subject_id: string;
  };
};

type Db = Kysely<Tables0008>;

/** Names longer than this rank as equally long. */
const NAME_LENGTH_CAP = 40;

// Taiwan and Hong Kong forms alike to mainland simplified; simplified text passes through unchanged.
const fromTaiwan = OpenCC.Converter({ from: 'tw', to: 'cn' });
const fromHongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });
const NOT_TEXT = /[^\p{L}\p{N}]+/gu;
const HAN = /\p{Script=Han}/u;
const RUNS = /\p{Script=Han}|\P{Script=Han}+/gu;

/** NFKC, lowercase, everything not a letter or digit removed, traditional characters to simplified. */
export function normalizeName(raw: string): { text: string; traditional: boolean } {
  const plain = raw.normalize('NFKC').toLowerCase().replace(NOT_TEXT, '');
  if (!HAN.test(plain)) return { text: plain, traditional: false };
  const simplified = fromTaiwan(fromHongKong(plain));
  return { text: simplified, traditional: simplified !== plain };
}

/** The bigrams of a normalised name: the first marked `atStart`, later ones once each, unmarked. */
export function nameGrams(text: string): { gram: string; atStart: 0 | 1 }[] {
  const chars = Array.from(text);
  const grams: { gram: string; atStart: 0 | 1 }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    if (i === 0) grams.push({ gram, atStart: 1 });
    else if (!seen.has(gram)) {
      seen.add(gram);
      grams.push({ gram, atStart: 0 });
    }
  }
  return grams;
}

/** Full pinyin (no tones, no spaces, ü as v) and initials; persons read with surname readings. */
export function pinyinKeys(text: string, kind: Kind): { pinyin: string; initials: string } {
  if (!HAN.test(text)) return { pinyin: text, initials: text };
  const key = `${kind}:${text}`;
  let keys = pinyinMemo.get(key);
  if (!keys) {
    keys = readPinyin(text, kind);
    // Names repeat a lot (王芳, 张伟): a bounded memo saves most of the work of a bulk build.
    if (pinyinMemo.size >= PINYIN_MEMO_SIZE) pinyinMemo.clear();
    pinyinMemo.set(key, keys);
  }
  return keys;
}

const PINYIN_MEMO_SIZE = 100_000;
const pinyinMemo = new Map<string, { pinyin: string; initials: string }>();

function readPinyin(text: string, kind: Kind): { pinyin: string; initials: string } {
  const surname = kind === 'person' ? 'head' : 'off';
  const options = { toneType: 'none', type: 'array', v: true, surname, nonZh: 'consecutive' } as const;
  const syllables = pinyin(text, options);
  // One syllable per Han character and one element per run of other letters: initials follow.
  const runs = text.match(RUNS) ?? [];
  const initials =
    runs.length === syllables.length
      ? runs.map((run, i) => (HAN.test(run) ? (syllables[i]![0] ?? '') : run))
      : pinyin(text, { ...options, pattern: 'first' });
  return { pinyin: syllables.join('').toLowerCase(), initials: initials.join('').toLowerCase() };
}

type Entry = {
  subjectId: string;
  kind: Kind;
  nameNorm: string;
  nameLength: number;
  traditional: boolean;
  pinyin: string;
  initials: string;
  grams: { gram: string; atStart: 0 | 1 }[];
};

/** Everything a subject is indexed under, from its registered name. */
export function searchEntry(subject: { id: string; kind: Kind; name: string }): Entry {
  const { text, traditional } = normalizeName(subject.name);
  return {
    subjectId: subject.id,
    kind: subject.kind,
    nameNorm: text,
    nameLength: Math.min(Array.from(text).length, NAME_LENGTH_CAP),
    traditional,
    ...pinyinKeys(text, subject.kind),
    grams: nameGrams(text),
  };
}

const rowsPerStatement = (caps: Capabilities, columns: number) =>
  Math.max(1, Math.floor(caps.maxBindParameters / columns));

async function insertEntries(db: Db, caps: Capabilities, entries: readonly Entry[]): Promise<void> {
  const rows = entries.map((e) => ({
    subject_id: e.subjectId,
    kind: e.kind,
    name_norm: e.nameNorm,
    name_length: e.nameLength,
    traditional: e.traditional ? 1 : 0,
    pinyin: e.pinyin,
    initials: e.initials,
  }));
  const grams = entries.flatMap((e) =>
    e.grams.map((g) => ({
      gram: g.gram,
      kind: e.kind,
      at_start: g.atStart,
      name_length: e.nameLength,
      subject_id: e.subjectId,
    })),
  );
  const rowChunk = rowsPerStatement(caps, 7);
  for (let i = 0; i < rows.length; i += rowChunk) {
    await db
      .insertInto('subject_search')
      .values(rows.slice(i, i + rowChunk))
      .execute();
  }
  const gramChunk = rowsPerStatement(caps, 5);
  for (let i = 0; i < grams.length; i += gramChunk) {
    await db
      .insertInto('subject_search_grams')
      .values(grams.slice(i, i + gramChunk))
      .execute();
  }
}

/**
 * Indexes every stored subject into the (empty) search tables, in batches by id (keyset). Runs in the
 * migration's transaction where the engine has one (PostgreSQL). Returns the number indexed.
 */
export async function backfillSubjectSearch0008(
  db: Kysely<unknown>,
  caps: Capabilities,
  options: { batchSize?: number } = {},
): Promise<number> {
  const tables = db as Db;
  const batchSize = options.batchSize ?? 5000;
  let indexed = 0;
  let after: string | undefined;
  for (;;) {
    let query = tables.selectFrom('subjects').select(['id', 'kind', 'name']).orderBy('id').limit(batchSize);
    if (after !== undefined) query = query.where('id', '>', after);
    const subjects = await query.execute();
    if (subjects.length === 0) break;
    await insertEntries(tables, caps, subjects.map(searchEntry));
    indexed += subjects.length;
    after = subjects[subjects.length - 1]!.id;
  }
  return indexed;
}
