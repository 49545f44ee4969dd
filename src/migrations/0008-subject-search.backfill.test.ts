/**
 * Migration 0008 carries its own copy of the name-search indexing (0008-subject-search.backfill.ts).
 * These tests hold the copy to the live indexer (src/modules/subject-search) as it stands: the same
 * entries for tricky names, and the same rows in both tables on both engines. Should the live search
 * rules change later, the comparison with the live code fails by design: the migration keeps writing
 * what it wrote when it shipped (the literal rows below), and the live change needs a migration of its
 * own to rebuild the index.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../modules/database.ts';
import { backfillSubjectSearch } from '../modules/subject-search/search-index.repository.ts';
import { searchEntry as liveSearchEntry } from '../modules/subject-search/search-text.ts';
import { describeEachEngine } from '../platform/db/test-engines.ts';
import { searchEntry } from './0008-subject-search.backfill.ts';
import { migrateToLatest } from './index.ts';

type Kind = 'person' | 'organization';

/** Names that exercise every rule: traditional forms, Latin, spaces, punctuation, surnames, lengths. */
const NAMES: ReadonlyArray<readonly [Kind, string]> = [
  ['person', '張學友'],
  ['person', '王芳'],
  ['person', '王'],
  ['person', '曾伟'],
  ['organization', '曾伟'],
  ['person', '单雄信'],
  ['person', '解缙'],
  ['person', '仇英'],
  ['person', '区志坚'],
  ['person', '吕布'],
  ['person', '女娲'],
  ['person', '阿卜杜拉·买买提'],
  ['person', '欧阳 修'],
  ['person', 'Li Ming'],
  ['person', "O'Brien 约翰"],
  ['person', '哈哈哈哈'],
  ['person', '·'],
  ['organization', '淮安市華信建設工程有限公司'],
  ['organization', '香港滙豐銀行（淮安）分行'],
  ['organization', 'ABC（淮安）科技有限公司'],
  ['organization', 'ＡＢＣ全角科技（淮安）有限公司'],
  ['organization', '淮安市 清江浦区  王芳小吃店'],
  ['organization', '淮安Q-Tech科技有限公司'],
  ['organization', '金湖县第2建筑工程有限公司'],
  ['organization', '王🙂芳便利店'],
  ['organization', 'Café Zürich 淮安店'],
  ['organization', '乾隆皇帝後代文化傳播有限公司'],
  ['organization', '淮安市淮安区住房和城乡建设局淮安市淮安区住房和城乡建设局淮安市淮安区住房和城乡建设局'],
];

it('0008 backfill: indexes every tricky name exactly as the live search rules do', () => {
  for (const [kind, name] of NAMES) {
    const subject = { id: '00000000-0000-7000-8000-000000000000', kind, name };
    assert.deepEqual(searchEntry(subject), liveSearchEntry(subject), `${kind} ${name}`);
  }
});

it('0008 backfill: keeps writing what it wrote when it shipped (opencc-js 1.4.2, pinyin-pro 3.29.4)', () => {
  const entry = (kind: Kind, name: string) => {
    const { subjectId: _, ...rest } = searchEntry({ id: 'x', kind, name });
    return rest;
  };
  assert.deepEqual(entry('person', '張學友'), {
    kind: 'person',
    nameNorm: '张学友',
    nameLength: 3,
    traditional: true,
    pinyin: 'zhangxueyou',
    initials: 'zxy',
    grams: [
      { gram: '张学', atStart: 1 },
      { gram: '学友', atStart: 0 },
    ],
  });
  assert.deepEqual(entry('person', '曾伟'), {
    kind: 'person',
    nameNorm: '曾伟',
    nameLength: 2,
    traditional: false,
    pinyin: 'zengwei',
    initials: 'zw',
    grams: [{ gram: '曾伟', atStart: 1 }],
  });
  assert.deepEqual(entry('organization', 'ＡＢＣ（淮安）科技'), {
    kind: 'organization',
    nameNorm: 'abc淮安科技',
    nameLength: 7,
    traditional: false,
    pinyin: 'abchuaiankeji',
    initials: 'abchakj',
    grams: [
      { gram: 'ab', atStart: 1 },
      { gram: 'bc', atStart: 0 },
      { gram: 'c淮', atStart: 0 },
      { gram: '淮安', atStart: 0 },
      { gram: '安科', atStart: 0 },
      { gram: '科技', atStart: 0 },
    ],
  });
  assert.deepEqual(entry('person', '吕 布'), {
    kind: 'person',
    nameNorm: '吕布',
    nameLength: 2,
    traditional: false,
    pinyin: 'lvbu',
    initials: 'lb',
    grams: [{ gram: '吕布', atStart: 1 }],
  });
});

describeEachEngine(
  'migration 0008 backfill',
  (getStore) => {
    const tables = async (db: Kysely<unknown>) => ({
      search: (await sql`select * from subject_search order by subject_id`.execute(db)).rows,
      grams: (
        await sql`select * from subject_search_grams
          order by subject_id, gram, at_start, kind, name_length`.execute(db)
      ).rows,
    });

    it('writes the same subject_search and subject_search_grams rows as the live backfill', async () => {
      const store = getStore();
      const { db } = store;
      const now = '2026-11-26T08:00:00.000Z';
      const ids: string[] = [];
      for (const [i, [kind, name]] of NAMES.entries()) {
        const id = `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`;
        ids.push(id);
        await sql`insert into subjects (id, kind, code_kind, code_digest, code_sealed, name, region_code,
            attributes, created_at, updated_at)
          values (${id}, ${kind}, 'test', ${`digest-${i}`}, ${`sealed-${i}`}, ${name}, null, '{}', ${now}, ${now})`.execute(
          db,
        );
      }
      const result = await migrateToLatest(store, { upTo: '0008-subject-search' });
      assert.deepEqual(result.applied, ['0008-subject-search']);
      const frozen = await tables(db);
      assert.equal(frozen.search.length, NAMES.length);

      await sql`delete from subject_search_grams`.execute(db);
      await sql`delete from subject_search`.execute(db);
      const indexed = await backfillSubjectSearch(db as Kysely<Database>, store.capabilities, {
        batchSize: 5,
      });
      assert.equal(indexed, NAMES.length);
      assert.deepEqual(await tables(db), frozen);
    });
  },
  { prepare: (store) => migrateToLatest(store, { upTo: '0007-measures' }) },
);
