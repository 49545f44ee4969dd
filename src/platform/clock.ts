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
