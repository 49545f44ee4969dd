import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkOrganizationCode, organizationCodeCheckChar } from './index.ts';

describe('organization codes (GB 11714-1997)', () => {
  it('accepts real codes as printed, with the hyphen: 69670740-9, 71526726-X, 19220382-1', () => {
    for (const code of ['69670740-9', '71526726-X', '19220382-1', '40001236-9']) {
      const check = checkOrganizationCode(code);
      assert.equal(check.valid, true, code);
      assert.equal(check.kind, 'organization_code');
    }
    assert.equal(checkOrganizationCode('69670740-9').normalized, '696707409');
  });

  it('accepts a lower-case check character x and letters in the body (MA2PBM9HX)', () => {
    assert.equal(checkOrganizationCode('71526726-x').valid, true);
    assert.equal(checkOrganizationCode('MA2PBM9HX').valid, true);
  });

  it('computes MOD 11 with weights 3,7,9,10,5,8,4,2: 10 becomes X and 11 becomes 0', () => {
    assert.equal(organizationCodeCheckChar('71526726'), 'X');
    assert.equal(organizationCodeCheckChar('07838201'), '0');
    assert.equal(organizationCodeCheckChar('00000000'), '0');
    assert.equal(organizationCodeCheckChar('69670740'), '9');
    assert.equal(organizationCodeCheckChar('MA2PBM9H'), 'X');
    assert.equal(organizationCodeCheckChar('6967074'), '');
    assert.equal(organizationCodeCheckChar('6967074#'), '');
  });

  it('rejects a wrong check character at position 9 with expected vs actual (GB 11714)', () => {
    const check = checkOrganizationCode('69670740-8');
    assert.equal(check.error?.code, 'CODE_CHECKSUM');
    assert.equal(check.error?.position, 9);
    assert.equal(check.error?.expected, '9');
    assert.equal(check.error?.actual, '8');
    assert.match(check.error?.message ?? '', /组织机构代码/);
  });

  it('rejects a check character that is neither a digit nor X', () => {
    const check = checkOrganizationCode('69670740A');
    assert.equal(check.error?.code, 'CODE_CHARACTER');
    assert.equal(check.error?.position, 9);
    assert.equal(check.error?.expected, '0-9/X');
  });

  it('rejects a body character that is neither a digit nor a letter, with its position', () => {
    const check = checkOrganizationCode('696_07409');
    assert.equal(check.error?.code, 'CODE_CHARACTER');
    assert.equal(check.error?.position, 4);
    assert.equal(check.error?.actual, '_');
  });

  it('rejects other lengths with the length given', () => {
    const short = checkOrganizationCode('6967074');
    assert.equal(short.error?.code, 'CODE_LENGTH');
    assert.equal(short.error?.expected, '9');
    assert.equal(short.error?.actual, '7');
    assert.equal(checkOrganizationCode('6967-07409').error?.code, 'CODE_LENGTH');
    assert.equal(checkOrganizationCode('').error?.code, 'CODE_EMPTY');
  });

  it('keeps a hyphen that is not before the check character, and reports it as a character', () => {
    const check = checkOrganizationCode('696707-49');
    assert.equal(check.error?.code, 'CODE_CHARACTER');
    assert.equal(check.error?.position, 7);
    assert.equal(check.error?.actual, '-');
  });
});
