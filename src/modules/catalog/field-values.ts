/**
 * Reading one submitted value by its catalog type. Values arrive from JSON (API), from spreadsheet
 * cells (numbers, dates, text) and from CSV (text only), so each reader accepts the forms a clerk or a
 * system really sends and returns one normalized form — or `INVALID`. Regular expressions are built
 * once here; nothing is allocated per value beyond the result.
 */
import { formatIsoDate, isIsoDate, MAX_YEAR, MIN_YEAR } from '../../platform/iso-date.ts';

export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/** null, undefined, '' and whitespace-only text all mean "not filled in". */
export function isBlank(raw: unknown): boolean {
  if (raw === undefined || raw === null) return true;
  if (typeof raw !== 'string') return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0x3000 && c !== 0xa0) return false;
  }
  return true;
}

const LOOSE_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/**
 * A calendar date as YYYY-MM-DD. Also accepted, because clerks type them: 2024/3/5, 2024.03.05,
 * 2024年3月5日; and spreadsheet date cells (read as the UTC calendar date the cell shows).
 */
export function readDate(raw: unknown): string | Invalid {
  if (typeof raw === 'string') {
    const s = raw.trim();
    if (s.length === 10 && isIsoDate(s)) return s;
    const m = LOOSE_DATE.exec(s);
    if (!m) return INVALID;
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : INVALID;
  }
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) {
    const year = raw.getUTCFullYear();
    // A date cell past 9999 (or before year 1) is no date a record can carry.
    if (year < MIN_YEAR || year > MAX_YEAR) return INVALID;
    return formatIsoDate(year, raw.getUTCMonth() + 1, raw.getUTCDate());
  }
  return INVALID;
}

const INTEGER = /^[+-]?\d{1,15}$/;
const DECIMAL = /^[+-]?(?:\d{1,15}(?:\.\d{0,6})?|\.\d{1,6})$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

function ungroup(s: string): string {
  return GROUPED.test(s) ? s.replaceAll(',', '') : s;
}

export function readInteger(raw: unknown): number | Invalid {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : INVALID;
  if (typeof raw !== 'string') return INVALID;
  const s = ungroup(raw.trim());
  return INTEGER.test(s) ? Number(s) : INVALID;
}

/** Decimals are kept as numbers: amounts up to 15 digits with up to 6 decimals are exact enough. */
export function readDecimal(raw: unknown): number | Invalid {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : INVALID;
  if (typeof raw !== 'string') return INVALID;
  const s = ungroup(raw.trim());
  return DECIMAL.test(s) ? Number(s) : INVALID;
}

const TRUE_WORDS = new Set(['是', 'true', 'yes', 'y', '1', '√']);
const FALSE_WORDS = new Set(['否', 'false', 'no', 'n', '0', '×']);

export function readBoolean(raw: unknown): boolean | Invalid {
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw !== 'string') return INVALID;
  const s = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return INVALID;
}

/** Text as written, trimmed; a number from a spreadsheet cell (a document number, say) becomes text. */
export function readText(raw: unknown): string | Invalid {
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return INVALID;
}

/** Characters as people count them (code points), without allocating for the common short case. */
export function characterCount(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) count--;
  }
  return count;
}
