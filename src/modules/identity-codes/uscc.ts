/**
 * Unified social credit codes, GB 32100-2015: registration authority (1), entity category (2),
 * region of the registration authority (3–8, GB/T 2260), the entity's GB 11714 organization code
 * (9–17, whose own check character is 17) and a MOD 31 check character (18). The letters I, O, Z,
 * S and V are never used.
 */
import {
  type AcceptedLength,
  categoryError,
  characterError,
  checksumError,
  emptyError,
  lengthError,
  organizationChecksumError,
  regionError,
  registrationAuthorityError,
} from './code-errors.ts';
import { characters, normalizeCode } from './normalize.ts';
import { organizationCodeCheckChar } from './organization-code.ts';
import { resolveRegionCode } from './regions.ts';
import { applyException, failed, passed, startCheck } from './result.ts';
import type { CheckOptions, CodeCheck } from './types.ts';

/** GB 32100 characters in value order 0–30. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// 3^(i-1) mod 31 for positions 1–17.
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const ACCEPTED_LENGTHS: AcceptedLength[] = [{ length: 18, kinds: ['uscc'] }];

type Authority = { zh: string; en: string; categories: string };

/**
 * Registration authorities and the entity categories each uses, per the GB 32100 code table as
 * published (incl. A and N): only these combinations are accepted. 旅游 and 宗教 also use 9 (其他);
 * 工商 uses no 9, 其他 (Y) only 1.
 */
export const REGISTRATION_AUTHORITIES: Record<string, Authority> = {
  '1': { zh: '机构编制', en: 'establishment administration', categories: '1239' },
  '2': { zh: '外交', en: 'foreign affairs', categories: '19' },
  '3': { zh: '司法行政', en: 'justice administration', categories: '123459' },
  '4': { zh: '文化', en: 'culture', categories: '19' },
  '5': { zh: '民政', en: 'civil affairs', categories: '1239' },
  '6': { zh: '旅游', en: 'tourism', categories: '129' },
  '7': { zh: '宗教', en: 'religious affairs', categories: '129' },
  '8': { zh: '工会', en: 'trade unions', categories: '19' },
  '9': { zh: '工商', en: 'market regulation (industry and commerce)', categories: '123' },
  A: { zh: '中央军委改革和编制办公室', en: 'CMC reform and establishment office', categories: '19' },
  N: { zh: '农业', en: 'agriculture (rural collectives)', categories: '1239' },
  Y: { zh: '其他', en: 'other', categories: '1' },
};
const AUTHORITY_CODES = Object.keys(REGISTRATION_AUTHORITIES).join('、');
const REGISTRATION_REGION = { zh: '登记管理机关行政区划码', en: 'region of the registration authority' };

/** The GB 32100 MOD 31 check character; '' if `first17` has a character outside the code's alphabet. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) return '';
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) return '';
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Checks an 18-character unified social credit code. */
export function checkUscc(input: string, options?: CheckOptions): CodeCheck {
  const normalized = normalizeCode(input);
  const length = characters(normalized).length;
  if (length === 18) return applyException(inspectUscc(input, normalized), options);
  const check = startCheck(input, normalized, 'uscc');
  if (length === 0) return failed(check, emptyError(['uscc']));
  return failed(check, lengthError(length, ACCEPTED_LENGTHS));
}

/** The GB 32100 checks of an 18-character code, without the exception rule. */
export function inspectUscc(input: string, normalized: string): CodeCheck {
  let check = startCheck(input, normalized, 'uscc');
  const chars = characters(normalized);

  const illegal = chars.findIndex((c, i) => !allowedAt(i + 1).test(c));
  if (illegal >= 0) return failed(check, characterError(illegal + 1, chars[illegal]!, ruleAt(illegal + 1)));

  const authority = REGISTRATION_AUTHORITIES[normalized[0]!];
  if (!authority) return failed(check, registrationAuthorityError(normalized[0]!, AUTHORITY_CODES));
  if (!authority.categories.includes(normalized[1]!)) {
    const allowed = authority.categories.split('').join('、');
    return failed(check, categoryError({ code: normalized[0]!, ...authority }, normalized[1]!, allowed));
  }

  // Registration authorities also use codes of development zones (320594 苏州工业园区), which
  // GB/T 2260 does not list; regions.ts accepts them at prefecture level.
  const regionCode = normalized.slice(2, 8);
  const region = resolveRegionCode(regionCode, { national: true });
  if (!region) return failed(check, regionError(3, regionCode, REGISTRATION_REGION));
  check = { ...check, region: region.region, organizationCode: normalized.slice(8, 17) };

  const organizationCheck = organizationCodeCheckChar(normalized.slice(8, 16));
  if (organizationCheck !== normalized[16]) {
    return failed(check, organizationChecksumError(organizationCheck, normalized[16]!));
  }
  const expected = usccCheckChar(normalized.slice(0, 17));
  if (expected !== normalized[17]) return failed(check, checksumError('uscc', 18, expected, normalized[17]!));
  return passed(check);
}

// Positions 2–8 are digits (category, region); 17 is the organization code's check character.
function allowedAt(position: number): RegExp {
  if (position >= 2 && position <= 8) return /^[0-9]$/;
  if (position === 17) return /^[0-9X]$/;
  return /^[0-9A-HJ-NPQRTUWXY]$/;
}

function ruleAt(position: number) {
  if (position === 2) {
    return {
      zh: '第2位机构类别码只能是数字。',
      en: 'the entity category (2nd character) is a digit.',
      expected: '0-9',
    };
  }
  if (position >= 3 && position <= 8) {
    return {
      zh: '第3–8位是登记管理机关行政区划码，只能是数字。',
      en: 'characters 3–8 are a region code and must be digits.',
      expected: '0-9',
    };
  }
  if (position === 17) {
    return {
      zh: '第17位是组织机构代码的校验码，只能是数字或X。',
      en: 'the 17th character is the organization code check character, a digit or X.',
      expected: '0-9/X',
    };
  }
  return {
    zh: '统一社会信用代码只用数字和大写字母，不使用I、O、Z、S、V。',
    en: 'a unified social credit code uses digits and capital letters except I, O, Z, S and V.',
    expected: '0-9/A-Z except I O Z S V',
  };
}
