/** The calendar API: working-day deadlines, whether a date is a working day, the loaded schedules. */
import { z } from 'zod';
import { isIsoDate } from './index.ts';

const IsoDateParam = z
  .string()
  .refine(isIsoDate, { error: '应为有效日期 YYYY-MM-DD / must be a real date YYYY-MM-DD' })
  .describe('YYYY-MM-DD');

const MAX_WORKDAYS = 3660;

export const DeadlineQuery = z.object({
  from: IsoDateParam,
  workdays: z.coerce.number().int().min(0).max(MAX_WORKDAYS),
});

export const DeadlineResponse = z.object({
  from: z.string(),
  workdays: z.number().int(),
  deadline: z.string(),
  provisional: z.boolean(),
  missingYears: z.array(z.number().int()),
});

export const DayParams = z.object({ date: IsoDateParam });

export const DayResponse = z.object({
  date: z.string(),
  workday: z.boolean(),
  reason: z.enum(['weekday', 'weekend', 'holiday', 'makeup_workday']),
  holidayName: z.string().optional(),
  provisional: z.boolean(),
});

export const YearView = z.object({
  year: z.number().int(),
  source: z.string(),
  origin: z.enum(['built-in', 'imported']),
  importedAt: z.string().optional(),
});

export const YearsResponse = z.object({ years: z.array(YearView) });
