/**
 * Building `CodeCheck` results, and the registered-exception rule shared by every kind of code:
 * an exception excuses a code that fails nothing but a check character — never a bad length,
 * character, region or date — and the acceptance is always reported as a warning.
 */
import { exceptionAcceptedWarning } from './code-errors.ts';
import { normalizeCode } from './normalize.ts';
import type { CheckOptions, CodeCheck, CodeError, CodeKind } from './types.ts';

export function startCheck(input: string, normalized: string, kind?: CodeKind): CodeCheck {
  return {
    input: typeof input === 'string' ? input : '',
    normalized,
    valid: false,
    ...(kind ? { kind } : {}),
    warnings: [],
  };
}

export function failed(check: CodeCheck, error: CodeError): CodeCheck {
  return { ...check, valid: false, error };
}

export function passed(check: CodeCheck): CodeCheck {
  return { ...check, valid: true };
}

const CHECK_CHARACTER_ERRORS = new Set(['CODE_CHECKSUM', 'CODE_ORGANIZATION_CHECKSUM']);

/** Checks run in the order characters → structure → check characters, so this means "all else passed". */
export function failsOnlyCheckCharacter(check: CodeCheck): boolean {
  return !check.valid && check.error !== undefined && CHECK_CHARACTER_ERRORS.has(check.error.code);
}

/** Accepts `check` as a registered exception when the caller's registry has this very code and kind. */
export function applyException(check: CodeCheck, options: CheckOptions | undefined): CodeCheck {
  if (!options?.exception || !failsOnlyCheckCharacter(check) || !check.error) return check;
  const exception = options.exception(check.normalized);
  if (!exception || exception.kind !== check.kind || normalizeCode(exception.code) !== check.normalized) {
    return check;
  }
  const { error, ...rest } = check;
  return {
    ...rest,
    valid: true,
    warnings: [...check.warnings, exceptionAcceptedWarning(error, exception.reason)],
  };
}
