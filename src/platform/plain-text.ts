/**
 * Text the public types must be text a reader sees as written (issue 17 review): no C0 or C1 control
 * characters (a NUL, an escape sequence) and no Unicode format characters (category Cf: zero-width
 * spaces and joiners, bidi overrides such as U+202E that show text reversed), which make a submission
 * look empty or say something else than it stores. Newline and tab are kept where a field is
 * multi-line (CR LF and CR count as a newline).
 */

const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;
const CONTROL_OR_FORMAT_MULTILINE = /[^\P{Cc}\n\t]|\p{Cf}/u;

/** The first control or format character of the text as `U+XXXX`, or null when there is none. */
export function controlCharacterIn(value: string, options: { multiline?: boolean } = {}): string | null {
  const text = options.multiline ? value.replace(/\r\n?/g, '\n') : value;
  const found = (options.multiline ? CONTROL_OR_FORMAT_MULTILINE : CONTROL_OR_FORMAT).exec(text);
  if (!found) return null;
  return `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** How many letters and digits (Han characters included) the text has: its substance. */
export function substanceOf(value: string): number {
  return value.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
}
