import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decide, type EntryForDecision } from './decide.ts';
import { published, SEED_AS_PUBLISHED } from './test-support.ts';

const SEED = SEED_AS_PUBLISHED;
const codes = (result: { measures: { code: string }[] }) => result.measures.map((m) => m.code);

const blackOrganization: EntryForDecision = {
  listType: 'black',
  polarity: 'black',
  origin: 'listed',
  subjectKind: 'organization',
  ground: 'A6(2) 严重破坏市场公平竞争秩序',
  severity: '严重',
};
const blackPerson: EntryForDecision = { ...blackOrganization, subjectKind: 'person' };
const redOrganization: EntryForDecision = {
  listType: 'red',
  polarity: 'red',
  origin: 'listed',
  subjectKind: 'organization',
  ground: 'A5(4) 县级（含）以上政府、市级以上党政机关和司法机关认定的诚信荣誉',
};
const redPerson: EntryForDecision = { ...redOrganization, subjectKind: 'person' };
/** B26: the legal representative of a severely dishonest organization. */
const associatedPerson: EntryForDecision = { ...blackPerson, origin: 'associated' };
const watched: EntryForDecision = {
  listType: 'watch',
  polarity: 'watch',
  origin: 'listed',
  subjectKind: 'organization',
};

describe('decide(): the decision of a credit check', () => {
  it('has nothing to say about a subject on no list', () => {
    assert.deepEqual(decide([], SEED, 'public_resource_trading'), { decision: 'none', measures: [] });
  });

  it('blocks a black-listed company in public resource trading (A14(5)) and fiscal funds (A14(1))', () => {
    const trading = decide([blackOrganization], SEED, 'public_resource_trading');
    assert.equal(trading.decision, 'block');
    assert.deepEqual(codes(trading), ['a14-05-public-resource-trading']);
    const funds = decide([blackOrganization], SEED, 'fiscal_funds');
    assert.equal(funds.decision, 'block');
    assert.deepEqual(codes(funds), ['a14-01-fiscal-funds']);
  });

  it('gives an unrelated scenario only the measures that name it', () => {
    const internet = decide([blackOrganization], SEED, 'internet_services');
    assert.deepEqual(codes(internet), ['a14-08-internet-services']);
    const loans = decide([blackOrganization], SEED, 'credit_loans');
    assert.deepEqual(codes(loans), ['a14-09-financial-services'], 'D §5 binds e-commerce lists only (W7)');
    // A14(3) 从严控制: the licence may still be issued, under stricter conditions.
    const production = decide([blackOrganization], SEED, 'production_license');
    assert.equal(production.decision, 'warn');
    assert.deepEqual(codes(production), ['a14-03-production-license']);
  });

  it('still warns the clerk about a black entry where no measure names the scenario', () => {
    // A14(12) exit control is for persons only; an organization gets no measure there.
    assert.deepEqual(decide([blackOrganization], SEED, 'exit_control'), { decision: 'warn', measures: [] });
  });

  it('favours a red-listed company in public resource trading: no bid deposit (A13(4)), credit points (A13(3))', () => {
    const result = decide([redOrganization], SEED, 'public_resource_trading');
    assert.equal(result.decision, 'favor');
    assert.ok(codes(result).includes('a13-4-no-bid-deposit'));
    assert.ok(codes(result).includes('a13-3-trading-credit-points'));
    assert.ok(result.measures.every((m) => m.effect === 'favor'));
  });

  it('gives the bid-deposit waiver only to companies that bid (A13(4) 投标企业)', () => {
    const result = decide([redPerson], SEED, 'public_resource_trading');
    assert.equal(result.decision, 'favor');
    assert.ok(!codes(result).includes('a13-4-no-bid-deposit'));
  });

  it('finds nothing to favour when no red measure names the scenario', () => {
    assert.deepEqual(decide([redOrganization], SEED, 'exit_control'), { decision: 'none', measures: [] });
  });

  it('blocks a black-listed person in high consumption (A14(10); C §5(2) locks and intercepts)', () => {
    const result = decide([blackPerson], SEED, 'high_consumption');
    assert.equal(result.decision, 'block');
    assert.deepEqual(codes(result), ['a14-10-high-consumption']);
  });

  it('reaches a person tied to a severely dishonest organization (B26) only with responsible-person measures', () => {
    const recruitment = decide([associatedPerson], SEED, 'recruitment');
    assert.equal(recruitment.decision, 'block');
    assert.deepEqual(codes(recruitment), ['a14-11-industry-ban', 'a14-13-responsible-persons']);
    assert.ok(recruitment.measures.every((m) => m.appliesTo.includes('responsible_person')));
    // A14(1) binds the organization, not its representative: A14(13) "相应的" measures are a warning.
    const funds = decide([associatedPerson], SEED, 'fiscal_funds');
    assert.equal(funds.decision, 'warn');
    assert.deepEqual(codes(funds), ['a14-13-responsible-persons']);
    // A14(10) names the listed subject itself.
    assert.ok(
      !codes(decide([associatedPerson], SEED, 'high_consumption')).includes('a14-10-high-consumption'),
    );
  });

  it('takes the honours of the dishonest subject itself (A14(11)), not through B26', () => {
    assert.deepEqual(codes(decide([blackOrganization], SEED, 'honors')), ['a14-11-honors']);
  });

  it('W12, A14(11): takes honours from 严重失信主体 only; a 较重 or 一般 black entry is a warning there', () => {
    for (const severity of ['较重', '一般', null]) {
      for (const entry of [blackOrganization, blackPerson]) {
        assert.deepEqual(
          decide([{ ...entry, severity }], SEED, 'honors'),
          { decision: 'warn', measures: [] },
          `${entry.subjectKind} ${severity}`,
        );
      }
    }
    assert.deepEqual(codes(decide([{ ...blackPerson, severity: '严重' }], SEED, 'honors')), [
      'a14-11-honors',
    ]);
    // Other punishments are not limited by severity: a 一般 entry still blocks public resource trading.
    assert.equal(
      decide([{ ...blackOrganization, severity: '一般' }], SEED, 'public_resource_trading').decision,
      'block',
    );
  });

  it('applies no red measure while a black entry exists (A4: black wins)', () => {
    const result = decide([redOrganization, blackOrganization], SEED, 'public_resource_trading');
    assert.equal(result.decision, 'block');
    assert.deepEqual(codes(result), ['a14-05-public-resource-trading']);
    // …even where no black measure names the scenario.
    assert.deepEqual(decide([redPerson, blackPerson], SEED, 'public_services'), {
      decision: 'warn',
      measures: [],
    });
  });

  it('warns about a watch-list entry', () => {
    assert.deepEqual(decide([watched], SEED, 'public_resource_trading'), { decision: 'warn', measures: [] });
    const withRed = decide([watched, redOrganization], SEED, 'public_resource_trading');
    assert.equal(withRed.decision, 'warn');
    assert.ok(codes(withRed).includes('a13-4-no-bid-deposit'));
  });

  it('ignores a retired measure', () => {
    const retired = SEED.map((m) =>
      m.code === 'a14-05-public-resource-trading' ? { ...m, active: false } : m,
    );
    assert.deepEqual(decide([blackOrganization], retired, 'public_resource_trading'), {
      decision: 'warn',
      measures: [],
    });
  });

  it('limits exit control to judgment debtors who can pay and refuse (A14(12), A6(7))', () => {
    const debtor = { ...blackPerson, ground: 'A6(7) 有履行能力拒不履行生效法律文书的失信被执行人' };
    assert.deepEqual(codes(decide([debtor], SEED, 'exit_control')), ['a14-12-exit-control']);
    assert.equal(decide([debtor], SEED, 'exit_control').decision, 'block');
    assert.deepEqual(decide([blackPerson], SEED, 'exit_control'), { decision: 'warn', measures: [] });
    assert.deepEqual(decide([{ ...debtor, ground: null }], SEED, 'exit_control').measures, []);
  });

  it('lists each measure once, block before restrict before warn, then by code', () => {
    const ecBlack = { ...blackOrganization, listType: 'ec-black' };
    const second = { ...ecBlack, ground: 'A6(4) 严重扰乱社会秩序' };
    const result = decide([ecBlack, second], SEED, 'e_commerce');
    assert.deepEqual(codes(result), [
      'd5-2-business-financing',
      'd5-2-platform-sanctions',
      'd5-2-supervision',
    ]);
    assert.deepEqual(
      result.measures.map((m) => m.effect),
      ['block', 'block', 'restrict'],
    );
  });

  it('W7, D §5, A13(2): e-commerce measures reach e-commerce lists in e-commerce only; a red-listed person gets no green channel', () => {
    for (const scenario of ['licensing', 'credit_loans', 'securities_financing', 'public_services']) {
      assert.ok(
        !codes(decide([redPerson], SEED, scenario)).some((c) => c.startsWith('d5-')),
        `${scenario}: no D §5 incentive for a red-listed person`,
      );
      assert.ok(!codes(decide([blackOrganization], SEED, scenario)).some((c) => c.startsWith('d5-')));
    }
    assert.deepEqual(decide([redPerson], SEED, 'licensing'), { decision: 'none', measures: [] });
    assert.ok(!codes(decide([blackOrganization], SEED, 'e_commerce')).some((c) => c.startsWith('d5-')));
    const ecRed = { ...redOrganization, listType: 'ec-red' };
    assert.equal(decide([ecRed], SEED, 'e_commerce').decision, 'favor');
    assert.deepEqual(decide([ecRed], SEED, 'licensing'), { decision: 'none', measures: [] });
  });

  it('W7, A13(4): rural credit reaches subjects on the rural red list, not every red-listed person', () => {
    assert.ok(!codes(decide([redPerson], SEED, 'credit_loans')).includes('a13-4-rural-credit'));
    const rural = { ...redPerson, listType: 'rural-red' };
    const loans = decide([rural], SEED, 'credit_loans');
    assert.equal(loans.decision, 'favor');
    assert.ok(codes(loans).includes('a13-4-rural-credit'));
    // the rural red list is a red list for A13's other incentives
    const cooperative = { ...redOrganization, listType: 'rural-red' };
    assert.ok(codes(decide([cooperative], SEED, 'public_resource_trading')).includes('a13-4-no-bid-deposit'));
  });

  it('W7, C §6(2): a severely dishonest person is kept from civil-service hiring and candidacy; a 一般 one is a warning', () => {
    const severe = { ...blackPerson, severity: '严重' };
    assert.ok(codes(decide([severe], SEED, 'recruitment')).includes('c6-2-civil-service'));
    assert.deepEqual(
      decide([severe], SEED, 'candidacy').measures.map((m) => m.code),
      ['c6-2-candidacy'],
    );
    assert.equal(decide([severe], SEED, 'candidacy').decision, 'block');
    const ordinary = { ...blackPerson, severity: '一般' };
    assert.deepEqual(decide([ordinary], SEED, 'candidacy'), { decision: 'warn', measures: [] });
    assert.deepEqual(decide([blackOrganization], SEED, 'candidacy'), { decision: 'warn', measures: [] });
  });

  it('applies a measure the city binds to a list type it added, and only to that type', () => {
    const custom = published({
      ...SEED.find((m) => m.code === 'a14-05-public-resource-trading')!,
      code: 'city-ecommerce-trading',
      listTypes: ['ecommerce_black'],
    });
    const entry: EntryForDecision = { ...blackOrganization, listType: 'ecommerce_black' };
    const result = decide([entry], [...SEED, custom], 'public_resource_trading');
    assert.deepEqual(codes(result), ['city-ecommerce-trading']);
    assert.equal(result.decision, 'block');
  });
});
