import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError, badRequest } from '../../platform/errors.ts';
import { cellText } from './cell-text.ts';
import type { SheetRow } from './sheet-row.ts';

/**
 * Rows of an xlsx file read as a stream (exceljs `WorkbookReader`): memory stays flat whatever the
 * row count, so the same reader serves a 30 MiB upload and a multi-million-row CLI import. Styles are
 * read only so that date-formatted cells arrive as dates. The data sheet is the first one not named in
 * `skipSheets` (the template's notes sheet, wherever a clerk moved it).
 */
export async function* xlsxRows(
  input: Readable | string,
  options: { skipSheets?: readonly string[] } = {},
): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let chosen = false;
  const skipped: string[] = [];
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name;
      if (chosen) continue;
      if (name !== undefined && options.skipSheets?.includes(name)) {
        skipped.push(name);
        continue;
      }
      chosen = true;
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
        if (cells.some((c) => c !== '')) yield { rowNumber: row.number, cells };
      }
    }
  } catch (error) {
    // What the zip and XML readers throw means a damaged or foreign file; I/O errors stay themselves.
    if (error instanceof AppError || (error as NodeJS.ErrnoException).syscall !== undefined) throw error;
    throw notAWorkbook(`the xlsx reader stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!chosen) {
    throw notAWorkbook(
      skipped.length > 0
        ? `no data sheet: only ${skipped.map((n) => `"${n}"`).join(', ')}`
        : 'the file holds no worksheet',
    );
  }
}

/**
 * The file is not a workbook the platform can read. `reason` says what the reader found (the zip or
 * XML reader's own words, or which sheets were there), so a clerk's IT staff, or a failing test, can
 * tell a damaged file from an empty one.
 */
export const notAWorkbook = (reason?: string) =>
  badRequest(
    'UPLOAD_FILE_INVALID',
    '文件不是有效的 xlsx 工作簿：请使用平台下载的模板另存为 .xlsx',
    'The file is not a valid xlsx workbook: save the platform template as .xlsx',
    reason ? { reason } : undefined,
  );
