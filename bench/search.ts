/**
 * `npm run bench:search [-- --subjects N --queries Q --engines sqlite,postgres]` (issue 5 point 8:
 * name search, target p95 ≤ 20 ms on 1,000,000 subjects on SQLite).
 *
 * For each engine, on a fresh database: N demo subjects (realistic names, 80% persons, 20%
 * organizations; `generateDemoSubjects`) inserted straight into `subjects` (untimed), then the search
 * index built from them by migration 0008 itself (timed: the build rate of an upgrade), then Q searches of six
 * kinds in turn through the repository, in process: 2-character name, full name, partial organization
 * name, pinyin (whole or prefix), initials, traditional characters. Prints p50/p95/p99 in ms overall
 * and p95 per kind. Not a test: nothing asserts a timing.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { type Kysely, sql } from 'kysely';
import OpenCC from 'opencc-js';
import { up as createSearchIndex } from '../src/migrations/0008-subject-search.ts';
import { createRng, generateDemoSubjects } from '../src/modules/demo/index.ts';
import { parseSearchQuery, pinyinKeys } from '../src/modules/subject-search/search-text.ts';
import { subjectSearchRepository } from '../src/modules/subject-search/subject-search.repository.ts';
import { createSealer } from '../src/platform/crypto/sealing.ts';
import type { EngineName } from '../src/platform/db/engine.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { freshStore, postgresUnavailable } from './stores.ts';

type BenchSubject = { kind: 'person' | 'organization'; code: string; name: string; regionCode: string };
type QueryKind = 'name-2' | 'full-name' | 'org-partial' | 'pinyin' | 'initials' | 'traditional';
const QUERY_KINDS: QueryKind[] = ['name-2', 'full-name', 'org-partial', 'pinyin', 'initials', 'traditional'];

const { values } = parseArgs({
  options: {
    subjects: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '3000' },
    engines: { type: 'string', default: 'sqlite,postgres' },
  },
});
const total = Number(values.subjects);
const queryCount = Number(values.queries);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function benchSubjects(n: number): BenchSubject[] {
  const organizations = Math.round(n * 0.2);
  const demo = generateDemoSubjects({ persons: n - organizations, organizations, seed: 8 });
  return [
    ...demo.persons.map((p) => ({
      kind: 'person' as const,
      code: p.code,
      name: p.name,
      regionCode: p.regionCode,
    })),
    ...demo.organizations.map((o) => ({
      kind: 'organization' as const,
      code: o.code,
      name: o.name,
      regionCode: o.regionCode,
    })),
  ];
}

/** Queries a clerk would type, drawn from the subjects themselves (deterministic). */
function benchQueries(subjects: readonly BenchSubject[], n: number): { kind: QueryKind; q: string }[] {
  const rng = createRng(2018);
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const persons = subjects.filter((s) => s.kind === 'person');
  const organizations = subjects.filter((s) => s.kind === 'organization');
  const twoChar = persons.filter((p) => Array.from(p.name).length === 2);
  const longer = persons.filter((p) => Array.from(p.name).length >= 3);
  const queries: { kind: QueryKind; q: string }[] = [];
  for (let i = 0; i < n; i++) {
    const kind = QUERY_KINDS[i % QUERY_KINDS.length]!;
    const person = rng.pick(persons);
    const { pinyin, initials } = pinyinKeys(person.name, 'person');
    switch (kind) {
      case 'name-2':
        queries.push({ kind, q: rng.pick(twoChar).name });
        break;
      case 'full-name':
        queries.push({ kind, q: rng.pick(longer).name });
        break;
      case 'org-partial': {
        // 4 characters from inside the name (华信建设), or a place and a trade word (淮安 建设).
        const chars = Array.from(rng.pick(organizations).name);
        const start = rng.int(2, Math.max(2, chars.length - 4));
        const q = rng.chance(0.5)
          ? chars.slice(start, start + 4).join('')
          : `${chars.slice(0, 2).join('')} ${chars.slice(start + 2, start + 4).join('')}`;
        queries.push({ kind, q });
        break;
      }
      case 'pinyin':
        queries.push({ kind, q: rng.chance(0.5) ? pinyin : pinyin.slice(0, Math.max(2, pinyin.length - 3)) });
        break;
      case 'initials':
        queries.push({ kind, q: initials });
        break;
      case 'traditional':
        queries.push({ kind, q: toTraditional((rng.chance(0.7) ? person : rng.pick(organizations)).name) });
        break;
    }
  }
  return queries;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function run(engine: EngineName, subjects: readonly BenchSubject[]) {
  const bench = await freshStore(engine);
  try {
    const { db, capabilities } = bench.store;
    const sealer = createSealer({ dataKey: randomBytes(32), indexKey: randomBytes(32) });
    const now = new Date().toISOString();
    let started = performance.now();
    const chunk = Math.floor(capabilities.maxBindParameters / 10);
    for (let i = 0; i < subjects.length; i += chunk) {
      const rows = subjects.slice(i, i + chunk).map((s) => ({
        id: uuidv7(),
        kind: s.kind,
        code_kind: s.kind === 'person' ? 'citizen_id' : 'uscc',
        code_digest: sealer.blindIndex(s.code),
        code_sealed: sealer.seal(s.code),
        name: s.name,
        region_code: s.regionCode,
        attributes: '{}',
        created_at: now,
        updated_at: now,
      }));
      await db
        .insertInto('subjects')
        .values(rows)
        .onConflict((oc) => oc.column('code_digest').doNothing())
        .execute();
    }
    console.log(`${engine}: ${fmt(subjects.length)} subjects inserted in ${sec(started)} (untimed)`);

    // The migration's own path on a table that already holds the subjects: tables, backfill, indexes.
    await db.schema.dropTable('subject_search_grams').execute();
    await db.schema.dropTable('subject_search').execute();
    started = performance.now();
    await createSearchIndex(db as unknown as Kysely<unknown>, capabilities);
    const buildMs = performance.now() - started;
    await sql`analyze`.execute(db);
    const indexed = subjects.length;
    console.log(
      `${engine}: index built (migration 0008) for ${fmt(indexed)} subjects in ${(buildMs / 1000).toFixed(1)} s ` +
        `(${fmt((indexed * 1000) / buildMs)} subjects/s)`,
    );

    const search = subjectSearchRepository(bench.store, sealer);
    const queries = benchQueries(subjects, queryCount);
    for (const { q } of queries.slice(0, 200)) await search.search(parseSearchQuery(q), { limit: 20 }); // warm-up
    const times = new Map<QueryKind, number[]>(QUERY_KINDS.map((k) => [k, []]));
    let found = 0;
    let empty = 0;
    for (const { kind, q } of queries) {
      const t = performance.now();
      const hits = await search.search(parseSearchQuery(q), { limit: 20 });
      times.get(kind)!.push(performance.now() - t);
      found += hits.length;
      if (hits.length === 0) empty++;
    }
    const all = [...times.values()].flat().sort((a, b) => a - b);
    const ms = (n: number) => n.toFixed(2).padStart(6);
    console.log(
      `${engine}: ${fmt(all.length)} searches, limit 20: p50 ${ms(percentile(all, 50))} ms  p95 ${ms(percentile(all, 95))} ms  ` +
        `p99 ${ms(percentile(all, 99))} ms  max ${ms(all[all.length - 1] ?? 0)} ms  ` +
        `(${(found / all.length).toFixed(1)} hits per search, ${empty} with none)`,
    );
    for (const [kind, list] of times) {
      list.sort((a, b) => a - b);
      console.log(
        `  ${kind.padEnd(12)} p50 ${ms(percentile(list, 50))} ms  p95 ${ms(percentile(list, 95))} ms`,
      );
    }
  } finally {
    await bench.dispose();
  }
}

const sec = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

console.log(`bench:search — ${fmt(total)} subjects, ${fmt(queryCount)} searches`);
const started = performance.now();
const subjects = benchSubjects(total);
console.log(`generated in ${sec(started)}`);
for (const engine of values.engines.split(',') as EngineName[]) {
  if (engine === 'postgres') {
    const why = await postgresUnavailable();
    if (why) {
      console.log(`postgres: skipped — not reachable (${why}); set XINYONG_BENCH_PG_URL`);
      continue;
    }
  }
  await run(engine, subjects);
}
