/** Tables of the calendar module (migration 0001-foundation). */
export type CalendarTables = {
  calendar_years: CalendarYearTable;
};

/** A year's official holiday schedule imported by an administrator; replaces built-in data. */
export type CalendarYearTable = {
  year: number;
  source: string;
  schedule: unknown;
  digest: string;
  imported_by: string;
  imported_at: string;
};
