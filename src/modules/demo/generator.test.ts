import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEED_DEPARTMENTS } from '../departments/seed-departments.ts';
import { checkCode, huaianCounties } from '../identity-codes/index.ts';
import { addYears } from './dates.ts';
import { DEMO_DEFAULTS, generateDemoSubjects } from './generator.ts';
import type { OrganizationKind } from './organizations.ts';
import { HISTORICAL_ID_REGIONS } from './places.ts';

const demo = generateDemoSubjects(DEMO_DEFAULTS);
const { persons, organizations } = demo;
const countyName = new Map(huaianCounties().map((c) => [c.code, c.name]));
const departmentCodes = new Set(SEED_DEPARTMENTS.map((d) => d.code));

/** GB 32100 category code (2nd–2nd chars) expected for each legal form. */
const CATEGORY_OF_FORM: Readonly<Record<string, string>> = {
  有限责任公司: '91',
  股份有限公司: '91',
  '有限责任公司(国有独资)': '91',
  个体工商户: '92',
  农民专业合作社: '93',
  社会团体: '51',
  民办非企业单位: '52',
  事业单位: '12',
  机关: '11',
};

describe('demo persons', () => {
  it('come in the requested number, with unique codes', () => {
    assert.equal(persons.length, DEMO_DEFAULTS.persons);
    assert.equal(new Set(persons.map((p) => p.code)).size, persons.length);
  });

  it('carry citizen ID numbers that identity-codes accepts as such', () => {
    for (const p of persons) {
      const result = checkCode(p.code);
      assert.ok(result.valid, `${p.code}: ${result.error?.message}`);
      assert.equal(result.kind, 'citizen_id', p.code);
      assert.equal(result.gender, p.gender, p.code);
      assert.equal(result.birthDate, p.birthDate, p.code);
    }
  });

  it('have the gender of the 17th digit (odd for men) and the birth date of digits 7–14', () => {
    for (const p of persons) {
      assert.equal(Number(p.code[16]) % 2 === 1 ? 'male' : 'female', p.gender, p.code);
      assert.equal(
        `${p.code.slice(6, 10)}-${p.code.slice(10, 12)}-${p.code.slice(12, 14)}`,
        p.birthDate,
        p.code,
      );
      assert.ok(p.birthDate >= '1950-01-01' && p.birthDate <= '2006-12-31', p.birthDate);
    }
    assert.ok(persons.some((p) => p.gender === 'male') && persons.some((p) => p.gender === 'female'));
  });

  it("live in a Huai'an county, with IDs from that county or its predecessor", () => {
    for (const p of persons) {
      assert.ok(countyName.has(p.regionCode), p.regionCode);
      const idRegion = p.code.slice(0, 6);
      const predecessor = HISTORICAL_ID_REGIONS.find((r) => r.code === idRegion);
      assert.equal(predecessor?.successor ?? idRegion, p.regionCode, p.code);
    }
    assert.ok(persons.some((p) => p.code.startsWith('320802') || p.code.startsWith('320811')));
    assert.equal(new Set(persons.map((p) => p.regionCode)).size, 7);
  });

  it('include state employees of demo departments (A11) and mostly have a mobile number', () => {
    const employees = persons.filter((p) => p.employerDepartmentCode !== undefined);
    assert.ok(employees.length > 40 && employees.length < 250, `${employees.length} employees`);
    for (const p of employees) assert.ok(departmentCodes.has(p.employerDepartmentCode ?? ''), p.code);
    const phones = persons.filter((p) => p.phone !== undefined);
    assert.ok(phones.length > persons.length * 0.7);
    for (const p of phones) assert.match(p.phone ?? '', /^1[3-9]\d{9}$/);
  });
});

