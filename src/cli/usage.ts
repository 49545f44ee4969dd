import { type ParseArgsConfig, parseArgs } from 'node:util';
import { AppError } from '../platform/errors.ts';

export class UsageError extends Error {}

/** parseArgs that reports mistakes as a UsageError (printed with the usage text, exit 2). */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Arguments are text the platform may store and hash (a reason, a name, a label): one that is not
 * well-formed Unicode (a lone UTF-16 surrogate, possible in a Windows command line) is refused before
 * any command runs (issue 14 §2), as the HTTP edge refuses it.
 */
export function requireWellFormedArguments(args: readonly string[]): void {
  const index = args.findIndex((a) => !a.isWellFormed());
  if (index < 0) return;
  throw new AppError(
    'TEXT_NOT_WELL_FORMED',
    400,
    `第 ${index + 1} 个参数不是合法的 Unicode 文本（孤立的代理码元）；请以 UTF-8 输入`,
    `Argument ${index + 1} is not well-formed Unicode text (a lone surrogate); type it as UTF-8`,
    { in: 'argv', field: String(index + 1) },
  );
}
