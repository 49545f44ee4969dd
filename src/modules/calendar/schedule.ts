import { type IsoDate, isWeekend, parseIsoDate, toDayNumber } from '../../platform/iso-date.ts';

/** One year of the State Council's holiday schedule (放假调休安排). */
export type YearSchedule = {
  year: number;
  /** Where the data comes from, e.g. '国办发明电〔2024〕12号' or 'chinese-days 1.5.7'. */
  source: string;
  /** Days off, including the weekend days inside a holiday period. */
  holidays: { date: IsoDate; name: string }[];
  /** Saturdays or Sundays declared working days (调休上班); `name` is the holiday they make up for. */
  makeupWorkdays: { date: IsoDate; name: string }[];
};

export type ScheduleErrorCode =
  | 'CALENDAR_FILE_INVALID'
  | 'CALENDAR_FILE_EMPTY'
  | 'CALENDAR_YEAR_INVALID'
  | 'CALENDAR_YEAR_DUPLICATE'
  | 'CALENDAR_SOURCE_EMPTY'
  | 'CALENDAR_HOLIDAYS_EMPTY'
  | 'CALENDAR_NAME_EMPTY'
  | 'CALENDAR_DATE_INVALID'
  | 'CALENDAR_DATE_OUTSIDE_YEAR'
  | 'CALENDAR_DATE_DUPLICATE'
  | 'CALENDAR_DATE_CONFLICT'
  | 'CALENDAR_MAKEUP_NOT_WEEKEND';

export type ScheduleError = {
  code: ScheduleErrorCode;
  /** Chinese, says what to fix. */
  message: string;
  messageEn: string;
  /** Where in the file, e.g. 'holidays[3].date' or 'schedules[1].year'; '' for the whole file. */
  path: string;
};

/** Years an imported schedule may cover: the platform's lifetime, with room on both sides. */
export const FIRST_SCHEDULE_YEAR = 2000;
export const LAST_SCHEDULE_YEAR = 2100;

export function joinPath(prefix: string, rest: string): string {
  if (!prefix) return rest;
  if (!rest) return prefix;
  return rest.startsWith('[') ? `${prefix}${rest}` : `${prefix}.${rest}`;
}

/**
 * Checks the rules a well-typed schedule must satisfy and returns it normalized (names trimmed, entries
 * sorted by date). Every problem is reported, each with the path of the offending field under `prefix`.
 */
export function validateSchedule(
  input: YearSchedule,
  prefix = '',
): { schedule: YearSchedule; errors: ScheduleError[] } {
  const errors: ScheduleError[] = [];
  const fail = (code: ScheduleErrorCode, path: string, message: string, messageEn: string) =>
    errors.push({ code, message, messageEn, path: joinPath(prefix, path) });

  const { year } = input;
  const yearValid = Number.isInteger(year) && year >= FIRST_SCHEDULE_YEAR && year <= LAST_SCHEDULE_YEAR;
  if (!yearValid) {
    fail(
      'CALENDAR_YEAR_INVALID',
      'year',
      `年份应为 ${FIRST_SCHEDULE_YEAR} 至 ${LAST_SCHEDULE_YEAR} 之间的整数，实际为 ${year}`,
      `year must be an integer from ${FIRST_SCHEDULE_YEAR} to ${LAST_SCHEDULE_YEAR}, got ${year}`,
    );
  }
  const source = input.source.trim();
  if (!source)
    fail(
      'CALENDAR_SOURCE_EMPTY',
      'source',
      '来源不能为空（如国务院办公厅通知文号）',
      'source must not be empty (e.g. the notice number)',
    );
  if (input.holidays.length === 0) {
    // An empty year would count as "loaded" and silently turn every weekday into a working day.
    fail('CALENDAR_HOLIDAYS_EMPTY', 'holidays', '节假日列表不能为空', 'holidays must list at least one day');
  }

  const seen = new Map<IsoDate, string>(); // date -> path of its first occurrence
  const check = (list: 'holidays' | 'makeupWorkdays') =>
    input[list].map((entry, i) => {
      const path = `${list}[${i}]`;
      const name = entry.name.trim();
      if (!name) fail('CALENDAR_NAME_EMPTY', `${path}.name`, '名称不能为空', 'name must not be empty');
      const parts = parseIsoDate(entry.date);
      if (!parts) {
        fail(
          'CALENDAR_DATE_INVALID',
          `${path}.date`,
          `日期无效：${entry.date}（格式应为 YYYY-MM-DD）`,
          `invalid date ${JSON.stringify(entry.date)} (expected a real YYYY-MM-DD date)`,
        );
        return { date: entry.date, name };
      }
      if (yearValid && parts.year !== year) {
        fail(
          'CALENDAR_DATE_OUTSIDE_YEAR',
          `${path}.date`,
          `日期 ${entry.date} 不在 ${year} 年内`,
          `date ${entry.date} is outside year ${year}`,
        );
      }
      const first = seen.get(entry.date);
      if (first !== undefined) {
        const both = first.startsWith(list);
        fail(
          both ? 'CALENDAR_DATE_DUPLICATE' : 'CALENDAR_DATE_CONFLICT',
          `${path}.date`,
          both
            ? `日期 ${entry.date} 重复（已见于 ${joinPath(prefix, first)}）`
            : `日期 ${entry.date} 不能既是节假日又是调休上班日`,
          both
            ? `duplicate date ${entry.date} (already at ${joinPath(prefix, first)})`
            : `date ${entry.date} cannot be both a holiday and a makeup workday`,
        );
      } else {
        seen.set(entry.date, `${path}.date`);
      }
      if (list === 'makeupWorkdays' && !isWeekend(toDayNumber(parts.year, parts.month, parts.day))) {
        // A makeup workday on Monday-Friday changes nothing: the file is most likely wrong.
        fail(
          'CALENDAR_MAKEUP_NOT_WEEKEND',
          `${path}.date`,
          `调休上班日 ${entry.date} 应为周六或周日`,
          `makeup workday ${entry.date} must be a Saturday or Sunday`,
        );
      }
      return { date: entry.date, name };
    });

  const byDate = (a: { date: string }, b: { date: string }) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
  const holidays = check('holidays').sort(byDate);
  const makeupWorkdays = check('makeupWorkdays').sort(byDate);
  return { schedule: { year, source, holidays, makeupWorkdays }, errors };
}