describe('demo organizations', () => {
  const personByCode = new Map(persons.map((p) => [p.code, p]));

  it('come in the requested number, with unique codes and unique names', () => {
    assert.equal(organizations.length, DEMO_DEFAULTS.organizations);
    assert.equal(new Set(organizations.map((o) => o.code)).size, organizations.length);
    assert.equal(new Set(organizations.map((o) => o.name)).size, organizations.length);
  });

  it('carry USCCs that identity-codes accepts, with the category of their legal form', () => {
    for (const o of organizations) {
      const result = checkCode(o.code);
      assert.ok(result.valid, `${o.code} ${o.name}: ${result.error?.message}`);
      assert.equal(result.kind, 'uscc', o.code);
      assert.equal(o.code.slice(0, 2), CATEGORY_OF_FORM[o.legalForm], `${o.code} ${o.legalForm}`);
      assert.ok(['320800', o.regionCode].includes(o.code.slice(2, 8)), `${o.code} in ${o.regionCode}`);
    }
  });

  it('cover every kind and legal form', () => {
    const kinds: OrganizationKind[] = [
      'enterprise',
      'individual_business',
      'social_organization',
      'public_institution',
      'state_organ',
      'state_owned_enterprise',
    ];
    for (const kind of kinds)
      assert.ok(
        organizations.some((o) => o.kind === kind),
        kind,
      );
    for (const form of Object.keys(CATEGORY_OF_FORM))
      assert.ok(
        organizations.some((o) => o.legalForm === form),
        form,
      );
  });

  it('are represented by an adult generated person and registered in their county', () => {
    for (const o of organizations) {
      const representative = personByCode.get(o.legalRepresentativeCode);
      assert.ok(representative, `${o.name}: unknown representative`);
      assert.ok(o.establishedOn >= addYears(representative.birthDate, 18), `${o.name} ${o.establishedOn}`);
      assert.ok(o.establishedOn <= DEMO_DEFAULTS.asOf, o.establishedOn);
      assert.ok(o.registeredAddress.startsWith(`淮安市${countyName.get(o.regionCode)}`), o.registeredAddress);
      assert.match(o.registeredAddress, /(号|室|组)$/, o.registeredAddress);
      if (o.kind === 'individual_business') assert.ok(o.name.includes(representative.name), o.name);
    }
  });

  it('name a superior department exactly for state organs, public institutions and state-owned enterprises', () => {
    const reported = new Set<OrganizationKind>([
      'state_organ',
      'public_institution',
      'state_owned_enterprise',
    ]);
    for (const o of organizations) {
      assert.equal(o.superiorDepartmentCode !== undefined, reported.has(o.kind), o.name);
      if (o.superiorDepartmentCode) assert.ok(departmentCodes.has(o.superiorDepartmentCode), o.name);
    }
  });
});

describe('generateDemoSubjects', () => {
  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    assert.deepEqual(generateDemoSubjects(DEMO_DEFAULTS), demo);
    const other = generateDemoSubjects({ ...DEMO_DEFAULTS, seed: DEMO_DEFAULTS.seed + 1 });
    assert.notDeepEqual(other.persons, persons);
    assert.notDeepEqual(other.organizations, organizations);
  });

  it('keeps the first persons when more are asked for', () => {
    const fewer = generateDemoSubjects({ persons: 100, organizations: 0 });
    assert.deepEqual(fewer.persons, persons.slice(0, 100));
    assert.deepEqual(fewer.organizations, []);
  });

  it('respects asOf for birth and establishment dates', () => {
    const early = generateDemoSubjects({ persons: 500, organizations: 200, asOf: '2010-06-30' });
    for (const p of early.persons) assert.ok(p.birthDate <= '2006-12-31');
    for (const o of early.organizations) assert.ok(o.establishedOn <= '2010-06-30', o.establishedOn);
    const old = generateDemoSubjects({ persons: 200, organizations: 0, asOf: '1990-01-01' });
    for (const p of old.persons) assert.ok(p.birthDate <= '1990-01-01', p.birthDate);
  });

  // Its speed is a benchmark figure (`node bench/generate.ts` prints it), never a test's: issue 14 §7.
  it('generates 10,000 persons and 10,000 organizations, all still unique', () => {
    const large = generateDemoSubjects({ persons: 10_000, organizations: 10_000, seed: 42 });
    assert.equal(new Set(large.persons.map((p) => p.code)).size, 10_000);
    assert.equal(new Set(large.organizations.map((o) => o.code)).size, 10_000);
    assert.equal(new Set(large.organizations.map((o) => o.name)).size, 10_000);
  });

  it('rejects impossible requests', () => {
    assert.throws(() => generateDemoSubjects({ persons: -1, organizations: 0 }), RangeError);
    assert.throws(() => generateDemoSubjects({ persons: 1.5, organizations: 0 }), RangeError);
    assert.throws(() => generateDemoSubjects({ persons: 0, organizations: 1 }), /legal representative/);
    assert.throws(
      () => generateDemoSubjects({ persons: 1, organizations: 0, asOf: '2025-02-30' }),
      RangeError,
    );
    assert.throws(
      () => generateDemoSubjects({ persons: 1, organizations: 0, asOf: '1940-01-01' }),
      RangeError,
    );
  });
});
