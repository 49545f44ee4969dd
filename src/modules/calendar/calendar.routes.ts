import type { HttpApp } from '../../platform/http/server.ts';
import { DayParams, DayResponse, DeadlineQuery, DeadlineResponse, YearsResponse } from './calendar.api.ts';
import type { CalendarService } from './calendar.service.ts';

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
          querystring: DeadlineQuery,
          response: { 200: DeadlineResponse },
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
          params: DayParams,
          response: { 200: DayResponse },
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
          response: { 200: YearsResponse },
        },
        config: { access: { kind: 'public', reason: 'public holiday arithmetic' } },
      },
      async () => ({ years: ctx.calendar.years() }),
    );
  };
}
