/** The SQL of the calendar: the official holiday schedules an administrator imported. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../database.ts';
import type { CalendarYearTable } from './calendar.tables.ts';

export const calendarRepository = {
  /** Every imported year, by year. */
  async years(db: Db): Promise<Selectable<CalendarYearTable>[]> {
    return db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  },

  /** Stores a year's schedule; an imported year replaces the previous import of that year. */
  async saveYear(db: Db, row: Insertable<CalendarYearTable>): Promise<void> {
    await db
      .insertInto('calendar_years')
      .values(row)
      .onConflict((oc) =>
        oc.column('year').doUpdateSet({
          source: row.source,
          schedule: row.schedule,
          digest: row.digest,
          imported_by: row.imported_by,
          imported_at: row.imported_at,
        }),
      )
      .execute();
  },
};
