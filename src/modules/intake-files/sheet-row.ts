/** One non-blank row of an uploaded sheet: its row number as a spreadsheet program shows it, and its cells as text. */
export type SheetRow = { rowNumber: number; cells: string[] };
