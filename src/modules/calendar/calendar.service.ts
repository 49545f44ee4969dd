import { createHash } from 'node:crypto';
import { fromJson, toJson } from '../../platform/db/engine.ts';
import type { RowsWrittenMeta } from '../audit/index.ts';
import type { Store } from '../database.ts';
import { calendarRepository } from './calendar.repository.ts';
import { builtInSchedules, createCalendar, type WorkdayCalendar, type YearSchedule } from './index.ts';

export type LoadedYear = {
  year: number;
  source: string;
  origin: 'built-in' | 'imported';
  importedAt?: string;
};

/**
 * The working-day calendar in force: chinese-days' official data, overlaid by schedules an
 * administrator imported (`xinyong calendar import FILE`), which replace built-in data year by year.
 * A new State Council notice therefore needs no release.
 */
export function calendarService(
  store: Store,
  /** who an imported year's row is recorded as on the audit chain (issue 14 §3) */
  writer: RowsWrittenMeta,
) {
  const { db } = store;
  let calendar: WorkdayCalendar = createCalendar(builtInSchedules());
  let years: LoadedYear[] = [];

  async function reload(): Promise<void> {
    const rows = await calendarRepository.years(db);
    const imported = rows.map((r) => fromJson<YearSchedule>(r.schedule));
    const builtIn = builtInSchedules();
    calendar = createCalendar([...builtIn, ...imported]);
    const importedYears = new Map(rows.map((r) => [r.year, r]));
    years = [
      ...builtIn
        .filter((s) => !importedYears.has(s.year))
        .map((s) => ({ year: s.year, source: s.source, origin: 'built-in' as const })),
      ...rows.map((r) => ({
        year: r.year,
        source: r.source,
        origin: 'imported' as const,
        importedAt: r.imported_at,
      })),
    ].sort((a, b) => a.year - b.year);
  }

  return {
    reload,
    current: (): WorkdayCalendar => calendar,
    years: (): LoadedYear[] => years,

    /** Stores validated schedules (an imported year replaces the previous import) and reloads. */
    async importSchedules(schedules: YearSchedule[], importedBy: string, now: string): Promise<number[]> {
      await db.transaction().execute(async (trx) => {
        for (const schedule of schedules) {
          const content = toJson(schedule);
          const row = {
            year: schedule.year,
            source: schedule.source,
            schedule: content,
            digest: createHash('sha256').update(content).digest('hex'),
            imported_by: importedBy,
            imported_at: now,
          };
          await calendarRepository.saveYear(trx, row, writer);
        }
      });
      await reload();
      return schedules.map((s) => s.year);
    },
  };
}

export type CalendarService = ReturnType<typeof calendarService>;
