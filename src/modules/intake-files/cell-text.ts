import { wellFormed } from '../../platform/well-formed.ts';

/**
 * A spreadsheet cell's value as the text a clerk sees. Dates typed into a date-formatted cell arrive as
 * `Date` (exceljs reads Excel serials as UTC midnight) and become `YYYY-MM-DD`; rich text is joined;
 * a formula gives its cached result; whole numbers print without a decimal point or exponent.
 */
export function cellText(value: unknown): string {
  // A lone surrogate (an xlsx cell may carry `&#xD800;`) is made U+FFFD here, once, as both engines
  // would store it: the row is kept and everything after reads the text as stored (issue 14 §2).
  return wellFormed(rawCellText(value));
}

function rawCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text?: string }[];
      result?: unknown;
      formula?: string;
      text?: unknown;
      error?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) return rawCellText(v.result);
    if ('text' in v) return rawCellText(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}

function numberText(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  // Non-integers and huge numbers: no exponent (an ID number typed as a number is already damaged,
  // but its digits should still be shown as they are so the refusal is understandable).
  return Number.isFinite(n)
    ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
    : '';
}

function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  const month = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}
