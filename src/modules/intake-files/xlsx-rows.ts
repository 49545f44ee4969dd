import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError, badRequest } from '../../platform/errors.ts';
import { cellText } from './cell-text.ts';
import type { SheetRow } from './sheet-row.ts';

/**
 * The zip archive read through its central directory (unzipper, the reader exceljs itself depends on),
 * entry by entry in the order we choose. exceljs's own streaming pass reads the archive front to back:
 * a sheet stored before `xl/workbook.xml` then failed now and then with "Cannot read properties of
 * undefined (reading 'sheets')" (exceljs#3064), sheets stored before the shared strings went through
 * temporary files that were sometimes gone when read back (ENOENT), and sheet names were unknown, so
 * the notes sheet could not be told from the data sheet. Those were the intermittent
 * UPLOAD_FILE_INVALID failures of the upload test.
 */
type ZipEntry = { path: string; uncompressedSize: number; stream(): Readable };
type ZipDirectory = { files: ZipEntry[] };
const unzipper = createRequire(import.meta.url)('unzipper') as {
  Open: { buffer(data: Buffer): Promise<ZipDirectory>; file(path: string): Promise<ZipDirectory> };
};

/** What of exceljs's WorkbookReader is driven here: its parsers of the workbook's parts. */
type WorkbookParts = {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(
    iterator: AsyncIterable<unknown>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: ExcelJS.stream.xlsx.WorksheetReader }>;
};

const SHEET_PATH = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * Rows of an xlsx file, a sheet at a time and a row at a time (exceljs's worksheet reader): memory
 * stays flat whatever the row count, so the same reader serves a 30 MiB upload (a buffer) and a
 * multi-million-row CLI import (a file path). The workbook's relations, names, shared strings and
 * styles are read first; styles only so that date-formatted cells arrive as dates. The data sheet is
 * the first one, in the workbook's own order, not named in `skipSheets` (the template's notes sheet,
 * wherever a clerk moved it). `progress` hears the share of the data sheet read so far.
 */
export async function* xlsxRows(
  input: Buffer | string,
  options: { skipSheets?: readonly string[]; progress?: (fraction: number) => void } = {},
): AsyncGenerator<SheetRow> {
  let directory: ZipDirectory;
  try {
    directory = Buffer.isBuffer(input) ? await unzipper.Open.buffer(input) : await unzipper.Open.file(input);
  } catch (error) {
    throw readerError(error);
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as never, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as WorkbookParts;
  const entry = (path: string) => directory.files.find((f) => f.path === path);
  const sheets = directory.files
    .map((f) => ({ file: f, match: SHEET_PATH.exec(f.path) }))
    .filter((s) => s.match !== null)
    .map((s) => ({ file: s.file, sheetNo: s.match![1]! }));
  try {
    const rels = entry('xl/_rels/workbook.xml.rels');
    const workbook = entry('xl/workbook.xml');
    if (rels) await reader._parseRels(rels.stream());
    if (workbook) await reader._parseWorkbook(workbook.stream());
    const strings = entry('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(strings.stream()));
    const styles = entry('xl/styles.xml');
    if (styles) await reader._parseStyles(styles.stream());
    // The workbook's order of sheets (its tabs) and their names, as exceljs matches them.
    const { model, workbookRels } = reader as unknown as {
      model?: { sheets?: { name?: string; rId?: string }[] };
      workbookRels?: { Id?: string; Target?: string }[];
    };
    const tabs = model?.sheets ?? [];
    const tabOf = (sheetNo: string) => {
      const rel = (workbookRels ?? []).find((r) => r.Target === `worksheets/sheet${sheetNo}.xml`);
      const at = rel ? tabs.findIndex((t) => t.rId === rel.Id) : -1;
      return at < 0 ? { at: tabs.length + Number(sheetNo), name: undefined } : { at, name: tabs[at]!.name };
    };
    const ordered = sheets.map((s) => ({ ...s, tab: tabOf(s.sheetNo) })).sort((x, y) => x.tab.at - y.tab.at);
    const skip = (name: string | undefined) =>
      name !== undefined && options.skipSheets?.includes(name) === true;
    const data = ordered.find((s) => !skip(s.tab.name));
    if (!data) {
      throw notAWorkbook(
        ordered.length > 0
          ? `no data sheet: only ${ordered.map((s) => `"${s.tab.name}"`).join(', ')}`
          : 'the file holds no worksheet',
      );
    }
    const stream = data.file.stream();
    const [event] = [...reader._parseWorksheet(stream, data.sheetNo)];
    if (options.progress) {
      let read = 0;
      stream.on('data', (chunk: Buffer) => {
        read += chunk.length;
        options.progress!(Math.min(1, read / Math.max(1, data.file.uncompressedSize)));
      });
    }
    for await (const row of event!.value) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
      if (cells.some((c) => c !== '')) yield { rowNumber: row.number, cells };
    }
  } catch (error) {
    throw readerError(error);
  }
}

/** What the zip and XML readers throw means a damaged or foreign file; I/O errors stay themselves. */
function readerError(error: unknown): unknown {
  if (error instanceof AppError || (error as NodeJS.ErrnoException).syscall !== undefined) return error;
  return notAWorkbook(`the xlsx reader stopped: ${error instanceof Error ? error.message : String(error)}`);
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
