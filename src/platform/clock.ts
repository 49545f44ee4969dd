/**
 * Time, in one place. The platform's "today" is the date in China (UTC+8, no daylight saving), not the
 * UTC date: between 00:00 and 08:00 in Huai'an the UTC date is still yesterday's, and a record that
 * expired yesterday must not be served as current (B27). Code asks the clock for `today()`; only this
 * file turns an instant into a date.
 */

/** The current instant and today's date in China, the two things code may ask of the time. */
export type Clock = {
  /** ISO 8601 UTC, millisecond precision */
  now: () => string;
  /** YYYY-MM-DD, the date in China at `now()` */
  today: () => string;
};

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** the last day computed and the instants it spans: nearly every call asks about today */
let last = { day: '', from: 0, to: 0 };

/** The China calendar day an instant falls on (an instant already taken, e.g. a check's `at`). */
export function chinaDayOf(instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (ms >= last.from && ms < last.to) return last.day;
  const day = new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const from = Date.parse(`${day}T00:00:00.000Z`) - CHINA_OFFSET_MS;
  last = { day, from, to: from + DAY_MS };
  return day;
}

/** The instant a China day ends (exclusive bound for what happened on it): 2026-11-25 → 2026-11-25T16:00:00.000Z. */
export function endOfChinaDay(day: string): string {
  return `${day}T16:00:00.000Z`;
}

/** The instant a China day begins: 2026-11-26 → 2026-11-25T16:00:00.000Z. */
export function startOfChinaDay(day: string): string {
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${day}`);
  return new Date(ms - CHINA_OFFSET_MS).toISOString();
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/i;

/**
 * An instant typed by a person or sent by a system, as the platform stores instants (ISO 8601 UTC,
 * `2027-06-29T16:00:00.000Z`), so that instants compare as strings. Accepted: an ISO 8601 date-time
 * with its zone (`Z` or `±HH:MM`; a time without one is ambiguous), or a China date, meaning its
 * first moment (`2027-06-30` → `2027-06-29T16:00:00.000Z`). Anything else — `banana`, `2026-02-30`,
 * `25:00` — is `undefined`.
 */
export function parseInstant(text: string): string | undefined {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return realDate(value) ? startOfChinaDay(value) : undefined;
  const m = INSTANT.exec(value);
  if (!m || !realDate(m[1]!)) return undefined;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (m[6] !== undefined && (Number(m[6]) > 14 || Number(m[7]) > 59)) return undefined;
  const ms = Date.parse(value.toUpperCase());
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A real YYYY-MM-DD date (Date.parse would roll 02-30 over into March). */
function realDate(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

/** Yesterday in China: e.g. the day to anchor, the last one surely over. */
export function previousChinaDay(instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return chinaDayOf(ms - DAY_MS);
}

/** A clock over a source of instants (tests pass a fixed or stepping one). */
export function clockOf(now: () => string): Clock {
  return { now, today: () => chinaDayOf(now()) };
}

/**
 * The system clock. The instant is formatted once per millisecond: a check asks for it several times
 * (access, API key, the check, its record), thousands of times a second.
 */
export function systemClock(): Clock {
  let lastMs = Number.NaN;
  let lastText = '';
  return clockOf(() => {
    const ms = Date.now();
    if (ms !== lastMs) {
      lastMs = ms;
      lastText = new Date(ms).toISOString();
    }
    return lastText;
  });
}
