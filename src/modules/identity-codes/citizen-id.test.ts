import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { todayInChina } from './birth-date.ts';
import { checkCitizenId, citizenIdCheckChar, upgradeCitizenId15 } from './index.ts';

const TODAY = { today: '2026-11-26' };

describe('citizen ID numbers (GB 11643-1999)', () => {
  it("accepts the standard's own examples 11010519491231002X and 440524188001010014", () => {
    const beijing = checkCitizenId('11010519491231002X', TODAY);
    assert.equal(beijing.valid, true);
    assert.equal(beijing.kind, 'citizen_id');
    assert.equal(beijing.birthDate, '1949-12-31');
    assert.equal(beijing.gender, 'female');
    assert.deepEqual(beijing.region, { code: '110000', name: '北京市', fullName: '北京市' });
    assert.deepEqual(beijing.warnings, []);
    assert.equal(beijing.error, undefined);

    const guangdong = checkCitizenId('440524188001010014', TODAY);
    assert.equal(guangdong.valid, true);
    assert.equal(guangdong.birthDate, '1880-01-01');
    assert.equal(guangdong.gender, 'male');
    assert.equal(guangdong.region?.name, '广东省');
  });

  it('computes the ISO 7064 MOD 11-2 check character, X standing for 10', () => {
    assert.equal(citizenIdCheckChar('11010519491231002'), 'X');
    assert.equal(citizenIdCheckChar('44052418800101001'), '4');
    assert.equal(citizenIdCheckChar('1101051949123100'), '');
    assert.equal(citizenIdCheckChar('1101051949123100A'), '');
  });

  it('rejects a wrong MOD 11-2 check character with expected vs actual (GB 11643)', () => {
    const check = checkCitizenId('110105194912310023', TODAY);
    assert.equal(check.valid, false);
    assert.equal(check.error?.code, 'CODE_CHECKSUM');
    assert.equal(check.error?.position, 18);
    assert.equal(check.error?.expected, 'X');
    assert.equal(check.error?.actual, '3');
    assert.match(check.error?.message ?? '', /第18位校验码应为“X”，实际为“3”/);
    assert.match(check.error?.messageEn ?? '', /should be "X" but is "3"/);
  });

  it('reports the first non-digit among the first 17 characters with its position (GB 11643)', () => {
    const check = checkCitizenId('1101051949123A002X', TODAY);
    assert.equal(check.error?.code, 'CODE_CHARACTER');
    assert.equal(check.error?.position, 14);
    assert.equal(check.error?.actual, 'A');
    assert.equal(check.error?.expected, '0-9');
  });

  it('explains that X may only be the 18th character (GB 11643)', () => {
    const check = checkCitizenId('3208021990010112X4', TODAY);
    assert.equal(check.error?.code, 'CODE_CHARACTER');
    assert.equal(check.error?.position, 17);
    assert.match(check.error?.message ?? '', /X只能作为第18位校验码/);
  });

  it('rejects an impossible birth date such as 19990230 (GB 11643 §4.2, GB/T 7408)', () => {
    const check = checkCitizenId('110105199902301234', TODAY);
    assert.equal(check.error?.code, 'CODE_BIRTH_DATE');
    assert.equal(check.error?.position, 7);
    assert.equal(check.error?.actual, '19990230');
    assert.equal(check.region?.code, '110000');
    assert.equal(check.birthDate, undefined);
  });

  it('accepts 29 February only in a leap year (GB/T 7408)', () => {
    assert.equal(checkCitizenId(withCheck('32081220000229001'), TODAY).valid, true);
    assert.equal(checkCitizenId(withCheck('32081219000229001'), TODAY).error?.code, 'CODE_BIRTH_DATE');
  });

  it('rejects a birth date after today, today included as the limit', () => {
    const future = checkCitizenId('320812209912310011', TODAY);
    assert.equal(future.error?.code, 'CODE_BIRTH_DATE');
    assert.match(future.error?.message ?? '', /晚于今天（2026-11-26）/);
    assert.equal(checkCitizenId(withCheck('32081220261126001'), TODAY).valid, true);
    assert.equal(checkCitizenId(withCheck('32081220261127001'), TODAY).error?.code, 'CODE_BIRTH_DATE');
  });

  it('takes today in China (Asia/Shanghai) when no date is given', () => {
    assert.equal(todayInChina(new Date('2026-11-25T17:00:00Z')), '2026-11-26');
    const dayAfterTomorrow = new Date(Date.now() + 2 * 86_400_000);
    const id = withCheck(`320812${todayInChina(dayAfterTomorrow).replaceAll('-', '')}001`);
    assert.equal(checkCitizenId(id).error?.code, 'CODE_BIRTH_DATE');
  });

  it('treats a malformed options.today as a programming error', () => {
    assert.throws(() => checkCitizenId('11010519491231002X', { today: '2026-02-30' }), RangeError);
  });

  it('rejects a birth date before 1870, which no living holder can have', () => {
    const check = checkCitizenId('320812186912310012', TODAY);
    assert.equal(check.error?.code, 'CODE_BIRTH_DATE');
    assert.match(check.error?.message ?? '', /早于1870-01-01/);
  });

  it('rejects an unknown address code at position 1 (GB/T 2260)', () => {
    const check = checkCitizenId('990000199001010017', TODAY);
    assert.equal(check.error?.code, 'CODE_REGION');
    assert.equal(check.error?.position, 1);
    assert.equal(check.error?.actual, '990000');
    assert.equal(checkCitizenId('32990019900101001X', TODAY).error?.code, 'CODE_REGION');
    // 100000 is the region of national registration authorities in USCCs, never an address.
    assert.equal(checkCitizenId('100000199001011234', TODAY).error?.code, 'CODE_REGION');
  });

  it('accepts a historical 清河区 (320802) number: the address code is kept for life', () => {
    const check = checkCitizenId('320802198503120010', TODAY);
    assert.equal(check.valid, true);
    assert.deepEqual(check.region, {
      code: '320802',
      name: '清河区',
      fullName: '江苏省淮安市清河区',
      abolished: true,
    });
    assert.deepEqual(check.warnings, []);
  });

  it('accepts other abolished Huai’an codes: 清浦区 320811, 淮阴县 320821 of 淮阴市', () => {
    assert.equal(checkCitizenId('320811198808081231', TODAY).region?.name, '清浦区');
    assert.equal(checkCitizenId('320821197001010035', TODAY).region?.fullName, '江苏省淮阴市淮阴县');
  });

  it('warns about, but accepts, a Jiangsu address code of a known prefecture that is not listed', () => {
    const check = checkCitizenId('320899199001010018', TODAY);
    assert.equal(check.valid, true);
    assert.equal(check.region?.code, '320800');
    assert.deepEqual(
      check.warnings.map((w) => w.code),
      ['CODE_REGION_UNLISTED'],
    );
  });

  it('accepts residence-permit numbers of Taiwan residents (830000) but no other 83 code', () => {
    assert.equal(checkCitizenId('830000199001010012', TODAY).valid, true);
    assert.equal(checkCitizenId('830101199001010014', TODAY).error?.code, 'CODE_REGION');
  });
});

