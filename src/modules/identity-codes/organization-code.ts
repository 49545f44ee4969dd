/**
 * Organization codes, GB 11714-1997: 8 body characters (digits or upper-case letters) and a check
 * character (digit or X), printed as "12345678-9". Older records carry only this code (A8(2)); it is
 * also characters 9–17 of every USCC.
 */
import {
  type AcceptedLength,
  characterError,
  checksumError,
  emptyError,
  lengthError,
} from './code-errors.ts';
import { characters, normalizeCode } from './normalize.ts';
import { applyException, failed, passed, startCheck } from './result.ts';
import type { CheckOptions, CodeCheck } from './types.ts';

const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ACCEPTED_LENGTHS: AcceptedLength[] = [{ length: 9, kinds: ['organization_code'] }];
const RULES = {
  body: {
    zh: '组织机构代码前8位只能是数字或大写字母。',
    en: 'the first 8 characters of an organization code are digits or letters.',
    expected: '0-9/A-Z',
  },
  checkCharacter: {
    zh: '第9位校验码只能是数字或X。',
    en: 'the check character (9th) is a digit or X.',
    expected: '0-9/X',
  },
};

/** GB 11714 character values: digits are themselves, letters A–Z are 10–35. */
function characterValue(c: string): number {
  return /^[0-9]$/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
}

/** The GB 11714 check character (MOD 11: 10 → X, 11 → 0); '' if `first8` is not 8 digits/letters. */
export function organizationCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) return '';
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += characterValue(first8[i]!) * WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Checks a 9-character organization code (a hyphen before the check character is accepted). */
export function checkOrganizationCode(input: string, options?: CheckOptions): CodeCheck {
  const normalized = normalizeCode(input);
  const length = characters(normalized).length;
  if (length === 9) return applyException(inspectOrganizationCode(input, normalized), options);
  const check = startCheck(input, normalized, 'organization_code');
  if (length === 0) return failed(check, emptyError(['organization_code']));
  return failed(check, lengthError(length, ACCEPTED_LENGTHS));
}

/** The GB 11714 checks of a 9-character code, without the exception rule. */
export function inspectOrganizationCode(input: string, normalized: string): CodeCheck {
  const check = startCheck(input, normalized, 'organization_code');
  const chars = characters(normalized);
  const illegal = chars.findIndex((c, i) => !(i === 8 ? /^[0-9X]$/ : /^[0-9A-Z]$/).test(c));
  if (illegal >= 0) {
    const rule = illegal === 8 ? RULES.checkCharacter : RULES.body;
    return failed(check, characterError(illegal + 1, chars[illegal]!, rule));
  }
  const expected = organizationCodeCheckChar(normalized.slice(0, 8));
  if (expected !== normalized[8]) {
    return failed(check, checksumError('organization_code', 9, expected, normalized[8]!));
  }
  return passed(check);
}
