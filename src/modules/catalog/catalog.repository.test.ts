import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { TEST_WRITER } from '../audit/test-support.ts';
import { SEED_DEPARTMENTS } from '../departments/seed-departments.ts';
import { catalogRepository } from './catalog.repository.ts';
import { ensureSeedCatalog, SEED_CATALOG } from './catalog.seed.ts';
import type { CatalogItemDraft } from './catalog.ts';
import { columnsOf } from './columns.ts';

const T1 = '2026-11-26T08:00:00.000Z';
const T2 = '2026-11-27T08:00:00.000Z';

const draft = (): CatalogItemDraft => structuredClone(SEED_CATALOG.find((d) => d.code === 'tax-arrears')!);

describeEachEngine('catalog repository (B8: items are versioned, never edited)', (getStore) => {
  it('publishes an item as version 1 and reads it back whole', async () => {
    const catalog = catalogRepository(getStore(), TEST_WRITER);
    const { item, outcome } = await catalog.publish(draft(), T1);
    assert.equal(outcome, 'created');
    assert.equal(item.version, 1);
    const current = await catalog.current('tax-arrears');
    assert.deepEqual(current, { ...draft(), version: 1, publishedAt: T1 });
  });

  it('adds no version when the same content is published again', async () => {
    const catalog = catalogRepository(getStore(), TEST_WRITER);
    const { item, outcome } = await catalog.publish(draft(), T2);
    assert.equal(outcome, 'unchanged');
    assert.equal(item.version, 1);
    assert.equal(item.publishedAt, T1);
  });

  it('publishes a change as the next version and keeps the old one for the records made under it', async () => {
    const catalog = catalogRepository(getStore(), TEST_WRITER);
    const changed = draft();
    changed.fields.push({
      key: 'taxPeriod',
      label: '所属期',
      labelEn: 'tax period',
      type: 'text',
      required: false,
    });
    changed.usageScope = 'government';
    const { item, outcome } = await catalog.publish(changed, T2);
    assert.equal(outcome, 'new_version');
    assert.equal(item.version, 2);
    assert.equal((await catalog.current('tax-arrears'))?.version, 2);
    assert.equal((await catalog.current('tax-arrears'))?.usageScope, 'government');
    const first = await catalog.version('tax-arrears', 1);
    assert.equal(first?.usageScope, 'public');
    assert.ok(!first?.fields.some((f) => f.key === 'taxPeriod'));
    assert.deepEqual(
      (await catalog.history('tax-arrears')).map((h) => [h.version, h.publishedAt]),
      [
        [1, T1],
        [2, T2],
      ],
    );
    assert.equal(await catalog.version('tax-arrears', 3), undefined);
  });

  it('refuses a draft that breaks the catalog rules, listing every problem', async () => {
    const catalog = catalogRepository(getStore(), TEST_WRITER);
    const bad = draft();
    bad.code = 'bad-item';
    bad.category = 'positive';
    bad.fields.push({ key: 'taxType', label: '税种', labelEn: 'tax', type: 'enum', required: true });
    await assert.rejects(catalog.publish(bad, T1), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'CATALOG_ITEM_INVALID');
      const paths = ((error.details?.issues ?? []) as { path: string }[]).map((i) => i.path);
      const last = `fields.${bad.fields.length - 1}`;
      assert.deepEqual(paths, ['severityRequired', `${last}.key`, `${last}.values`]);
      return true;
    });
    assert.equal(await catalog.current('bad-item'), undefined);
  });

  it('refuses an item that defines a field for data B14 forbids', async () => {
    const catalog = catalogRepository(getStore(), TEST_WRITER);
    const bad = draft();
    bad.code = 'with-blood-type';
    bad.fields.push({
      key: 'bloodType',
      label: '血型',
      labelEn: 'blood type',
      type: 'text',
      required: false,
    });
    await assert.rejects(catalog.publish(bad, T1), { code: 'CATALOG_ITEM_INVALID' });
  });
});