describe('legacy 15-digit citizen ID numbers (GB 11643-1989)', () => {
  it('upgrades 110105491231002 to the standard example 11010519491231002X', () => {
    assert.equal(upgradeCitizenId15('110105491231002'), '11010519491231002X');
    assert.equal(upgradeCitizenId15(' 110105 491231 002 '), '11010519491231002X');
    assert.equal(upgradeCitizenId15('11010549123100'), '');
  });

  it('accepts a valid 15-digit number, reports its 18-character form and warns', () => {
    const check = checkCitizenId('110105491231002', TODAY);
    assert.equal(check.valid, true);
    assert.equal(check.kind, 'citizen_id_15');
    assert.equal(check.upgraded, '11010519491231002X');
    assert.equal(check.birthDate, '1949-12-31');
    assert.equal(check.gender, 'female');
    assert.deepEqual(
      check.warnings.map((w) => w.code),
      ['CODE_CITIZEN_ID_15'],
    );
  });

  it('does not upgrade a 15-digit number with an impossible date (19YY implied)', () => {
    const check = checkCitizenId('110105490230002', TODAY);
    assert.equal(check.valid, false);
    assert.equal(check.error?.code, 'CODE_BIRTH_DATE');
    assert.equal(check.error?.actual, '490230');
    assert.equal(check.upgraded, undefined);
  });

  it('rejects a letter in a 15-digit number with its position', () => {
    const check = checkCitizenId('11010549123100X', TODAY);
    assert.equal(check.error?.code, 'CODE_CHARACTER');
    assert.equal(check.error?.position, 15);
  });

  it('rejects other lengths, naming the length given and the lengths accepted', () => {
    const check = checkCitizenId('1101051949123100', TODAY);
    assert.equal(check.error?.code, 'CODE_LENGTH');
    assert.equal(check.error?.actual, '16');
    assert.equal(check.error?.expected, '18/15');
    assert.match(check.error?.message ?? '', /代码长度为16位/);
    assert.equal(checkCitizenId('  ', TODAY).error?.code, 'CODE_EMPTY');
  });
});

function withCheck(first17: string): string {
  return first17 + citizenIdCheckChar(first17);
}
