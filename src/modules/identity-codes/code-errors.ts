/**
 * Every error and warning this module reports, with its stable code and a Chinese and an English
 * message that tell the person what to fix (STYLE §5). Positions are 1-based in the normalized code.
 */
import { showCharacter } from './normalize.ts';
import type { CodeError, CodeKind, CodeWarning } from './types.ts';

/** Errors a registered exception can excuse: a check character, and nothing else. */
export const EXCUSABLE_CODE_ERRORS: ReadonlySet<string> = new Set([
  'CODE_CHECKSUM',
  'CODE_ORGANIZATION_CHECKSUM',
]);

export const KIND_NAMES: Record<CodeKind, { zh: string; en: string }> = {
  citizen_id: { zh: '公民身份号码', en: 'citizen ID number' },
  citizen_id_15: { zh: '旧版公民身份号码', en: 'legacy citizen ID number' },
  uscc: { zh: '统一社会信用代码', en: 'unified social credit code' },
  organization_code: { zh: '组织机构代码', en: 'organization code' },
};

/** A length a check accepts, and what a code of that length is. */
export type AcceptedLength = { length: number; kinds: CodeKind[] };

export function emptyError(kinds: CodeKind[]): CodeError {
  return {
    code: 'CODE_EMPTY',
    message: `代码为空，请填写${listOf(
      kinds.map((k) => KIND_NAMES[k].zh),
      '、',
      '或',
    )}。`,
    messageEn: `The code is empty; enter a ${listOf(
      kinds.map((k) => KIND_NAMES[k].en),
      ', ',
      ' or ',
    )}.`,
  };
}

