import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEED_DEPARTMENTS } from '../departments/seed-departments.ts';
import { readSeedDocument } from '../reference/test-support.ts';
import { parseMeasureDraft } from './measure-draft.ts';
import { SCENARIOS } from './scenarios.ts';
import { SEED_MEASURES } from './seed.ts';

const seed = readSeedDocument();
// Without the seed document the provenance test cannot run; CI must have it (see reference/test-support.ts).
const seedSkip = seed || process.env.CI === 'true' ? false : 'seed document 淮政发〔2018〕103号 not found';

/** Text without the punctuation and spacing the stored copy of the document lost or changed. */
const bare = (text: string) => text.replace(/[\s，,。、；;：:（）()“”"‘’'…《》]/g, '');
const byArticle = (article: string) => SEED_MEASURES.filter((m) => m.article === article);
const NUMERALS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
];

describe('seed measures (A13, A14, C §6(2), D §5)', () => {
  it('quote the document: every text occurs in 淮政发〔2018〕103号', { skip: seedSkip }, () => {
    const document = bare(seed!);
    const missing = SEED_MEASURES.filter((m) => !document.includes(bare(m.text))).map((m) => m.code);
    assert.deepEqual(missing, []);
  });

  it('quote each text from its own article', { skip: seedSkip }, () => {
    const text = seed!;
    const section = (from: string, to: string) => {
      const start = text.indexOf(from);
      return bare(text.slice(start, text.indexOf(to, start)));
    };
    const a13 = section('第十三条', '第十四条');
    const a14 = section('第十四条', '第六章');
    const d5 = section('五、广泛开展电子商务信用联合奖惩', '严厉打击整治电子商务领域违法失信行为');
    const c62 = section('健全严重失信个人联合惩戒机制', '推动形成市场性、社会性约束和惩戒');
    const sources: Record<string, string> = { A13: a13, A14: a14, C: c62, D: d5 };
    for (const m of SEED_MEASURES) {
      const source = sources[m.article.slice(0, m.article.startsWith('A') ? 3 : 1)]!;
      assert.ok(source.includes(bare(m.text)), `${m.code} is not in ${m.article}`);
    }
  });

  it('cover the fifteen measures of A14, each item once, A14(11) as its two targets', () => {
    const articles = [...new Set(SEED_MEASURES.map((m) => m.article))].filter((a) => a.startsWith('A14'));
    assert.deepEqual(
      articles,
      Array.from({ length: 15 }, (_, i) => `A14(${i + 1})`),
    );
    for (const article of articles) {
      assert.equal(byArticle(article).length, article === 'A14(11)' ? 2 : 1, article);
    }
    assert.deepEqual(
      byArticle('A14(11)').map((m) => m.appliesTo),
      [['responsible_person'], ['subject']],
    );
  });

  it('split A13 into the measures its four groups name', () => {
    for (const article of ['A13(1)', 'A13(2)', 'A13(3)', 'A13(4)']) assert.ok(byArticle(article).length > 0);
    const titles = SEED_MEASURES.filter((m) => m.article.startsWith('A13')).map((m) => m.title);
    for (const phrase of [
      '诚信典型',
      '绿色通道',
      '容缺受理',
      '减少检查频次',
      '财政性资金',
      '信用加分',
      '投标保证金',
      '信易贷',
    ]) {
      assert.ok(
        titles.some((t) => t.includes(phrase)),
        `no A13 measure titled with ${phrase}`,
      );
    }
    assert.equal(SEED_MEASURES.filter((m) => m.article.startsWith('A13')).length, 12);
  });

  it('carry the e-commerce incentives and punishments of D §5(1) and D §5(2)', () => {
    assert.equal(byArticle('D§5(1)').length, 5);
    assert.equal(byArticle('D§5(2)').length, 4);
    assert.ok(byArticle('D§5(1)').every((m) => m.effect === 'favor'));
    assert.ok(byArticle('D§5(2)').every((m) => m.effect !== 'favor'));
  });

  it('W7, D §5: e-commerce measures bind the e-commerce lists and the e-commerce scenario only', () => {
    const d5 = SEED_MEASURES.filter((m) => m.article.startsWith('D§5'));
    for (const m of d5) {
      assert.deepEqual(m.scenarios, ['e_commerce'], m.code);
      assert.deepEqual(m.listTypes, [m.article === 'D§5(1)' ? 'ec-red' : 'ec-black'], m.code);
    }
    const others = SEED_MEASURES.filter((m) => !m.article.startsWith('D§5'));
    assert.ok(others.every((m) => !m.listTypes.some((t) => t.startsWith('ec-'))));
  });

  it('W7, C §6(2): severely dishonest persons are kept from civil-service hiring and candidacy, measures of their own', () => {
    assert.deepEqual(
      byArticle('C§6(2)').map((m) => [m.code, m.scenarios, m.subjectKinds, m.severities, m.effect]),
      [
        ['c6-2-civil-service', ['recruitment'], ['person'], ['严重'], 'block'],
        ['c6-2-candidacy', ['candidacy'], ['person'], ['严重'], 'block'],
      ],
    );
  });

  it('reward red lists and punish black lists; A14(11) and A14(13) reach responsible persons', () => {
    const red = new Set(['red', 'ec-red', 'rural-red']);
    for (const m of SEED_MEASURES) {
      assert.equal(
        m.effect === 'favor',
        m.listTypes.some((t) => red.has(t)),
        m.code,
      );
    }
    assert.ok(byArticle('A14(13)')[0]!.appliesTo.includes('responsible_person'));
    assert.ok(
      SEED_MEASURES.filter((m) => m.appliesTo.includes('responsible_person')).every((m) =>
        m.subjectKinds.every((k) => k === 'person'),
      ),
    );
  });

  it('cite the document and the article they come from', () => {
    for (const m of SEED_MEASURES) {
      const first = m.legalBasis[0]!;
      assert.ok(first.document.startsWith('淮政发〔2018〕103号'), m.code);
      const a = /^A(13|14)\((\d+)\)$/.exec(m.article);
      if (a) {
        const article = a[1] === '13' ? '十三' : '十四';
        assert.equal(first.provision, `第${article}条第（${NUMERALS[Number(a[2]) - 1]}）项`, m.code);
      } else if (m.article === 'C§6(2)') {
        assert.equal(first.provision, '六、（二）', m.code);
      } else {
        const d = /^D§5\((\d)\)$/.exec(m.article);
        assert.ok(d, m.code);
        assert.equal(first.provision, `五、（${NUMERALS[Number(d[1]) - 1]}）`, m.code);
      }
    }
  });

  it('have unique codes, known scenarios and departments, and pass the publication checks', () => {
    assert.equal(new Set(SEED_MEASURES.map((m) => m.code)).size, SEED_MEASURES.length);
    const references = {
      listTypes: new Map([
        ['red', 'red'],
        ['black', 'black'],
        ['debtor', 'black'],
        ['rural-red', 'red'],
        ['ec-red', 'red'],
        ['ec-black', 'black'],
        ['watch', 'watch'],
      ] as const),
      departments: new Set(SEED_DEPARTMENTS.map((d) => d.code)),
    };
    for (const m of SEED_MEASURES) assert.deepEqual(parseMeasureDraft(m, references), m);
  });

  it('use every scenario, and each scenario lists the articles of the measures that name it', () => {
    for (const scenario of SCENARIOS) {
      const users = SEED_MEASURES.filter((m) => m.scenarios.includes(scenario.code));
      assert.ok(users.length > 0, `no measure for ${scenario.code}`);
      for (const m of users) {
        assert.ok(
          (scenario.articles as readonly string[]).includes(m.article),
          `${scenario.code} should list ${m.article}`,
        );
      }
    }
    assert.equal(new Set(SCENARIOS.map((s) => s.code)).size, SCENARIOS.length);
  });
});
