import { badRequest } from '../errors.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/**
 * Password rules for staff accounts, after NIST SP 800-63B §5.1.1.2: a generous minimum length and
 * a check against passwords attackers try first, instead of composition rules (upper case, digit,
 * symbol) that push people to `Password1!`. Length is counted in characters, so a Chinese
 * passphrase counts each 汉字 once.
 */
export const PASSWORD_RULES = Object.freeze({ staffMinLength: 12, maxLength: 256 });

export type PasswordProblemCode =
  | 'PASSWORD_TOO_SHORT'
  | 'PASSWORD_TOO_LONG'
  | 'PASSWORD_CONTAINS_USER_NAME'
  | 'PASSWORD_COMMON'
  | 'PASSWORD_PREDICTABLE';

export type PasswordProblem = {
  code: PasswordProblemCode;
  message: string;
  messageEn: string;
  details?: Record<string, unknown>;
};

export type PasswordStrengthOptions = {
  /** the account's user name (login or display name); the password must not contain it */
  userName?: string | undefined;
  /** defaults to the staff minimum */
  minLength?: number | undefined;
};

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** Han names are often two characters; Latin logins that short would flag too many good passwords. */
const isDistinctiveName = (name: string): boolean => [...name].length >= 3 || /\p{Script=Han}/u.test(name);

/** `123456123456`, `aaaaaaaaaaaa`, `abcabcabcabc`: a short unit repeated. */
function isRepetition(text: string): boolean {
  const chars = [...text];
  for (let unit = 1; unit <= chars.length / 2; unit++) {
    if (chars.length % unit === 0 && chars.every((char, i) => char === chars[i % unit])) return true;
  }
  return false;
}

/** `123456789012`, `abcdefghijkl`, `987654321098`: every character one step from the previous one. */
function isStraightRun(text: string): boolean {
  if (!/^(\d+|[a-z]+)$/.test(text)) return false;
  const up = (a: string, b: string) =>
    /\d/.test(a) ? (Number(a) + 1) % 10 === Number(b) : b.charCodeAt(0) - a.charCodeAt(0) === 1;
  const chars = [...text];
  const pairs = chars.slice(1).map((char, i) => [chars[i]!, char] as const);
  return pairs.every(([a, b]) => up(a, b)) || pairs.every(([a, b]) => up(b, a));
}

/** A listed password, or one with only digits and symbols added around it (`woaini1314520`, `!qwerty123`). */
function isCommon(folded: string): boolean {
  if (COMMON_PASSWORDS.has(folded)) return true;
  const stem = folded.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return stem.length > 0 && stem !== folded && COMMON_PASSWORDS.has(stem);
}

/** Everything wrong with a proposed password, each with a stable code and a zh + en message; empty when acceptable. */
export function checkPasswordStrength(
  plain: string,
  options: PasswordStrengthOptions = {},
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const minLength = options.minLength ?? PASSWORD_RULES.staffMinLength;
  const length = [...plain].length;
  const folded = fold(plain);
  if (length < minLength) {
    problems.push({
      code: 'PASSWORD_TOO_SHORT',
      message: `密码至少需要 ${minLength} 个字符，当前为 ${length} 个`,
      messageEn: `The password needs at least ${minLength} characters; it has ${length}`,
      details: { minLength, length },
    });
  }
  if (length > PASSWORD_RULES.maxLength) {
    problems.push({
      code: 'PASSWORD_TOO_LONG',
      message: `密码不能超过 ${PASSWORD_RULES.maxLength} 个字符`,
      messageEn: `The password may have at most ${PASSWORD_RULES.maxLength} characters`,
      details: { maxLength: PASSWORD_RULES.maxLength, length },
    });
  }
  const userName = fold(options.userName?.trim() ?? '');
  if (userName && isDistinctiveName(userName) && folded.includes(userName)) {
    problems.push({
      code: 'PASSWORD_CONTAINS_USER_NAME',
      message: '密码不能包含用户名',
      messageEn: 'The password must not contain the user name',
    });
  }
  if (isCommon(folded)) {
    problems.push({
      code: 'PASSWORD_COMMON',
      message: '该密码属于最常见的密码，极易被猜中，请换一个',
      messageEn: 'This is one of the most common passwords and is easily guessed; choose another',
    });
  } else if (length > 0 && (isRepetition(folded) || isStraightRun(folded))) {
    problems.push({
      code: 'PASSWORD_PREDICTABLE',
      message: '密码不能是重复或连续的字符（如 111111、123456789、abcabc）',
      messageEn:
        'The password must not be repeated or sequential characters (like 111111, 123456789, abcabc)',
    });
  }
  return problems;
}

/** The 400 to answer when a password is refused; `details.problems` lists every reason. */
export const passwordRejected = (problems: PasswordProblem[]) =>
  badRequest('PASSWORD_WEAK', '密码不符合要求', 'The password does not meet the requirements', {
    problems: problems.map((p) => ({
      code: p.code,
      message: p.message,
      message_en: p.messageEn,
      ...p.details,
    })),
  });
