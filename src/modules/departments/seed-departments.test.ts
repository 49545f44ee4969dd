import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { huaianCounties } from '../identity-codes/index.ts';
import { readSeedDocument, responsibleUnits } from '../reference/test-support.ts';
import { SEED_DEPARTMENTS } from './seed-departments.ts';

const byCode = new Map(SEED_DEPARTMENTS.map((d) => [d.code, d]));
const seed = readSeedDocument();
// Without the seed the provenance tests cannot run; CI must have it (see test-support.ts).
const seedSkip = seed
  ? false
  : process.env.CI === 'true'
    ? false
    : 'seed document 淮政发〔2018〕103号 not found';

describe('seed departments', () => {
  it('have unique, stable ASCII codes and unique full names', () => {
    assert.equal(byCode.size, SEED_DEPARTMENTS.length);
    for (const d of SEED_DEPARTMENTS) assert.match(d.code, /^HA(-[A-Z0-9]+)+$/, d.code);
    assert.equal(new Set(SEED_DEPARTMENTS.map((d) => d.name)).size, SEED_DEPARTMENTS.length);
    assert.equal(new Set(SEED_DEPARTMENTS.map((d) => d.shortName)).size, SEED_DEPARTMENTS.length);
  });

  it('keep the codes later data references', () => {
    assert.equal(byCode.get('HA-FGW')?.shortName, '市发改委');
    assert.equal(byCode.get('HA-JXW')?.name, '淮安市经济和信息化委员会');
    assert.equal(byCode.get('HA-FY')?.name, '淮安市中级人民法院');
    assert.equal(byCode.get('HA-GZW')?.shortName, '市国资委');
  });

  it('name superiors that exist, without cycles (A11 walks up this chain)', () => {
    for (const d of SEED_DEPARTMENTS) {
      const seen = new Set<string>([d.code]);
      for (let parent = d.parentCode; parent !== undefined; parent = byCode.get(parent)?.parentCode) {
        assert.ok(byCode.has(parent), `${d.code}: unknown parent ${parent}`);
        assert.ok(!seen.has(parent), `${d.code}: cycle through ${parent}`);
        seen.add(parent);
      }
    }
  });

  it('have exactly one city credit center and one city credit office, under 市经信委', () => {
    const cityOf = (kind: string) =>
      SEED_DEPARTMENTS.filter((d) => d.regionCode === '320800' && d.kinds.some((k) => k === kind));
    assert.deepEqual(
      cityOf('credit_center').map((d) => d.shortName),
      ['市公共信用信息中心'],
    );
    assert.deepEqual(
      cityOf('credit_office').map((d) => d.shortName),
      ['市信用办'],
    );
    assert.equal(byCode.get('HA-XYB')?.parentCode, 'HA-JXW');
  });

  it('give every county a government and a credit office as regional nodes', () => {
    const counties = huaianCounties();
    assert.equal(counties.length, 7);
    for (const county of counties) {
      const nodes = SEED_DEPARTMENTS.filter((d) => d.regionCode === county.code);
      assert.equal(nodes.length, 2, county.name);
      for (const node of nodes) assert.ok(node.kinds.includes('regional_node'), node.code);
      assert.ok(
        nodes.some((n) => n.kinds.includes('credit_office')),
        county.name,
      );
      assert.ok(
        nodes.some((n) => n.name === `淮安市${county.name}人民政府`),
        county.name,
      );
    }
    const regions = new Set(['320800', ...counties.map((c) => c.code)]);
    for (const d of SEED_DEPARTMENTS) assert.ok(regions.has(d.regionCode), `${d.code}: ${d.regionCode}`);
  });

  it('use every kind only where it makes sense', () => {
    for (const d of SEED_DEPARTMENTS) {
      assert.ok(d.kinds.length > 0, d.code);
      assert.equal(new Set(d.kinds).size, d.kinds.length, d.code);
    }
    const providers = SEED_DEPARTMENTS.filter((d) => d.kinds.includes('provider'));
    assert.ok(providers.length >= 40, `only ${providers.length} providers`);
  });

  it('take every short name and alias from the seed document, unless marked platform', {
    skip: seedSkip,
  }, () => {
    for (const d of SEED_DEPARTMENTS) {
      if (d.source === 'platform') continue;
      for (const name of [d.shortName, ...(d.aliases ?? [])]) {
        assert.ok(seed?.includes(name), `${d.code}: "${name}" does not occur in the seed`);
      }
    }
  });

  it('cover every responsible unit (责任单位) the seed names', { skip: seedSkip }, () => {
    const units = responsibleUnits(seed ?? '');
    assert.ok(units.length >= 45, `parsed only ${units.length} units`);
    const known = new Set(SEED_DEPARTMENTS.flatMap((d) => [d.shortName, ...(d.aliases ?? [])]));
    assert.deepEqual(
      units.filter((u) => !known.has(u)),
      [],
    );
  });
});