function listOf(items: string[], separator: string, lastSeparator: string): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(separator)}${lastSeparator}${items.at(-1)}`;
}

export function lengthError(length: number, accepted: AcceptedLength[]): CodeError {
  const zh = accepted.map((a) => `${a.kinds.map((k) => KIND_NAMES[k].zh).join('和')}应为${a.length}位`);
  const en = accepted.map((a) => `a ${a.kinds.map((k) => KIND_NAMES[k].en).join(' or ')} has ${a.length}`);
  return {
    code: 'CODE_LENGTH',
    message: `代码长度为${length}位：${zh.join('，')}。请检查是否多输或漏输了字符。`,
    messageEn: `The code has ${length} characters: ${en.join('; ')}. Check for missing or extra characters.`,
    expected: accepted.map((a) => String(a.length)).join('/'),
    actual: String(length),
  };
}

/** What a position may hold, in words; `expected` is the short form shown to integrators. */
export type CharacterRule = { zh: string; en: string; expected: string };

// Letters GB 32100 leaves out because they are read as digits.
const LOOK_ALIKE_DIGITS: Record<string, string> = { O: '0', I: '1', Z: '2', S: '5' };

export function characterError(position: number, character: string, rule: CharacterRule): CodeError {
  const shown = showCharacter(character);
  const digit = LOOK_ALIKE_DIGITS[character];
  const hintZh = digit === undefined ? '' : `（字母${character}是否应为数字${digit}？）`;
  const hintEn = digit === undefined ? '' : ` (did you mean the digit ${digit}?)`;
  return {
    code: 'CODE_CHARACTER',
    message: `第${position}位“${shown}”不是有效字符：${rule.zh}${hintZh}`,
    messageEn: `Character ${position} ("${shown}") is not allowed: ${rule.en}${hintEn}`,
    position,
    expected: rule.expected,
    actual: character,
  };
}

/** `role` says which part of the code holds the region code (GB/T 2260). */
export function regionError(
  position: number,
  regionCode: string,
  role: { zh: string; en: string },
): CodeError {
  const last = position + 5;
  return {
    code: 'CODE_REGION',
    message: `第${position}–${last}位${role.zh}“${regionCode}”不是有效的行政区划代码（GB/T 2260），请核对。`,
    messageEn: `Characters ${position}–${last} (${role.en}) "${regionCode}" are not a known administrative division code (GB/T 2260); check them.`,
    position,
    actual: regionCode,
  };
}

export type BirthDateProblem =
  | { kind: 'impossible' }
  | { kind: 'future'; date: string; today: string }
  | { kind: 'too_early'; date: string; earliest: string };

export function birthDateError(position: number, segment: string, problem: BirthDateProblem): CodeError {
  const where = `第${position}–${position + segment.length - 1}位`;
  const whereEn = `characters ${position}–${position + segment.length - 1}`;
  const base = { code: 'CODE_BIRTH_DATE', position, actual: segment };
  switch (problem.kind) {
    case 'impossible':
      return {
        ...base,
        message: `${where}出生日期“${segment}”不是真实存在的日期，请核对。`,
        messageEn: `The birth date "${segment}" in ${whereEn} is not a real calendar date; check it.`,
      };
    case 'future':
      return {
        ...base,
        message: `${where}出生日期${problem.date}晚于今天（${problem.today}），请核对。`,
        messageEn: `The birth date ${problem.date} in ${whereEn} is after today (${problem.today}); check it.`,
      };
    case 'too_early':
      return {
        ...base,
        message: `${where}出生日期${problem.date}早于${problem.earliest}，不可能是在世者的号码，请核对。`,
        messageEn: `The birth date ${problem.date} in ${whereEn} is before ${problem.earliest}, which no living holder can have; check it.`,
      };
  }
}

export function checksumError(kind: CodeKind, position: number, expected: string, actual: string): CodeError {
  return {
    code: 'CODE_CHECKSUM',
    message: `第${position}位校验码应为“${expected}”，实际为“${showCharacter(actual)}”：${KIND_NAMES[kind].zh}中有字符输错，请逐位核对。`,
    messageEn: `The check character (position ${position}) should be "${expected}" but is "${showCharacter(actual)}": a character of the ${KIND_NAMES[kind].en} is mistyped; check each one.`,
    position,
    expected,
    actual,
  };
}

export function organizationChecksumError(expected: string, actual: string): CodeError {
  return {
    code: 'CODE_ORGANIZATION_CHECKSUM',
    message: `第17位（内嵌组织机构代码的校验码，GB 11714）应为“${expected}”，实际为“${actual}”：第9–17位组织机构代码中有字符输错，请核对。`,
    messageEn: `Position 17 (check character of the embedded GB 11714 organization code) should be "${expected}" but is "${actual}": a character in positions 9–17 is mistyped; check them.`,
    position: 17,
    expected,
    actual,
  };
}

export function registrationAuthorityError(actual: string, allowed: string): CodeError {
  return {
    code: 'CODE_REGISTRATION_AUTHORITY',
    message: `第1位登记管理部门码“${actual}”无效：GB 32100 只使用${allowed}，请核对。`,
    messageEn: `Position 1 (registration authority) "${actual}" is not used by GB 32100, which uses ${allowed}; check it.`,
    position: 1,
    expected: allowed,
    actual,
  };
}

export function categoryError(
  authority: { code: string; zh: string; en: string },
  actual: string,
  allowed: string,
): CodeError {
  return {
    code: 'CODE_CATEGORY',
    message: `第2位机构类别码“${actual}”对登记管理部门“${authority.zh}”（${authority.code}）无效：应为${allowed}，请核对。`,
    messageEn: `Position 2 (entity category) "${actual}" is not valid for registration authority ${authority.code} (${authority.en}), which uses ${allowed}; check it.`,
    position: 2,
    expected: allowed,
    actual,
  };
}

export function exceptionAcceptedWarning(failure: CodeError, reason: string): CodeWarning {
  return {
    code: 'CODE_EXCEPTION_ACCEPTED',
    message: `校验码不符（第${failure.position}位应为“${failure.expected}”，实际为“${failure.actual}”），但该代码已登记为例外，按有效处理。登记原因：${reason}`,
    messageEn: `The check character does not match (position ${failure.position} should be "${failure.expected}" but is "${failure.actual}"), but the code is a registered exception and is accepted. Reason registered: ${reason}`,
  };
}

export function legacyCitizenIdWarning(upgraded: string): CodeWarning {
  return {
    code: 'CODE_CITIZEN_ID_15',
    message: `这是15位旧版公民身份号码，已按GB 11643升级为18位：${upgraded}。请尽量使用18位号码。`,
    messageEn: `This is a legacy 15-digit citizen ID number, upgraded per GB 11643 to ${upgraded}; use the 18-character number where possible.`,
  };
}

export function regionUnlistedWarning(regionCode: string, acceptedAs: string): CodeWarning {
  return {
    code: 'CODE_REGION_UNLISTED',
    message: `地址码“${regionCode}”不在本平台的江苏省行政区划表中，已按“${acceptedAs}”接受，请核对。`,
    messageEn: `The region code "${regionCode}" is not in this platform's table of Jiangsu divisions; it was accepted as ${acceptedAs}. Please check it.`,
  };
}

export function kindAmbiguousWarning(): CodeWarning {
  return {
    code: 'CODE_KIND_AMBIGUOUS',
    message:
      '该代码同时符合公民身份号码和统一社会信用代码的规则，已按公民身份号码处理；若是统一社会信用代码，请按统一社会信用代码校验。',
    messageEn:
      'This code satisfies both the citizen ID number and the unified social credit code rules; it was read as a citizen ID number. If it is a unified social credit code, check it as one.',
  };
}
