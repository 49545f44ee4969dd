import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CodeException, checkCitizenId, checkCode, checkOrganizationCode, checkUscc } from './index.ts';

const TODAY = '2026-11-26';

/** A registry that knows one code, recording every lookup. */
function registry(entry: CodeException) {
  const lookups: string[] = [];
  const exception = (normalized: string) => {
    lookups.push(normalized);
    return normalized === entry.code ? entry : undefined;
  };
  return { lookups, options: { today: TODAY, exception } };
}

describe('checkCode: which kind of code', () => {
  it('detects each kind by length: 18 citizen ID or USCC, 15 legacy citizen ID, 9 organization code', () => {
    assert.equal(checkCode('11010519491231002X', { today: TODAY }).kind, 'citizen_id');
    assert.equal(checkCode('91320811696707409A').kind, 'uscc');
    assert.equal(checkCode('110105491231002', { today: TODAY }).kind, 'citizen_id_15');
    assert.equal(checkCode('69670740-9').kind, 'organization_code');
  });

  it('names the length given and the lengths accepted', () => {
    const check = checkCode('9132081169670740');
    assert.equal(check.valid, false);
    assert.equal(check.kind, undefined);
    assert.equal(check.error?.code, 'CODE_LENGTH');
    assert.equal(check.error?.expected, '18/15/9');
    assert.equal(check.error?.actual, '16');
    assert.match(check.error?.message ?? '', /18位.*15位.*9位/);
    assert.match(check.error?.messageEn ?? '', /has 16 characters/);
    assert.equal(checkCode(' \u3000 ').error?.code, 'CODE_EMPTY');
  });

  it('reads an all-digit USCC starting with 1 as a USCC (121000004000123696)', () => {
    const check = checkCode('121000004000123696', { today: TODAY });
    assert.equal(check.kind, 'uscc');
    assert.equal(check.valid, true);
  });

  it('reports a mistyped all-digit USCC as a USCC, not as a citizen ID', () => {
    const check = checkCode('121000004000123697', { today: TODAY });
    assert.equal(check.kind, 'uscc');
    assert.equal(check.error?.code, 'CODE_CHECKSUM');
    assert.equal(check.error?.expected, '6');
  });

  it('reports a citizen ID with an impossible date as a citizen ID (CODE_BIRTH_DATE)', () => {
    const check = checkCode('510105199902301234', { today: TODAY });
    assert.equal(check.kind, 'citizen_id');
    assert.equal(check.error?.code, 'CODE_BIRTH_DATE');
  });

  it('reports a citizen ID with a misplaced X as a citizen ID, though its characters suit a USCC', () => {
    const check = checkCode('3208021990010112X4', { today: TODAY });
    assert.equal(check.kind, 'citizen_id');
    assert.equal(check.error?.position, 17);
  });

  it('reads a mistyped 镇江 (3211xx) ID as a citizen ID although characters 3–8 also look like a USCC region', () => {
    // 321102… : authority 3, category 2, "110219" a Beijing region — a USCC shape as well.
    const check = checkCode('321102199001011234', { today: TODAY });
    assert.equal(check.kind, 'citizen_id');
    assert.equal(check.error?.code, 'CODE_CHECKSUM');
    assert.equal(check.error?.expected, '3');
  });

  it('reports a code starting with a known province but no date as a citizen ID', () => {
    const check = checkCode('3208021990010I123X', { today: TODAY });
    assert.equal(check.kind, 'citizen_id');
    assert.equal(check.error?.code, 'CODE_CHARACTER');
    assert.equal(check.error?.position, 14);
  });

  it('reads a code valid under both GB 11643 and GB 32100 as a citizen ID, with a warning', () => {
    const check = checkCode('513201199001011731', { today: TODAY });
    assert.equal(check.valid, true);
    assert.equal(check.kind, 'citizen_id');
    assert.deepEqual(
      check.warnings.map((w) => w.code),
      ['CODE_KIND_AMBIGUOUS'],
    );
    assert.equal(checkUscc('513201199001011731').valid, true);
  });
});

