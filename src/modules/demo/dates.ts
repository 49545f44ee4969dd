/** Calendar dates as 'YYYY-MM-DD' strings and UTC day numbers; the demo has no time of day. */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toDayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  if (new Date(ms).getUTCDate() !== day) throw new RangeError(`no such date: ${date}`);
  return ms / DAY_MS;
}

export function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The same month and day `years` later (29 February falls back to 1 March in common years). */
export function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const [month, day] = [Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** Whole years from `birthDate` to `on`. */
export function ageOn(birthDate: string, on: string): number {
  let age = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (on.slice(5) < birthDate.slice(5)) age--;
  return age;
}
