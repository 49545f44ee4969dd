/** The demo's age rules on 'YYYY-MM-DD' dates (arithmetic in platform/iso-date.ts); no time of day. */
import { formatIsoDate, isLeapYear, parseIsoDate } from '../../platform/iso-date.ts';

/** The same month and day `years` later (29 February falls back to 1 March in common years). */
export function addYears(date: string, years: number): string {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const year = parts.year + years;
  if (parts.month === 2 && parts.day === 29 && !isLeapYear(year)) return formatIsoDate(year, 3, 1);
  return formatIsoDate(year, parts.month, parts.day);
}

/** Whole years from `birthDate` to `on`. */
export function ageOn(birthDate: string, on: string): number {
  let age = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (on.slice(5) < birthDate.slice(5)) age--;
  return age;
}