describe('checkCode: registered exceptions', () => {
  it('accepts a registered code that fails only its check character, with a warning giving the reason', () => {
    const { lookups, options } = registry({
      code: '110105194912310023',
      kind: 'citizen_id',
      reason: '1999年换证前签发',
    });
    const check = checkCode('110105 1949 1231 0023', options);
    assert.equal(check.valid, true);
    assert.equal(check.kind, 'citizen_id');
    assert.equal(check.error, undefined);
    assert.equal(check.birthDate, '1949-12-31');
    assert.deepEqual(lookups, ['110105194912310023']);
    const [warning] = check.warnings;
    assert.equal(warning?.code, 'CODE_EXCEPTION_ACCEPTED');
    assert.match(warning?.message ?? '', /已登记为例外.*1999年换证前签发/);
    assert.match(warning?.message ?? '', /第18位应为“X”，实际为“3”/);
    assert.match(warning?.messageEn ?? '', /registered exception/);
  });

  it('excuses a wrong embedded organization check character of a registered USCC', () => {
    const { options } = registry({ code: '914403001922038226', kind: 'uscc', reason: '赋码初期的存量代码' });
    const check = checkCode('914403001922038226', options);
    assert.equal(check.valid, true);
    assert.equal(check.kind, 'uscc');
    assert.equal(check.organizationCode, '192203822');
    assert.equal(check.warnings[0]?.code, 'CODE_EXCEPTION_ACCEPTED');
  });

  it('works through the kind-specific checks too', () => {
    const org = registry({ code: '696707408', kind: 'organization_code', reason: '存量' });
    assert.equal(checkOrganizationCode('69670740-8', org.options).valid, true);
    const uscc = registry({ code: '91110000600037341N', kind: 'uscc', reason: '存量' });
    assert.equal(checkUscc('91110000600037341N', uscc.options).valid, true);
    const citizen = registry({ code: '110105194912310023', kind: 'citizen_id', reason: '存量' });
    assert.equal(checkCitizenId('110105194912310023', citizen.options).valid, true);
  });

  it('never rescues a bad length, and does not even consult the registry for it', () => {
    const { lookups, options } = registry({ code: '1101051949123100', kind: 'citizen_id', reason: '存量' });
    const check = checkCode('1101051949123100', options);
    assert.equal(check.valid, false);
    assert.equal(check.error?.code, 'CODE_LENGTH');
    assert.deepEqual(check.warnings, []);
    assert.deepEqual(lookups, []);
  });

  it('never rescues a bad character, region or birth date', () => {
    for (const code of ['1101051949123A002X', '990000199001010017', '110105199902301234']) {
      const { options } = registry({ code, kind: 'citizen_id', reason: '存量' });
      const check = checkCode(code, options);
      assert.equal(check.valid, false, code);
      assert.notEqual(check.error?.code, 'CODE_CHECKSUM', code);
    }
  });

  it('does not rescue a code registered as another kind, or a registry answer for another code', () => {
    const otherKind = registry({ code: '110105194912310023', kind: 'uscc', reason: '存量' });
    assert.equal(checkCode('110105194912310023', otherKind.options).valid, false);
    const wrongAnswer = {
      today: TODAY,
      exception: () => ({ code: '696707409', kind: 'citizen_id' as const, reason: '存量' }),
    };
    assert.equal(checkCode('110105194912310023', wrongAnswer).error?.code, 'CODE_CHECKSUM');
  });

  it('leaves a valid code alone without consulting the registry', () => {
    const { lookups, options } = registry({ code: '11010519491231002X', kind: 'citizen_id', reason: '存量' });
    const check = checkCode('11010519491231002X', options);
    assert.deepEqual(check.warnings, []);
    assert.deepEqual(lookups, []);
  });
});
