import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkUscc, usccCheckChar } from './index.ts';

// Published codes. Sources: zh.wikipedia (华为), python-stdnum's list of codes found online, a
// listed company's annual report (中国科学院软件研究所), organizations' own pages and notices.
const PUBLISHED = [
  { code: '914403001922038216', holder: '华为技术有限公司', region: '广东省' },
  { code: '9144030071526726XG', holder: '腾讯科技（深圳）有限公司', region: '广东省' },
  { code: '11440000006939561H', holder: '中共广东省委宣传部 (1 机构编制 / 1 机关)', region: '广东省' },
  { code: '121000004000123696', holder: '中国科学院软件研究所 (1 / 2 事业单位, all digits)', region: '国家' },
  { code: '53100000500019795A', holder: '中国社会福利基金会 (5 民政 / 3 基金会)', region: '国家' },
  { code: '51310110501144395U', holder: '上海市杨浦区民政局登记的社会团体 (5 / 1)', region: '上海市' },
  { code: '81440000742971228Y', holder: '中共广东省委宣传部机关工会委员会 (8 工会 / 1)', region: '广东省' },
  {
    code: '9132059455117770X5',
    holder: '天聚地合（苏州）数据股份有限公司 (320594 苏州工业园区)',
    region: '苏州市',
  },
  // Court records print it masked, 91320811696****409A, beside organization code 69670740-9; the
  // code those give satisfies both check characters.
  { code: '91320811696707409A', holder: '淮安禧徕乐投资发展有限公司 (清浦区)', region: '清浦区' },
];

// A sample of python-stdnum's codes found online: 个体工商户 (92), letters in the organization code
// (MA…, L…), organization check characters X and 0 (11 → 0).
const FOUND_ONLINE = [
  '91110000600037341L',
  '91110000710926094P',
  '91310115MA1K3BTP2B',
  '91320214745555318W',
  '913205056082348768',
  '9115220107837757XE',
  '91152201078382010M',
  '91340600MA2PBM9HXD',
  '91620105L015101280',
  '92340602MA2PBMEM24',
  '92340603MA2UJY0W68',
  '92340621MA2UK3PJXE',
];