describeEachEngine('seed catalog (B10–B13, A8)', (getStore) => {
  it('publishes every seed item once; a second run publishes nothing', async () => {
    const first = await ensureSeedCatalog(getStore(), T1, TEST_WRITER);
    assert.equal(first.published.length, SEED_CATALOG.length);
    const second = await ensureSeedCatalog(getStore(), T2, TEST_WRITER);
    assert.deepEqual(second.published, []);
    const items = await catalogRepository(getStore(), TEST_WRITER).list();
    assert.equal(items.length, SEED_CATALOG.length);
    assert.ok(items.every((i) => i.version === 1));
    assert.deepEqual(
      [...new Set(items.map((i) => i.category))],
      ['basic', 'positive', 'negative', 'other'],
      'listed in B9 order',
    );
  });

  it("leaves an item the city has since changed at the city's version", async () => {
    const catalog = catalogRepository(getStore(), TEST_WRITER);
    const changed = structuredClone(SEED_CATALOG.find((d) => d.code === 'honor')!);
    changed.updateCycle = 'quarterly';
    await catalog.publish(changed, T2);
    assert.deepEqual((await ensureSeedCatalog(getStore(), T2, TEST_WRITER)).published, []);
    assert.equal((await catalog.current('honor'))?.updateCycle, 'quarterly');
    assert.equal(
      (await catalog.list({ category: 'positive' })).length,
      7,
      'with the e-commerce and rural red lists (W7)',
    );
  });

  it('W11, A8(1): a black-list item for persons as the earlier release shipped it gets 工作单位 required; a changed one stays', async () => {
    const catalog = catalogRepository(getStore(), TEST_WRITER);
    // As shipped before issue 15: 工作单位 optional.
    const earlier = structuredClone(SEED_CATALOG.find((d) => d.code === 'blacklist-person')!);
    const employer = earlier.fields.find((f) => f.key === 'employer')!;
    employer.required = false;
    delete employer.noneValue;
    delete employer.note;
    await catalog.publish(earlier, T2);
    const corrected = await ensureSeedCatalog(getStore(), T2, TEST_WRITER);
    assert.deepEqual(corrected, { published: [], corrected: ['blacklist-person'] });
    const now = (await catalog.current('blacklist-person'))!;
    assert.deepEqual(
      now.fields.find((f) => f.key === 'employer'),
      SEED_CATALOG.find((d) => d.code === 'blacklist-person')!.fields.find((f) => f.key === 'employer'),
    );
    assert.deepEqual(await ensureSeedCatalog(getStore(), T2, TEST_WRITER), { published: [], corrected: [] });
    // The city's own version (here: the earlier one with a longer limit) is the city's.
    const citys = structuredClone(earlier);
    citys.fields.find((f) => f.key === 'employer')!.maxLength = 300;
    await catalog.publish(citys, T2);
    assert.deepEqual(await ensureSeedCatalog(getStore(), T2, TEST_WRITER), { published: [], corrected: [] });
    assert.equal(
      (await catalog.current('blacklist-person'))!.fields.find((f) => f.key === 'employer')!.required,
      false,
    );
  });
});

describeEachEngine('seed catalog corrections (issue 15)', (getStore) => {
  it("W4, A14(12): the courts' 失信被执行人 item as the earlier release shipped it is corrected to list its debtors", async () => {
    const catalog = catalogRepository(getStore(), TEST_WRITER);
    const earlier = structuredClone(SEED_CATALOG.find((d) => d.code === 'judgment-debtor')!);
    earlier.listType = null;
    delete earlier.listGround;
    // nor had it the legal representative's ID number (W5)
    earlier.fields = earlier.fields.filter((f) => f.key !== 'legalRepresentativeCode');
    earlier.basis = earlier.basis.filter((b) => b !== 'A14(12)');
    await catalog.publish(earlier, T1);
    assert.equal((await catalog.current('judgment-debtor'))!.listType, null);
    // what `serve` announces: the correction is pending, and a dry run writes nothing
    const pending = await ensureSeedCatalog(getStore(), T2, TEST_WRITER, { dryRun: true });
    assert.ok(pending.corrected.includes('judgment-debtor'), JSON.stringify(pending));
    assert.equal((await catalog.current('judgment-debtor'))!.listType, null, 'a dry run publishes nothing');
    const result = await ensureSeedCatalog(getStore(), T2, TEST_WRITER);
    assert.ok(result.corrected.includes('judgment-debtor'), JSON.stringify(result));
    assert.deepEqual(await ensureSeedCatalog(getStore(), T2, TEST_WRITER, { dryRun: true }), {
      published: [],
      corrected: [],
    });
    const now = (await catalog.current('judgment-debtor'))!;
    assert.deepEqual([now.listType, now.listGround], ['debtor', 'A6(7)']);
  });

  it("W5, B26: negative items about organizations as earlier releases shipped them get the legal representative's ID number; the city's own stay", async () => {
    const catalog = catalogRepository(getStore(), TEST_WRITER);
    const asShipped = (code: string) => {
      const earlier = structuredClone(SEED_CATALOG.find((d) => d.code === code)!);
      earlier.fields = earlier.fields.filter((f) => f.key !== 'legalRepresentativeCode');
      return earlier;
    };
    for (const code of ['admin-penalty', 'judgment-debtor', 'blacklist-organization']) {
      await catalog.publish(asShipped(code), T1);
    }
    const citys = asShipped('tax-arrears');
    citys.updateCycle = 'monthly';
    await catalog.publish(citys, T1);
    const result = await ensureSeedCatalog(getStore(), T2, TEST_WRITER);
    assert.deepEqual(
      result.corrected.sort(),
      ['admin-penalty', 'blacklist-organization', 'judgment-debtor'],
      JSON.stringify(result),
    );
    const field = (await catalog.current('admin-penalty'))!.fields.find(
      (f) => f.key === 'legalRepresentativeCode',
    );
    assert.deepEqual([field?.type, field?.codeOf, field?.required], ['code', 'person', false]);
    assert.equal(
      (await catalog.current('tax-arrears'))!.fields.some((f) => f.key === 'legalRepresentativeCode'),
      false,
    );
  });
});

