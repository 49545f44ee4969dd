import { Readable } from 'node:stream';
import { badRequest } from '../../platform/errors.ts';
import {
  type CatalogItemVersion,
  CHOICES_SHEET,
  EXAMPLE_PROVIDER_RECORD_ID,
  INSTRUCTIONS_SHEET,
  type RowError,
  rowInputOf,
} from '../catalog/index.ts';
import { csvRows } from './csv.ts';
import { readHeader, type SheetHeader } from './sheet-header.ts';
import { limitExceeded, type SheetLimits } from './sheet-limits.ts';
import type { SheetRow } from './sheet-row.ts';
import { type ArchiveSource, xlsxRows } from './xlsx-rows.ts';

/**
 * A spreadsheet or CSV file as rows for intake, shared by the upload route (a buffer) and the CLI
 * import (a file stream of any size): the format by its first bytes, the header row against the item's
 * template, each data row as a RecordRowInput (the catalog's `rowInputOf`) with its row number.
 */
export type FileFormat = 'xlsx' | 'csv';

export function detectFormat(head: Uint8Array): FileFormat {
  // xlsx is a zip archive: "PK\x03\x04".
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  // The old binary .xls (an OLE compound file) cannot be read; say how to convert it.
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw badRequest(
      'UPLOAD_FORMAT_UNSUPPORTED',
      '不支持旧版 .xls 文件：请在 Excel/WPS 中另存为 .xlsx 或 CSV 后上传',
      'Old .xls files are not supported: save the file as .xlsx or CSV and upload again',
    );
  }
  return 'csv';
}

/**
 * Rows of a whole file in memory (upload), or of a file on disk (CLI): a CSV file as the stream the
 * caller opened, an xlsx file by its path (read through the zip's directory, see xlsx-rows.ts).
 */
/** The template's sheets that are not data: its notes and its hidden drop-down lists. */
const TEMPLATE_SHEETS = [INSTRUCTIONS_SHEET, CHOICES_SHEET];

export function fileRows(
  format: FileFormat,
  source:
    | Buffer
    | {
        /** the file as a stream, for CSV */
        stream: () => Readable;
        /** the file as an archive, for xlsx (read through its directory) */
        archive: () => ArchiveSource;
        progress?: (fraction: number) => void;
      },
  limits: SheetLimits,
): AsyncGenerator<SheetRow> {
  if (format === 'xlsx') {
    return withinLimits(
      Buffer.isBuffer(source)
        ? xlsxRows(source, { skipSheets: TEMPLATE_SHEETS, limits })
        : xlsxRows(source.archive(), {
            skipSheets: TEMPLATE_SHEETS,
            limits,
            ...(source.progress ? { progress: source.progress } : {}),
          }),
      limits,
    );
  }
  const stream = Buffer.isBuffer(source) ? Readable.from(slices(source)) : source.stream();
  return withinLimits(csvRows(stream as AsyncIterable<Uint8Array>, limits), limits);
}

/** An uploaded file in slices of 1 MiB, so a line is never decoded and parsed in one piece of 32 MiB. */
function* slices(body: Buffer): Generator<Buffer> {
  for (let at = 0; at < body.length; at += 1024 * 1024) yield body.subarray(at, at + 1024 * 1024);
}

/**
 * The limits on parsed rows, whatever the format: data rows (the header is the first non-blank row,
 * not counted), cells of a row and characters of a cell. The readers refuse earlier what would
 * otherwise make them hold too much (see csv.ts and xlsx-rows.ts); this is the exact count.
 */
async function* withinLimits(rows: AsyncGenerator<SheetRow>, limits: SheetLimits): AsyncGenerator<SheetRow> {
  let count = 0;
  for await (const row of rows) {
    if (++count > limits.maxRows + 1) throw limitExceeded(limits, 'maxRows', { rowNumber: row.rowNumber });
    if (row.cells.length > limits.maxColumns)
      throw limitExceeded(limits, 'maxColumns', { rowNumber: row.rowNumber });
    const long = row.cells.findIndex((cell) => cell.length > limits.maxCellChars);
    if (long >= 0)
      throw limitExceeded(limits, 'maxCellChars', { rowNumber: row.rowNumber, column: long + 1 });
    yield row;
  }
}

export type OpenedSheet = SheetHeader & {
  headerRowNumber: number;
  /** target path → 0-based column of the sheet (to blank a forbidden cell in the error report) */
  columnOfTarget: Map<string, number>;
  rows: AsyncGenerator<SheetRow>;
};

/** Reads the header row (the first non-blank row) and hands back the data rows still to come. */
export async function openSheet(
  version: CatalogItemVersion,
  rows: AsyncGenerator<SheetRow>,
  otherItems: readonly CatalogItemVersion[] = [],
): Promise<OpenedSheet> {
  const first = await rows.next();
  if (first.done) {
    throw badRequest(
      'UPLOAD_EMPTY',
      '文件是空的：第一行应为模板的列名，其下每行一条信息',
      'The file is empty: the first row should hold the template headers, one record per row below',
    );
  }
  const header = readHeader(version, first.value.cells, otherItems);
  const columnOfTarget = new Map<string, number>();
  header.mapping.columns.forEach((column, index) => {
    if (column) columnOfTarget.set(column.target, index);
  });
  return { ...header, headerRowNumber: first.value.rowNumber, columnOfTarget, rows };
}

export type SheetSubmission = {
  rowNumber: number;
  cells: string[];
  input: Record<string, unknown>;
  /** refused before intake: the template's example row */
  refusal?: RowError;
};

export function submissionOf(
  version: CatalogItemVersion,
  sheet: OpenedSheet,
  row: SheetRow,
): SheetSubmission {
  const input = rowInputOf(version, sheet.mapping, row.cells);
  const submission: SheetSubmission = { rowNumber: row.rowNumber, cells: row.cells, input };
  if (
    typeof input.providerRecordId === 'string' &&
    input.providerRecordId.trim() === EXAMPLE_PROVIDER_RECORD_ID
  ) {
    submission.refusal = exampleRowRefusal();
  }
  return submission;
}

/** The template's example row is valid on purpose; left in a filled sheet, it would report 张三. */
export const exampleRowRefusal = (): RowError => ({
  code: 'UPLOAD_EXAMPLE_ROW',
  field: 'providerRecordId',
  message: '这是模板的示例行，不是真实信息，未报送：请删除该行。',
  messageEn: "This is the template's example row, not real information; it was not pushed. Delete the row.",
});

/** Rewrites the intake's "row N of this batch" (a batch index) as the spreadsheet row number. */
export function duplicateRefusal(firstRowNumber: number): RowError {
  return {
    code: 'RECORD_DUPLICATE_IN_BATCH',
    field: 'providerRecordId',
    message: `第 ${firstRowNumber} 行已使用同一本单位记录编号；同一记录在一次报送中只能出现一次，修改请另行报送。`,
    messageEn: `Row ${firstRowNumber} has the same provider record id; a record may appear once per push (send a change separately).`,
  };
}