describe('unified social credit codes (GB 32100-2015)', () => {
  for (const { code, holder, region } of PUBLISHED) {
    it(`accepts the published code of ${holder}: ${code}`, () => {
      const check = checkUscc(code);
      assert.equal(check.valid, true, check.error?.message);
      assert.equal(check.kind, 'uscc');
      assert.equal(check.region?.name, region);
      assert.equal(check.organizationCode, code.slice(8, 17));
      assert.deepEqual(check.warnings, []);
    });
  }

  it('accepts codes of every registration-authority kind found online, incl. 个体工商户', () => {
    for (const code of FOUND_ONLINE) assert.equal(checkUscc(code).valid, true, code);
  });

  it('reports a USCC of an abolished Huai’an district (清浦区 320811) as such', () => {
    assert.deepEqual(checkUscc('91320811696707409A').region, {
      code: '320811',
      name: '清浦区',
      fullName: '江苏省淮安市清浦区',
      abolished: true,
    });
  });

  it('computes the MOD 31 check character over the 31-character alphabet', () => {
    assert.equal(usccCheckChar('91110000600037341'), 'L');
    assert.equal(usccCheckChar('9144030071526726X'), 'G');
    assert.equal(usccCheckChar('9111000060003734O'), '');
    assert.equal(usccCheckChar('9111000060003734'), '');
  });

  it('rejects a wrong MOD 31 check character with expected vs actual (GB 32100)', () => {
    const check = checkUscc('91110000600037341N');
    assert.equal(check.error?.code, 'CODE_CHECKSUM');
    assert.equal(check.error?.position, 18);
    assert.equal(check.error?.expected, 'L');
    assert.equal(check.error?.actual, 'N');
    assert.equal(check.organizationCode, '600037341');
  });

  it('rejects a wrong check character of the embedded organization code at position 17 (GB 11714)', () => {
    const check = checkUscc('914403001922038226');
    assert.equal(check.error?.code, 'CODE_ORGANIZATION_CHECKSUM');
    assert.equal(check.error?.position, 17);
    assert.equal(check.error?.expected, '1');
    assert.equal(check.error?.actual, '2');
    assert.match(check.error?.message ?? '', /第17位/);
  });

  it('reports the organization code before the MOD 31 check when both fail, naming the character typed wrong', () => {
    const check = checkUscc('91320811696707408A');
    assert.equal(check.error?.code, 'CODE_ORGANIZATION_CHECKSUM');
  });

  it('rejects the letter O, never used by GB 32100, and suggests the digit 0', () => {
    const check = checkUscc('91110000600037341O');
    assert.equal(check.error?.code, 'CODE_CHARACTER');
    assert.equal(check.error?.position, 18);
    assert.equal(check.error?.actual, 'O');
    assert.match(check.error?.message ?? '', /不使用I、O、Z、S、V/);
    assert.match(check.error?.message ?? '', /数字0/);
  });

  it('reports the first unused letter (I, Z, S, V) with its position', () => {
    for (const [code, position, letter] of [
      ['914403001I22038216', 10, 'I'],
      ['91440300Z922038216', 9, 'Z'],
      ['9144030019220382S6', 17, 'S'],
      ['V14403001922038216', 1, 'V'],
    ] as const) {
      const check = checkUscc(code);
      assert.equal(check.error?.code, 'CODE_CHARACTER', code);
      assert.equal(check.error?.position, position, code);
      assert.equal(check.error?.actual, letter, code);
    }
  });

  it('rejects a category the table does not list for that authority', () => {
    for (const prefix of ['99', '22', '36', '73', '63', '82', 'A2', 'N4', 'Y9', '10']) {
      const check = checkUscc(`${prefix}4403001922038216`);
      assert.equal(check.error?.code, 'CODE_CATEGORY', prefix);
      assert.equal(check.error?.actual, prefix[1], prefix);
    }
  });

  it('requires a digit or X at position 17, the organization code check character', () => {
    const check = checkUscc('9144030019220382A6');
    assert.equal(check.error?.code, 'CODE_CHARACTER');
    assert.equal(check.error?.position, 17);
    assert.equal(check.error?.expected, '0-9/X');
  });

  it('requires digits in the category and region positions 2–8', () => {
    const check = checkUscc('9144A3001922038216');
    assert.equal(check.error?.code, 'CODE_CHARACTER');
    assert.equal(check.error?.position, 5);
    assert.equal(check.error?.expected, '0-9');
  });

  it('rejects a registration authority GB 32100 does not use', () => {
    const check = checkUscc('B14403001922038216');
    assert.equal(check.error?.code, 'CODE_REGISTRATION_AUTHORITY');
    assert.equal(check.error?.position, 1);
    assert.equal(check.error?.actual, 'B');
  });

  it('rejects a category the registration authority does not use (工商 has 1–3, 其他 only 1)', () => {
    const business = checkUscc('94440300192203821X');
    assert.equal(business.error?.code, 'CODE_CATEGORY');
    assert.equal(business.error?.position, 2);
    assert.equal(business.error?.expected, '1、2、3');
    assert.equal(business.error?.actual, '4');
    assert.match(business.error?.message ?? '', /工商/);
    assert.equal(checkUscc('Y2440300192203821X').error?.code, 'CODE_CATEGORY');
  });

  it('accepts every category of the GB 32100 table and its 9 (其他) where the table has one', () => {
    for (const prefix of [
      '13',
      '19',
      '21',
      '35',
      '41',
      '59',
      '62',
      '69',
      '72',
      '79',
      '89',
      'A1',
      'A9',
      'N2',
      'N9',
      'Y1',
    ]) {
      const check = checkUscc(`${prefix}4403001922038216`);
      assert.notEqual(check.error?.code, 'CODE_CATEGORY', prefix);
      assert.notEqual(check.error?.code, 'CODE_REGISTRATION_AUTHORITY', prefix);
    }
  });

  it('rejects an unknown region of the registration authority at position 3 (GB/T 2260)', () => {
    const check = checkUscc('91990000600037341L');
    assert.equal(check.error?.code, 'CODE_REGION');
    assert.equal(check.error?.position, 3);
    assert.equal(check.error?.actual, '990000');
    assert.equal(checkUscc('91329900600037341L').error?.code, 'CODE_REGION');
  });

  it('rejects other lengths with the length given', () => {
    const check = checkUscc('91110000600037341');
    assert.equal(check.error?.code, 'CODE_LENGTH');
    assert.equal(check.error?.expected, '18');
    assert.equal(check.error?.actual, '17');
  });
});
