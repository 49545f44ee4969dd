/**
 * The public lists as files (issue 17: "export of the same filter"): CSV in UTF-8 with a BOM, so Excel
 * shows the Chinese, each cell that a spreadsheet would run as a formula (= + - @) prefixed with '
 * (`csvLine`, as the error reports do); and xlsx, every cell written as a string, never a formula.
 * Both end with a row saying when the export was cut at its cap.
 */
import { streamedWorkbook } from '../../platform/xlsx-writer.ts';
import { csvLine } from '../intake-files/csv.ts';

export const EXPORT_CAP = 10_000;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ExportTable = {
  title: string;
  header: readonly string[];
  rows: readonly (readonly string[])[];
  /** rows the filter found; more than `rows.length` when the cap cut the export */
  total: number;
};

/** The note closing a cut export (also sent as a header). */
export function capNote(table: ExportTable): string | null {
  return table.total > table.rows.length
    ? `共 ${table.total} 条，仅导出最新的 ${table.rows.length} 条（单次导出上限 ${EXPORT_CAP} 条），请缩小筛选范围 / ${table.total} rows found; the newest ${table.rows.length} exported (cap ${EXPORT_CAP})`
    : null;
}

export function toCsv(table: ExportTable): string {
  let out = `\uFEFF${csvLine(table.header)}`;
  for (const row of table.rows) out += csvLine(row);
  const note = capNote(table);
  if (note) out += csvLine([note]);
  return out;
}

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const { workbook, bytes } = streamedWorkbook({ useStyles: false });
  const sheet = workbook.addWorksheet(table.title.slice(0, 31));
  // strings as rich-text-free values: exceljs writes a string as a string cell, never a formula
  sheet.addRow([...table.header]).commit();
  for (const row of table.rows) sheet.addRow([...row]).commit();
  const note = capNote(table);
  if (note) sheet.addRow([note]).commit();
  sheet.commit();
  return bytes();
}
