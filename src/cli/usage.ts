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

/** What asks for help: `xinyong CMD [SUB] --help` (or -h), anywhere among the arguments. */
export const isHelp = (arg: string) => arg === '--help' || arg === '-h';

/**
 * The usage of one command (and subcommand), cut from the general usage text: its entries are the
 * lines that start with two spaces and the command's name, with the lines indented deeper that follow
 * them. With subcommand words (`codes exception add`), only the entries that name the most of them.
 */
export function usageOf(usage: string, command: string, words: readonly string[] = []): string | undefined {
  const entries: string[][] = [];
  for (const line of usage.split('\n')) {
    if (/^ {2}\S/.test(line)) entries.push([line]);
    else if (/^ {3,}\S/.test(line) && entries.at(-1)?.length) entries.at(-1)!.push(line);
    else entries.push([]);
  }
  // An entry may list several forms: `apikey list | apikey revoke ID | apikey rotate ID`.
  const forms = (entry: string[]) =>
    (entry[0] ?? '')
      .trim()
      .split(/\s+\|\s+/)
      .map((f) => f.split(/\s+/));
  const naming = (n: number) =>
    entries.filter((e) =>
      forms(e).some((form) => form[0] === command && words.slice(0, n).every((w, i) => form[i + 1] === w)),
    );
  let chosen: string[][] = [];
  for (let n = words.length; n >= 0 && chosen.length === 0; n--) chosen = naming(n);
  if (chosen.length === 0) return undefined;
  const text = chosen.map(([first, ...more]) =>
    [first!.replace(/^ {2}/, '  xinyong '), ...more.map((line) => `        ${line}`)].join('\n'),
  );
  return `用法 / usage:\n${text.join('\n')}`;
}
