/**
 * Name search over the index (issue 5 point 8), on both engines. Every query runs twice: reading the
 * rarest gram's postings whole (the usual case) and walking posting lists in index order a posting
 * at a time (the path common grams take on a large table, forced here with `selectivePostings: 0,
 * firstChunk: 1`); both must agree.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { createSealer } from '../../platform/crypto/sealing.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { subjectsRepository } from '../subjects/subjects.repository.ts';
import { backfillSubjectSearch, reindexSubjects } from './search-index.repository.ts';
import { parseSearchQuery, type SearchKind } from './search-text.ts';
import { type SubjectSearchHit, subjectSearchRepository } from './subject-search.repository.ts';

const sealer = createSealer({ dataKey: Buffer.alloc(32, 7), indexKey: Buffer.alloc(32, 8) });
const NOW = '2026-11-26T08:00:00.000Z';
const WRITER = { actorId: null, actorRole: 'test', policyId: 'huaian-2018', policyVersion: '1.0.0' };

const PERSONS = [
  '王芳',
  '王芳芳',
  '李王芳',
  '王小芳',
  '张伟',
  '章伟',
  '张伟国',
  '曾伟',
  '单雄信',
  '解缙',
  '張學友',
  '欧阳修',
];
const ORGANIZATIONS = [
  '淮安市华信建设工程有限公司',
  '淮安市华信科技有限公司',
  '清江浦区王芳小吃店',
  '金湖县建设工程有限公司',
  '淮安市淮安区住房和城乡建设局',
];

describeEachEngine('subject search repository', (getStore) => {
  const search = async (q: string, options: { kind?: SearchKind; limit?: number } = {}) => {
    const query = parseSearchQuery(q);
    const store = getStore();
    const [usual, walked] = await Promise.all(
      [{}, { selectivePostings: 0, firstChunk: 1 }].map((paths) =>
        subjectSearchRepository(store, sealer, paths).search(query, {
          kind: options.kind,
          limit: options.limit ?? 20,
        }),
      ),
    );
    assert.deepEqual(walked, usual, `both paths agree on ${q}`);
    return usual!;
  };
  const names = (hits: SubjectSearchHit[]) => hits.map((h) => h.name);
  const why = (hits: SubjectSearchHit[], name: string) => hits.find((h) => h.name === name)?.matchedBy;

  before(async () => {
    // Registered the one way subjects are written: the index is filled in the same transaction.
    await subjectsRepository(getStore(), sealer).ensure(
      [
        ...PERSONS.map((name, i) => ({ kind: 'person' as const, name, code: `P${i}` })),
        ...ORGANIZATIONS.map((name, i) => ({ kind: 'organization' as const, name, code: `O${i}` })),
      ].map((s) => ({ ...s, codeKind: 'test', regionCode: null, attributes: {} })),
      NOW,
      WRITER,
    );
  });

  it('finds a person by full name, exact match first (issue 5 point 8)', async () => {
    const hits = await search('张伟国');
    assert.equal(hits[0]?.name, '张伟国');
    assert.deepEqual(hits[0]?.matchedBy, ['name_exact']);
    assert.equal(hits[0]?.matched, '张伟国');
    assert.equal(hits[0]?.kind, 'person');
  });

  it('finds a subject by part of its name', async () => {
    assert.deepEqual(names(await search('伟国')), ['张伟国']);
    assert.deepEqual(why(await search('伟国'), '张伟国'), ['name_partial']);
  });

  it('finds a two-character name and ranks exact > prefix > partial, shorter names first', async () => {
    const hits = await search('王芳');
    assert.deepEqual(names(hits), ['王芳', '王芳芳', '李王芳', '清江浦区王芳小吃店']);
    assert.deepEqual(
      hits.map((h) => h.matchedBy),
      [['name_exact'], ['name_partial'], ['name_partial'], ['name_partial']],
    );
  });

  it('finds by full pinyin, by a pinyin prefix and by initials', async () => {
    const full = await search('zhangwei');
    assert.deepEqual(new Set(names(full).slice(0, 2)), new Set(['张伟', '章伟']));
    assert.deepEqual(names(full).slice(2), ['张伟国']);
    assert.deepEqual(why(full, '张伟'), ['pinyin']);
    assert.equal(full.find((h) => h.name === '张伟')?.matched, 'zhangwei');

    assert.deepEqual(new Set(names(await search('zhangw'))), new Set(['张伟', '章伟', '张伟国']));
    assert.deepEqual(names(await search('ZhangWeiG')), ['张伟国']);

    const initials = await search('zw');
    assert.deepEqual(new Set(names(initials).slice(0, 3)), new Set(['张伟', '章伟', '曾伟']));
    assert.deepEqual(names(initials).slice(3), ['张伟国']);
    assert.deepEqual(why(initials, '曾伟'), ['initials']);
    assert.equal(initials.find((h) => h.name === '张伟国')?.matched, 'zwg');
  });

  it('reads surnames with their surname pronunciation: 曾 zeng, 单 shan, 解 xie', async () => {
    assert.deepEqual(names(await search('zeng')), ['曾伟']);
    assert.deepEqual(names(await search('shan')), ['单雄信']);
    assert.deepEqual(names(await search('dan')), []);
    assert.deepEqual(names(await search('xiejin')), ['解缙']);
    assert.deepEqual(names(await search('oyx')), ['欧阳修']);
  });

  it('finds simplified names from traditional characters and the other way round', async () => {
    const hits = await search('張偉');
    assert.equal(hits[0]?.name, '张伟');
    assert.deepEqual(hits[0]?.matchedBy, ['name_exact', 'traditional']);
    assert.equal(hits[0]?.matched, '张伟');
    const stored = await search('张学友');
    assert.equal(stored[0]?.name, '張學友');
    assert.deepEqual(stored[0]?.matchedBy, ['name_exact', 'traditional']);
    assert.deepEqual(names(await search('zhangxueyou')), ['張學友']);
    assert.deepEqual(names(await search('淮安市華信建設')), ['淮安市华信建设工程有限公司']);
  });

  it('finds organizations by several parts of the name (淮安 + 建设)', async () => {
    assert.deepEqual(names(await search('淮安 建设')), [
      '淮安市华信建设工程有限公司',
      '淮安市淮安区住房和城乡建设局',
    ]);
    assert.deepEqual(names(await search('华信建设')), ['淮安市华信建设工程有限公司']);
    assert.deepEqual(names(await search('建设工程')), [
      '金湖县建设工程有限公司',
      '淮安市华信建设工程有限公司',
    ]);
    assert.deepEqual(names(await search('淮安区 住房')), ['淮安市淮安区住房和城乡建设局']);
  });

  it('filters by kind and honours the limit', async () => {
    assert.deepEqual(names(await search('王芳', { kind: 'organization' })), ['清江浦区王芳小吃店']);
    assert.deepEqual(names(await search('王芳', { kind: 'person' })), ['王芳', '王芳芳', '李王芳']);
    assert.deepEqual(names(await search('王芳', { limit: 2 })), ['王芳', '王芳芳']);
    assert.deepEqual(names(await search('zw', { kind: 'organization' })), []);
  });

  it('returns the identity code opened from its sealed form', async () => {
    const [hit] = await search('欧阳修');
    assert.equal(hit?.code, `P${PERSONS.indexOf('欧阳修')}`);
    assert.equal(hit?.codeKind, 'test');
  });

  it('finds nothing for a name no one has', async () => {
    assert.deepEqual(await search('诸葛亮'), []);
    assert.deepEqual(await search('xyz'), []);
  });

  it('keeps the index in step with a rename', async () => {
    const { db, capabilities } = getStore();
    const subject = await db
      .selectFrom('subjects')
      .select(['id', 'kind'])
      .where('name', '=', '王小芳')
      .executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('subjects').set({ name: '王晓芳' }).where('id', '=', subject.id).execute();
      await reindexSubjects(trx, capabilities, [{ ...subject, name: '王晓芳' }]);
    });
    assert.deepEqual(names(await search('小芳')), []);
    assert.deepEqual(names(await search('晓芳')), ['王晓芳']);
    assert.deepEqual(names(await search('wxf')), ['王晓芳']);
  });

  it('builds the index for subjects already stored (migration backfill)', async () => {
    const { db, capabilities } = getStore();
    const before = await search('淮安 建设');
    await db.deleteFrom('subject_search_grams').execute();
    await db.deleteFrom('subject_search').execute();
    assert.deepEqual(await search('淮安 建设'), []);
    const indexed = await backfillSubjectSearch(db, capabilities, { batchSize: 4 });
    assert.equal(indexed, PERSONS.length + ORGANIZATIONS.length);
    assert.deepEqual(await search('淮安 建设'), before);
    assert.deepEqual(names(await search('晓芳')), ['王晓芳']);
  });
});
