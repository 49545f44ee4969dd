/**
 * Working-day calendar (工作日计算): the State Council's holiday schedules (放假调休) as pure functions
 * for the policy's deadlines — push within 7 working days (A9), objection review within 10 (A16),
 * repair publicity for 5 (A19). No database and no HTTP here; see README.md.
 */

export { type IsoDate, isIsoDate } from '../../platform/iso-date.ts';
export { builtInSchedules } from './built-in.ts';
export { createCalendar, type DayReason, MAX_WORKDAYS, type WorkdayCalendar } from './calendar.ts';
export type { ScheduleError, ScheduleErrorCode, YearSchedule } from './schedule.ts';
export { type ParseScheduleResult, parseScheduleFile } from './schedule-file.ts';
