/**
 * Normalisation of codes as people type, paste or OCR them: spaces of every kind (ASCII, tab,
 * full-width U+3000, NBSP, zero-width) are removed, full-width ASCII (U+FF01–FF5E) becomes
 * half-width, ASCII letters become upper case (a lower-case check character x is common), and an
 * organization code written the old way, "12345678-9", loses its hyphen.
 */

// \s covers ASCII whitespace, NBSP, U+2000–200A, U+3000 and U+FEFF; the rest are zero-width
// characters that survive copy-paste from web pages and word processors.
const INVISIBLE = /[\s\u200B-\u200D\u2060]/gu;
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/gu;
const FULL_WIDTH_OFFSET = 0xfee0;
// Hyphen look-alikes (U+2010–2015, minus sign) that word processors put in "12345678-9".
const DASHES = /[\u2010-\u2015\u2212]/gu;
const HYPHENATED_ORGANIZATION_CODE = /^([0-9A-Z]{8})-([0-9A-Z])$/;

// Already in the normal form (what department systems send): nothing to replace.
const NORMAL = /^[0-9A-Z]{1,18}$/;

export function normalizeCode(input: string): string {
  if (typeof input !== 'string') return '';
  if (NORMAL.test(input)) return input;
  const compact = input
    .replace(INVISIBLE, '')
    .replace(FULL_WIDTH_ASCII, (c) => String.fromCodePoint(c.codePointAt(0)! - FULL_WIDTH_OFFSET))
    .replace(DASHES, '-')
    .replace(/[a-z]/g, (c) => c.toUpperCase());
  // GB 11714 codes were printed as 8 body characters, a hyphen and the check character.
  return compact.replace(HYPHENATED_ORGANIZATION_CODE, '$1$2');
}

/** Characters by code point, so a stray emoji or CJK character counts as one position. */
export function characters(normalized: string): string[] {
  return Array.from(normalized);
}

/** How a character is shown in a message: visible characters quoted, others as U+XXXX. */
export function showCharacter(c: string): string {
  const codePoint = c.codePointAt(0) ?? 0;
  const printable = codePoint > 0x20 && codePoint !== 0x7f && !(codePoint >= 0x80 && codePoint < 0xa0);
  return printable ? c : `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
