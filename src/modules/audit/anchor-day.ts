/**
 * Days for anchoring are days in China (UTC+8, no daylight saving): the anchor of 2026-11-25 is the
 * chain head at 2026-11-25T16:00:00Z, midnight in Beijing.
 */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The instant a China day ends (exclusive bound for the entries it covers). */
export function endOfChinaDay(day: string): string {
  return `${day}T16:00:00.000Z`;
}

const DAY_MS = 24 * 3600_000;
/** the last day computed and the instants it spans: every check asks, nearly always about today */
let last = { day: '', from: 0, to: 0 };

/** The China calendar day an instant falls on. */
export function chinaDayOf(instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (ms >= last.from && ms < last.to) return last.day;
  const day = new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const from = Date.parse(`${day}T00:00:00.000Z`) - CHINA_OFFSET_MS;
  last = { day, from, to: from + DAY_MS };
  return day;
}

/** Yesterday in China: the default day to anchor, the last one surely over. */
export function previousChinaDay(instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return chinaDayOf(ms - 24 * 3600_000);
}
