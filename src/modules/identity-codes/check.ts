/**
 * `checkCode`: normalise, detect the kind of code by its length, then check it by its standard.
 * Checks run in a fixed order so the message names the first real problem: emptiness → length/kind
 * → characters (first illegal position) → structure (registration authority and category, region,
 * birth date) → check characters.
 */
import { inspectCitizenId15, inspectCitizenId18 } from './citizen-id.ts';
import { type AcceptedLength, emptyError, kindAmbiguousWarning, lengthError } from './code-errors.ts';
import { characters, normalizeCode } from './normalize.ts';
import { inspectOrganizationCode } from './organization-code.ts';
import { resolveRegionCode } from './regions.ts';
import { applyException, failed, startCheck } from './result.ts';
import type { CheckOptions, CodeCheck } from './types.ts';
import { inspectUscc, REGISTRATION_AUTHORITIES, usccCheckChar } from './uscc.ts';

const ALL_LENGTHS: AcceptedLength[] = [
  { length: 18, kinds: ['citizen_id', 'uscc'] },
  { length: 15, kinds: ['citizen_id_15'] },
  { length: 9, kinds: ['organization_code'] },
];

/** Checks a citizen ID number (18 or legacy 15), a USCC or an organization code, whichever it is. */
export function checkCode(input: string, options?: CheckOptions): CodeCheck {
  const normalized = normalizeCode(input);
  const length = characters(normalized).length;
  if (length === 0) {
    return failed(startCheck(input, normalized), emptyError(['citizen_id', 'uscc', 'organization_code']));
  }
  if (length === 15) return inspectCitizenId15(input, normalized, options);
  if (length === 9) return applyException(inspectOrganizationCode(input, normalized), options);
  if (length === 18) return checkEighteen(input, normalized, options);
  return failed(startCheck(input, normalized), lengthError(length, ALL_LENGTHS));
}

/**
 * 18 characters are a citizen ID number (GB 11643) or a USCC (GB 32100), and all-digit USCCs exist
 * (121000004000123696, 中国科学院软件研究所), so the kind cannot be read off the characters. Both
 * standards are checked:
 * - valid under exactly one → that kind;
 * - valid under both (possible, very rare) → citizen ID number, with the warning CODE_KIND_AMBIGUOUS;
 * - a registered exception of either kind that excuses a check character → that kind;
 * - valid under neither → the error of the kind the code resembles more: a code whose characters
 *   1–14 look like a citizen ID (known province, then a date 18xx–20xx with month 01–12 and day
 *   01–31) is a citizen ID; else one that looks like a USCC (a GB 32100 registration authority and a
 *   known region in 3–8) is a USCC; else a code starting with a known province code is a citizen ID,
 *   anything else a USCC.
 */
function checkEighteen(input: string, normalized: string, options: CheckOptions | undefined): CodeCheck {
  const asCitizenId = inspectCitizenId18(input, normalized, options);
  // A valid citizen ID number whose 18th character is not its GB 32100 check character cannot also be
  // a valid USCC: no need to inspect it as one (the common case, skipped for speed only).
  if (asCitizenId.valid && usccCheckChar(normalized.slice(0, 17)) !== normalized[17]) return asCitizenId;
  const asUscc = inspectUscc(input, normalized);
  if (asCitizenId.valid && asUscc.valid) {
    return { ...asCitizenId, warnings: [...asCitizenId.warnings, kindAmbiguousWarning()] };
  }
  if (asCitizenId.valid) return asCitizenId;
  if (asUscc.valid) return asUscc;
  for (const candidate of [asCitizenId, asUscc]) {
    const excused = applyException(candidate, options);
    if (excused.valid) return excused;
  }
  return resemblesCitizenId(normalized) ? asCitizenId : asUscc;
}

const CITIZEN_ID_SHAPE = /^\d{6}(18|19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/;

function resemblesCitizenId(normalized: string): boolean {
  const knownProvince =
    /^\d{6}/.test(normalized) &&
    resolveRegionCode(`${normalized.slice(0, 2)}0000`, { national: false }) !== undefined;
  if (knownProvince && CITIZEN_ID_SHAPE.test(normalized)) return true;
  const looksLikeUscc =
    REGISTRATION_AUTHORITIES[normalized[0]!] !== undefined &&
    resolveRegionCode(normalized.slice(2, 8), { national: true }) !== undefined;
  return !looksLikeUscc && knownProvince;
}