it('the seed covers the kinds of B10–B13 and the red and black lists', () => {
  const codes = SEED_CATALOG.map((d) => d.code);
  for (const code of [
    'registration',
    'admin-license',
    'qualification',
    'honor',
    'volunteering',
    'charity',
    'criminal-judgment',
    'judgment-debtor',
    'tax-arrears',
    'social-insurance-arrears',
    'wage-arrears',
    'bidding-fraud',
    'safety-accident',
    'false-materials',
    'market-ban',
    'academic-misconduct',
    'admin-penalty',
    'credit-commitment',
    'credit-rating',
    'interview',
    'blacklist-person',
    'blacklist-organization',
    'redlist-person',
    'redlist-organization',
  ]) {
    assert.ok(codes.includes(code), code);
  }
});

it('catalog completeness (issue 15): B10(1), B12(3), B12(9), B13(3), B13(4) and C §2(5) each have an item with its scope, provider and period', () => {
  const item = (code: string) => SEED_CATALOG.find((d) => d.code === code)!;
  const expected: [string, string, string, string | null][] = [
    ['person-basic', 'B10(1)', 'authorized', null],
    ['fee-arrears', 'B12(3)', 'government', null],
    ['admin-enforcement', 'B12(9)', 'public', null],
    ['inspection', 'B13(3)', 'government', '3 years'],
    ['mortgage', 'B13(4)', 'government', null],
    ['pledge', 'B13(4)', 'public', null],
    ['trademark', 'B13(4)', 'public', null],
    ['student-loan-default', 'C§2(5)', 'government', null],
    ['forged-job-papers', 'C§2(5)', 'government', null],
  ];
  for (const [code, article, scope, period] of expected) {
    const d = item(code);
    assert.ok(d, code);
    assert.ok(d.basis.includes(article), `${code}: ${article}`);
    assert.equal(d.usageScope, scope, code);
    assert.ok(d.providerDepartments.length > 0, code);
    const usage = d.usagePeriod && 'years' in d.usagePeriod ? `${d.usagePeriod.years} years` : null;
    assert.equal(usage, period, code);
  }
  // negative ones are valid by B27 (severity required), the others by their period or without end
  assert.ok(
    ['fee-arrears', 'admin-enforcement', 'student-loan-default', 'forged-job-papers'].every(
      (code) => item(code).category === 'negative' && item(code).severityRequired,
    ),
  );
});

it('every negative seed item requires a severity (B15); no other item does', () => {
  for (const d of SEED_CATALOG) assert.equal(d.severityRequired, d.category === 'negative', d.code);
});

it("the black list items carry A8's content: subject columns plus fields", () => {
  const labels = (code: string) => columnsOf(SEED_CATALOG.find((d) => d.code === code)!).map((c) => c.label);
  const person = labels('blacklist-person');
  for (const label of [
    '姓名',
    '性别',
    '年龄',
    '公民身份号码',
    '工作单位',
    '主要失信事实',
    '失信类型',
    '认定依据',
  ]) {
    assert.ok(person.includes(label), `A8(1) ${label}`);
  }
  for (const label of ['处罚文书及文号', '认定单位', '认定日期', '有效期至（移出日期）']) {
    assert.ok(person.includes(label), `A8(1) ${label}`);
  }
  const organization = labels('blacklist-organization');
  for (const label of [
    '名称',
    '统一社会信用代码',
    '注册地址',
    '单位性质',
    '主要失信事实及依据',
    '失信类型',
    '法定代表人或负责人',
    '处罚文书及文号',
    '认定单位',
    '认定日期',
    '有效期至',
  ]) {
    assert.ok(organization.includes(label), `A8(2) ${label}`);
  }
});

it("names only the demo's departments as providers", () => {
  const known = new Set(SEED_DEPARTMENTS.map((d) => d.code));
  for (const d of SEED_CATALOG) {
    for (const code of d.providerDepartments) assert.ok(known.has(code), `${d.code}: ${code}`);
  }
});
