/** The SQL of the calendar: the official holiday schedules an administrator imported. */
import type { Insertable, Selectable } from 'kysely';
import { CALENDAR_YEARS_AUDITED, type RowsWrittenMeta } from '../audit/index.ts';
import { recordStoredRows } from '../audit/row-digests.service.ts';
import type { Db } from '../database.ts';
import type { CalendarYearTable } from './calendar.tables.ts';

export const calendarRepository = {
  /** Every imported year, by year. */
  async years(db: Db): Promise<Selectable<CalendarYearTable>[]> {
    return db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  },

  /**
   * Stores a year's schedule; an imported year replaces the previous import of that year. Run in a
   * transaction (`trx`): the row as stored is recorded on the audit chain with it (issue 14 §3).
   */
  async saveYear(trx: Db, row: Insertable<CalendarYearTable>, writer: RowsWrittenMeta): Promise<void> {
    const rows = await trx
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
      .returningAll()
      .execute();
    await recordStoredRows(trx, CALENDAR_YEARS_AUDITED, rows, writer);
  },
};
