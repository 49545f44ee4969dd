import { citizenIdCheckChar, organizationCodeCheckChar, usccCheckChar } from '../identity-codes/index.ts';
import type { Gender } from './names.ts';
import type { Rng } from './prng.ts';

/**
 * Assembles demo identity codes from their parts. The check characters come from identity-codes, so
 * the demo can never disagree with the validator about what a valid code is.
 */

/** GB 32100 alphabet: digits and capitals without I, O, Z, S, V. */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const DIGITS = '0123456789';

/** GB 11643: region(6) + birth date(8) + sequence(3, last digit odd for men) + check. */
export function buildCitizenId(rng: Rng, regionCode: string, birthDate: string, gender: Gender): string {
  const parityDigit = gender === 'male' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]);
  const sequence = String(rng.int(0, 99)).padStart(2, '0') + String(parityDigit);
  const first17 = regionCode + birthDate.replaceAll('-', '') + sequence;
  return first17 + citizenIdCheckChar(first17);
}

/** GB 32100: registration authority(1) + category(1) + region(6) + organization code(9) + check. */
export function buildUscc(
  authorityAndCategory: string,
  regionCode: string,
  organizationCodeBody: string,
): string {
  const organizationCode = organizationCodeBody + organizationCodeCheckChar(organizationCodeBody);
  const first17 = authorityAndCategory + regionCode + organizationCode;
  return first17 + usccCheckChar(first17);
}

/** Category codes of GB 32100 used by the demo. */
export const USCC_CATEGORY = {
  stateOrgan: '11',
  publicInstitution: '12',
  socialGroup: '51',
  privateNonEnterprise: '52',
  enterprise: '91',
  individualBusiness: '92',
  farmerCooperative: '93',
} as const;
export type UsccCategory = (typeof USCC_CATEGORY)[keyof typeof USCC_CATEGORY];

function randomChars(rng: Rng, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[rng.int(0, alphabet.length - 1)];
  return out;
}

const MARKET_ENTITIES: readonly string[] = ['91', '92', '93'];

/**
 * The 8-character organization code body (before its GB 11714 check character), shaped like real
 * ones: state organs' codes start with 0, public institutions' with 4, older social organizations'
 * with 5; after the 2015 USCC reform, market entities got codes starting "MA" and 民政 registrations
 * "MJ". Older enterprises kept their numeric organization code when they re-registered.
 */
export function organizationCodeBody(rng: Rng, category: UsccCategory, establishedOn: string): string {
  const afterReform = establishedOn >= '2015-10-01';
  if (category === '11') return `0${randomChars(rng, DIGITS, 7)}`;
  if (category === '12') return `4${randomChars(rng, DIGITS, 7)}`;
  if (category === '51' || category === '52') {
    return afterReform ? `MJ${randomChars(rng, DIGITS, 6)}` : `5${randomChars(rng, DIGITS, 7)}`;
  }
  // Individual businesses had no organization code before the reform; all of them carry MA codes.
  if (MARKET_ENTITIES.includes(category) && (afterReform || category === '92')) {
    const series = establishedOn >= '2020-01-01' ? `2${rng.int(0, 7)}` : `1${rng.pick([...'MNPQRTUWXY'])}`;
    return `MA${series}${randomChars(rng, USCC_ALPHABET, 4)}`;
  }
  return String(rng.int(1, 7)) + randomChars(rng, DIGITS, 7);
}
