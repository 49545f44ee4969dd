/**
 * Citizen ID numbers, GB 11643-1999: 6-digit address code (GB/T 2260), 8-digit birth date,
 * 3-digit sequence code (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
 * Legacy 15-digit numbers (2-digit year 19YY, no check character) are recognised and upgraded.
 */
import { checkBirthDate, resolveToday } from './birth-date.ts';
import {
  type AcceptedLength,
  characterError,
  checksumError,
  emptyError,
  legacyCitizenIdWarning,
  lengthError,
  regionError,
  regionUnlistedWarning,
} from './code-errors.ts';
import { characters, normalizeCode } from './normalize.ts';
import { resolveRegionCode } from './regions.ts';
import { applyException, failed, passed, startCheck } from './result.ts';
import type { CheckOptions, CodeCheck } from './types.ts';

// ISO 7064 MOD 11-2: the weight of the character i places left of the check character is 2^i mod 11.
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
// Indexed by the weighted sum mod 11: the character that brings the total to 1 mod 11 (10 is X).
const CHECK_CHARACTERS = '10X98765432';

const ACCEPTED_LENGTHS: AcceptedLength[] = [
  { length: 18, kinds: ['citizen_id'] },
  { length: 15, kinds: ['citizen_id_15'] },
];

const ADDRESS_CODE = { zh: '地址码', en: 'address code' };

const RULES = {
  digit: {
    zh: '公民身份号码前17位只能是数字。',
    en: 'the first 17 characters of a citizen ID number are digits.',
    expected: '0-9',
  },
  misplacedX: {
    zh: 'X只能作为第18位校验码，前17位只能是数字。',
    en: 'X may only be the 18th (check) character; the first 17 are digits.',
    expected: '0-9',
  },
  checkCharacter: {
    zh: '第18位校验码只能是数字或X。',
    en: 'the check character (18th) is a digit or X.',
    expected: '0-9/X',
  },
  legacy: {
    zh: '15位旧版公民身份号码只能是数字。',
    en: 'a legacy 15-digit citizen ID number has digits only.',
    expected: '0-9',
  },
};

/** The GB 11643 check character for 17 digits; '' if `first17` is not 17 digits. */
export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) return '';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** The 18-character form of a 15-digit number (century 19 inserted, check character added); '' if not 15 digits. */
export function upgradeCitizenId15(id15: string): string {
  const digits = normalizeCode(id15);
  if (!/^\d{15}$/.test(digits)) return '';
  const first17 = `${digits.slice(0, 6)}19${digits.slice(6)}`;
  return first17 + citizenIdCheckChar(first17);
}

/** Checks an 18-character or legacy 15-digit citizen ID number. */
export function checkCitizenId(input: string, options?: CheckOptions): CodeCheck {
  const normalized = normalizeCode(input);
  const length = characters(normalized).length;
  if (length === 15) return inspectCitizenId15(input, normalized, options);
  if (length === 18) return applyException(inspectCitizenId18(input, normalized, options), options);
  const check = startCheck(input, normalized, 'citizen_id');
  if (length === 0) return failed(check, emptyError(['citizen_id']));
  return failed(check, lengthError(length, ACCEPTED_LENGTHS));
}

const WELL_FORMED_18 = /^[0-9]{17}[0-9X]$/;

/** The GB 11643 checks of an 18-character number, without the exception rule. */
export function inspectCitizenId18(input: string, normalized: string, options?: CheckOptions): CodeCheck {
  const today = resolveToday(options);
  const check = startCheck(input, normalized, 'citizen_id');
  // One test for the usual well-formed number; the position of a bad character only when there is one.
  const illegal = WELL_FORMED_18.test(normalized)
    ? -1
    : characters(normalized).findIndex((c, i) => !(i === 17 ? /^[0-9X]$/ : /^[0-9]$/).test(c));
  if (illegal >= 0) {
    const chars = characters(normalized);
    const c = chars[illegal]!;
    const rule = illegal === 17 ? RULES.checkCharacter : c === 'X' ? RULES.misplacedX : RULES.digit;
    return failed(check, characterError(illegal + 1, c, rule));
  }

  const regionCode = normalized.slice(0, 6);
  const region = resolveRegionCode(regionCode, { national: false });
  if (!region) return failed(check, regionError(1, regionCode, ADDRESS_CODE));
  check.region = region.region;
  check.warnings = unlistedWarnings(regionCode, region);

  const date = checkBirthDate(normalized.slice(6, 14), normalized.slice(6, 14), 7, today);
  if ('error' in date) return failed(check, date.error);
  check.birthDate = date.birthDate;
  check.gender = genderOf(normalized[16]!);

  const expected = citizenIdCheckChar(normalized.slice(0, 17));
  if (expected !== normalized[17]) {
    return failed(check, checksumError('citizen_id', 18, expected, normalized[17]!));
  }
  // `check` is this call's own object (startCheck): completed in place rather than copied at each step.
  check.valid = true;
  return check;
}

/** A legacy 15-digit number: address code, YYMMDD (century 19), sequence code; no check character. */
export function inspectCitizenId15(input: string, normalized: string, options?: CheckOptions): CodeCheck {
  const today = resolveToday(options);
  let check = startCheck(input, normalized, 'citizen_id_15');
  const chars = characters(normalized);

  const illegal = chars.findIndex((c) => !/^[0-9]$/.test(c));
  if (illegal >= 0) {
    return failed(check, characterError(illegal + 1, chars[illegal]!, RULES.legacy));
  }

  const regionCode = normalized.slice(0, 6);
  const region = resolveRegionCode(regionCode, { national: false });
  if (!region) return failed(check, regionError(1, regionCode, ADDRESS_CODE));
  check = { ...check, region: region.region, warnings: unlistedWarnings(regionCode, region) };

  const date = checkBirthDate(`19${normalized.slice(6, 12)}`, normalized.slice(6, 12), 7, today);
  if ('error' in date) return failed(check, date.error);

  const upgraded = upgradeCitizenId15(normalized);
  return passed({
    ...check,
    birthDate: date.birthDate,
    gender: genderOf(normalized[14]!),
    upgraded,
    warnings: [...check.warnings, legacyCitizenIdWarning(upgraded)],
  });
}

function genderOf(sequenceDigit: string): 'male' | 'female' {
  return Number(sequenceDigit) % 2 === 1 ? 'male' : 'female';
}

// Jiangsu is listed in full, so a Jiangsu address code missing from the table deserves a second look.
function unlistedWarnings(regionCode: string, match: { region: { fullName: string }; listed: boolean }) {
  if (match.listed || !regionCode.startsWith('32')) return [];
  return [regionUnlistedWarning(regionCode, match.region.fullName)];
}
