/**
 * The purpose a caller states for a query (B33: 查询应当说明事由), against the purposes (事项) its
 * department registered (issue 14 §6, decision 0025). Pure rules: normalising, bounding, matching.
 */
import { AppError } from '../../platform/errors.ts';

/** Characters a stated purpose may have: the check's `purpose` field has the same bound. */
export const MAX_PURPOSE_CHARS = 200;

/** NFKC (full-width ＡＢ and （） as ASCII), spaces collapsed, trimmed: how purposes are compared. */
export function normalizePurpose(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function purposeTooLong(chars: number): AppError {
  return new AppError(
    'PURPOSE_TOO_LONG',
    400,
    `查询事由（X-Purpose）最多 ${MAX_PURPOSE_CHARS} 个字符，收到 ${chars} 个`,
    `The stated purpose (X-Purpose) may have at most ${MAX_PURPOSE_CHARS} characters; it has ${chars}`,
    { max: MAX_PURPOSE_CHARS, actual: chars },
  );
}

/** A stated purpose as it was sent, when within the bound (in characters); PURPOSE_TOO_LONG otherwise. */
export function boundedPurpose(text: string): string {
  const chars = [...text].length;
  if (chars > MAX_PURPOSE_CHARS) throw purposeTooLong(chars);
  return text;
}

/**
 * Whether `stated` names one of the `registered` purposes: the 事项 itself, or the 事项 followed by a
 * colon and the case it is for (`公租房资格审核：2026-118号`; a full-width colon is NFKC's ':').
 */
export function purposeMatches(registered: readonly string[], stated: string): boolean {
  const purpose = normalizePurpose(stated);
  return registered.some(
    (r) => purpose === r || (purpose.startsWith(r) && /^\s*:/.test(purpose.slice(r.length))),
  );
}

export function purposeNotRegistered(department: string, registered: readonly string[]): AppError {
  return new AppError(
    'PURPOSE_NOT_REGISTERED',
    400,
    `查询事由不在本单位（${department}）登记的事项中：请写明其中之一，可在其后加“：”和具体案件（B33）`,
    `The stated purpose is not one your department (${department}) registered: state one of them, optionally followed by ":" and the case (B33)`,
    { department, registered },
  );
}
