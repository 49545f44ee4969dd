import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as names from './names.ts';
import { createRng } from './prng.ts';

const COMPOUND = ['欧阳', '上官', '司马', '诸葛'];
const county = { code: '320812', name: '清江浦区' };

function sample(count: number, seed = 7) {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => {
    const gender: names.Gender = i % 2 === 0 ? 'male' : 'female';
    const birthYear = 1950 + (i % 57);
    return { gender, name: names.personName(rng, gender, birthYear) };
  });
}

function givenName(name: string): string {
  return COMPOUND.some((s) => name.startsWith(s)) ? name.slice(2) : name.slice(1);
}

describe('demo person names', () => {
  const people = sample(2000);

  it('draw from about a hundred surnames, including compound and Jiangsu-common ones', () => {
    const surnames = names.SURNAMES.map(([s]) => s);
    assert.ok(surnames.length >= 100, `${surnames.length} surnames`);
    assert.equal(new Set(surnames).size, surnames.length);
    for (const s of [...'王李张刘陈徐朱陆顾沈钱', ...COMPOUND]) assert.ok(surnames.includes(s), s);
  });

  it('weight surnames by frequency: 王 and 李 far outnumber 仇', () => {
    const count = (s: string) => people.filter((p) => p.name.startsWith(s)).length;
    assert.ok(count('王') > 100 && count('李') > 100, `王 ${count('王')}, 李 ${count('李')}`);
    assert.ok(count('仇') < 15, `仇 ${count('仇')}`);
  });

  it('include both two-character names (王芳) and compound surnames in 2,000 people', () => {
    const short = people.filter((p) => p.name.length === 2).length;
    assert.ok(short / people.length > 0.18 && short / people.length < 0.32, `${short} two-character names`);
    assert.ok(people.some((p) => COMPOUND.some((s) => p.name.startsWith(s))));
    assert.ok(people.some((p) => p.name.length === 3));
  });

  it('are Chinese characters only, two to four of them', () => {
    for (const p of people) assert.match(p.name, /^[\u4e00-\u9fff]{2,4}$/, p.name);
  });

  it('match the gender: no 婷 or 娟 for men, no 军 or 刚 for women', () => {
    for (const p of people) {
      const given = givenName(p.name);
      if (p.gender === 'male') assert.doesNotMatch(given, /[婷娟娜芳丽萍]/, p.name);
      else assert.doesNotMatch(given, /[军刚强勇磊兵]/, p.name);
    }
  });

  it('are reproducible from the seed', () => {
    assert.deepEqual(sample(50, 99), sample(50, 99));
    assert.notDeepEqual(sample(50, 99), sample(50, 100));
  });
});

describe('demo organization names', () => {
  const rng = createRng(3);

  it("follow the registered forms of Huai'an enterprises", () => {
    const forms = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const e = names.enterpriseName(rng, county);
      assert.match(e.name, /^(淮安市|江苏|清江浦区)[\u4e00-\u9fff]+(股份)?有限公司$/, e.name);
      assert.equal(e.name.startsWith('江苏'), e.form === '股份有限公司', e.name);
      assert.equal(e.cityLevel, !e.name.startsWith('清江浦区'), e.name);
      forms.add(e.name.slice(0, 2));
    }
    assert.deepEqual(forms, new Set(['淮安', '江苏', '清江']));
  });

  it('name an individual business after its operator', () => {
    assert.match(names.individualBusinessName(rng, county, '王芳'), /^清江浦区王芳[\u4e00-\u9fff]+$/);
  });

  it('name social organizations, township units and cooperatives by their kind', () => {
    assert.match(names.socialGroupName(rng, county), /(协会|学会|研究会|促进会|商会)$/);
    assert.equal(names.stateOrganName(county, '清河街道'), '清江浦区清河街道办事处');
    assert.equal(names.stateOrganName(county, '和平镇'), '清江浦区和平镇人民政府');
    assert.match(names.cooperativeName(rng, county, '和平镇'), /^清江浦区和平镇.+专业合作社$/);
    assert.match(names.publicInstitutionName(rng, county, '和平镇'), /^清江浦区和平镇.+/);
  });
});
