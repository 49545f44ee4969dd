import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findRegion, HUAIAN_REGION_CODE, huaianCounties, listRegions } from './index.ts';

const PROVINCE_PREFIXES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
];

const JIANGSU_PREFECTURES = {
  '320100': '南京市',
  '320200': '无锡市',
  '320300': '徐州市',
  '320400': '常州市',
  '320500': '苏州市',
  '320600': '南通市',
  '320700': '连云港市',
  '320800': '淮安市',
  '320900': '盐城市',
  '321000': '扬州市',
  '321100': '镇江市',
  '321200': '泰州市',
  '321300': '宿迁市',
};

describe('regions (GB/T 2260)', () => {
  it('lists every province-level division', () => {
    for (const prefix of PROVINCE_PREFIXES) {
      const province = findRegion(`${prefix}0000`);
      assert.equal(province?.level, 'province', prefix);
      assert.equal(province?.fullName, province?.name);
    }
    assert.equal(findRegion('320000')?.name, '江苏省');
    assert.equal(findRegion('650000')?.name, '新疆维吾尔自治区');
  });

  it("lists Jiangsu's 13 prefecture-level cities and its 95 current county-level divisions", () => {
    const current = listRegions().filter((r) => r.code.startsWith('32') && !r.abolished);
    const prefectures = current.filter((r) => r.level === 'prefecture');
    assert.deepEqual(Object.fromEntries(prefectures.map((r) => [r.code, r.name])), JIANGSU_PREFECTURES);
    const counties = current.filter((r) => r.level === 'county');
    assert.equal(counties.length, 95);
    for (const county of counties)
      assert.equal(JIANGSU_PREFECTURES[county.parentCode as '320100'] !== undefined, true);
  });

  it("lists Huai'an (320800) and its current districts and counties", () => {
    assert.equal(HUAIAN_REGION_CODE, '320800');
    assert.deepEqual(
      huaianCounties().map((r) => `${r.code} ${r.name}`),
      [
        '320803 淮安区',
        '320804 淮阴区',
        '320812 清江浦区',
        '320813 洪泽区',
        '320826 涟水县',
        '320830 盱眙县',
        '320831 金湖县',
      ],
    );
    assert.deepEqual(findRegion('320812'), {
      code: '320812',
      name: '清江浦区',
      fullName: '江苏省淮安市清江浦区',
      level: 'county',
      parentCode: '320800',
    });
  });

  it('keeps the abolished Huai’an codes real numbers still carry, flagged with a note', () => {
    for (const [code, name] of [
      ['320802', '清河区'],
      ['320811', '清浦区'],
      ['320829', '洪泽县'],
      ['320821', '淮阴县'],
      ['320882', '淮安市'],
    ]) {
      const region = findRegion(code!);
      assert.equal(region?.name, name, code);
      assert.equal(region?.abolished, true, code);
      assert.ok(region?.note, code);
    }
    assert.match(findRegion('320802')?.note ?? '', /清江浦区/);
  });

  it('reads 320803 as the current 淮安区, noting it was 楚州区 under the same code', () => {
    const region = findRegion('320803');
    assert.equal(region?.name, '淮安区');
    assert.equal(region?.abolished, undefined);
    assert.match(region?.note ?? '', /楚州区/);
  });

  it('names counties of the former 淮阴市 as they were, e.g. 沭阳县 (now in 宿迁市)', () => {
    assert.equal(findRegion('320823')?.fullName, '江苏省淮阴市沭阳县');
    assert.match(findRegion('320800')?.note ?? '', /淮阴市/);
  });

  it('keeps abolished codes elsewhere in Jiangsu, e.g. 白下区, 港闸区, 吴江市', () => {
    assert.equal(findRegion('320103')?.abolished, true);
    assert.equal(findRegion('320611')?.abolished, true);
    assert.equal(findRegion('320584')?.fullName, '江苏省苏州市吴江市');
  });

  it('finds only listed codes', () => {
    assert.equal(findRegion('110105'), undefined);
    assert.equal(findRegion('320899'), undefined);
    assert.equal(findRegion('990000'), undefined);
    assert.equal(findRegion(''), undefined);
  });

  it('lists regions ordered by code, every parent listed', () => {
    const regions = listRegions();
    const codes = regions.map((r) => r.code);
    assert.deepEqual(codes, [...codes].sort());
    assert.equal(new Set(codes).size, codes.length);
    for (const region of regions)
      if (region.parentCode) assert.ok(findRegion(region.parentCode), region.code);
    regions.pop();
    assert.equal(listRegions().length, codes.length);
  });
});
