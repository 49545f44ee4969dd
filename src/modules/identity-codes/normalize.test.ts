import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCode, normalizeCode } from './index.ts';

const TODAY = { today: '2026-11-26' };

describe('normalizeCode', () => {
  it('turns full-width digits and letters (U+FF01–FF5E) into half-width', () => {
    assert.equal(normalizeCode('９１１１００００６０００３７３４１Ｌ'), '91110000600037341L');
    assert.equal(checkCode('１１０１０５１９４９１２３１００２Ｘ', TODAY).valid, true);
  });

  it('removes ASCII spaces, tabs, line breaks, full-width spaces (U+3000), NBSP and zero-width spaces', () => {
    assert.equal(normalizeCode(' 91 110000\t600037341L\n'), '91110000600037341L');
    assert.equal(normalizeCode('9111\u30000000\u00a0600037341L'), '91110000600037341L');
    assert.equal(normalizeCode('\u200b91110000600037341L\ufeff'), '91110000600037341L');
  });

  it('upper-cases letters, so a lower-case check character x is accepted (GB 11643)', () => {
    assert.equal(normalizeCode('11010519491231002x'), '11010519491231002X');
    const check = checkCode('11010519491231002x', TODAY);
    assert.equal(check.valid, true);
    assert.equal(check.input, '11010519491231002x');
    assert.equal(check.normalized, '11010519491231002X');
  });

  it('drops the hyphen of an organization code written "12345678-9" (GB 11714)', () => {
    assert.equal(normalizeCode('69670740-9'), '696707409');
    assert.equal(normalizeCode('71526726-x'), '71526726X');
    assert.equal(normalizeCode('６９６７０７４０－９'), '696707409');
    assert.equal(normalizeCode('69670740\u20139'), '696707409');
    assert.equal(normalizeCode(' 69670740 - 9 '), '696707409');
  });

  it('keeps a hyphen anywhere else, so it is reported instead of silently dropped', () => {
    assert.equal(normalizeCode('6967-07409'), '6967-07409');
    const check = checkCode('9132-0811696707409A', TODAY);
    assert.equal(check.error?.code, 'CODE_LENGTH');
    assert.equal(check.error?.actual, '19');
  });

  it('returns an empty string for a value that is not a string instead of throwing', () => {
    assert.equal(normalizeCode(undefined as unknown as string), '');
    assert.equal(normalizeCode(12 as unknown as string), '');
    const check = checkCode(null as unknown as string, TODAY);
    assert.equal(check.error?.code, 'CODE_EMPTY');
    assert.equal(check.input, '');
  });

  it('counts a character outside the Basic Multilingual Plane as one position', () => {
    const check = checkCode('3208021985031200😀', TODAY);
    assert.equal(check.error?.code, 'CODE_LENGTH');
    assert.equal(check.error?.actual, '17');
  });

  it('shows an invisible control character by its code point in the message', () => {
    const check = checkCode('32080219850312001\u0007', TODAY);
    assert.equal(check.error?.code, 'CODE_CHARACTER');
    assert.equal(check.error?.position, 18);
    assert.match(check.error?.message ?? '', /U\+0007/);
  });
});
