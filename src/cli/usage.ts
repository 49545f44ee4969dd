import { type ParseArgsConfig, parseArgs } from 'node:util';

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
