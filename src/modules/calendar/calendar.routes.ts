import { z } from 'zod';
import type { HttpApp } from '../../platform/http/server.ts';
import type { CalendarService } from './calendar.service.ts';
import { isIsoDate } from './index.ts';

const IsoDateParam = z
  .string()
  .refine(isIsoDate, { error: '应为有效日期 YYYY-MM-DD / must be a real date YYYY-MM-DD' })
  .describe('YYYY-MM-DD');

const MAX_WORKDAYS = 3660;

export type CalendarRoutesDeps = { calendar: Pick<CalendarService, 'current' | 'years'> };

export function calendarRoutes(ctx: CalendarRoutesDeps) {
  return (app: HttpApp) => {
    app.get(
      '/api/v1/calendar/deadline',
      {
        schema: {
          tags: ['calendar'],
          summary: '按工作日计算期限 / working-day deadline',
          description:
            '从 from 的次日起算第 N 个工作日（民法典第二百零一条：开始的当日不计入），按国务院节假日安排（含调休上班日）。' +
            '所需年份的官方安排尚未加载时，结果按周一至周五推算并标记 provisional=true，missingYears 列出缺少的年份。\n' +
            'The N-th working day after `from` (Civil Code art. 201: the start day is not counted), under the State Council ' +
            'holiday schedules including makeup workdays. When a needed year is not loaded the result assumes Mon–Fri and is ' +
            'marked provisional, listing the missing years.',
          querystring: z.object({
            from: IsoDateParam,
            workdays: z.coerce.number().int().min(0).max(MAX_WORKDAYS),
          }),
          response: {
            200: z.object({
              from: z.string(),
              workdays: z.number().int(),
              deadline: z.string(),
              provisional: z.boolean(),
              missingYears: z.array(z.number().int()),
            }),
          },
        },
        config: { access: { kind: 'public', reason: 'public holiday arithmetic' } },
      },
      async (request) => {
        const r = ctx.calendar.current().addWorkdays(request.query.from, request.query.workdays);
        return {
          from: r.from,
          workdays: r.workdays,
          deadline: r.deadline,
          provisional: r.provisional,
          missingYears: r.missingYears,
        };
      },
    );

    app.get(
      '/api/v1/calendar/days/:date',
      {
        schema: {
          tags: ['calendar'],
          summary: '某日是否工作日 / is a date a working day',
          params: z.object({ date: IsoDateParam }),
          response: {
            200: z.object({
              date: z.string(),
              workday: z.boolean(),
              reason: z.enum(['weekday', 'weekend', 'holiday', 'makeup_workday']),
              holidayName: z.string().optional(),
              provisional: z.boolean(),
            }),
          },
        },
        config: { access: { kind: 'public', reason: 'public holiday arithmetic' } },
      },
      async (request) => ({
        date: request.params.date,
        ...ctx.calendar.current().isWorkday(request.params.date),
      }),
    );

    app.get(
      '/api/v1/calendar/years',
      {
        schema: {
          tags: ['calendar'],
          summary: '已加载的年度节假日安排 / loaded yearly schedules',
          response: {
            200: z.object({
              years: z.array(
                z.object({
                  year: z.number().int(),
                  source: z.string(),
                  origin: z.enum(['built-in', 'imported']),
                  importedAt: z.string().optional(),
                }),
              ),
            }),
          },
        },
        config: { access: { kind: 'public', reason: 'public holiday arithmetic' } },
      },
      async () => ({ years: ctx.calendar.years() }),
    );
  };
}
