import { AppError } from '../../platform/errors.ts';

/**
 * What a spreadsheet or CSV file may hold, enforced while it is read (issue 14 §6): a file past a
 * limit is refused as soon as the reader gets there, with memory bounded by the limits rather than by
 * the file. A 2 MB xlsx that inflates to 2 GB, a 20 MB CSV of one cell, a row of a million columns are
 * refused after reading a little of them; nothing is written (the upload reads the whole file before
 * submitting; the CLI import stops where it is).
 */
export type SheetLimits = {
  /** data rows (non-blank rows below the header); blank rows cost nothing and are not counted */
  maxRows: number;
  /** bytes of the file once unpacked: an xlsx's parts read, together; a CSV's bytes */
  maxUnpackedBytes: number;
  /** cells of a row, counting the empty ones before the last filled one */
  maxColumns: number;
  /** characters of one cell */
  maxCellChars: number;
  /** an xlsx part may unpack to at most this many times its packed size (past its first 100 KiB) */
  maxInflateRatio: number;
};

/**
 * Excel's own limit on a cell (32,767 characters) and the column count of the old .xls format (256):
 * the widest template has a few dozen columns and its longest field 2,000 characters.
 */
export const MAX_CELL_CHARS = 32_767;
export const MAX_COLUMNS = 256;
/**
 * Sheets written by Excel, WPS or exceljs unpack to about 8–12 times their packed size (a 100,000-row
 * template: 7.5 MB → 58–84 MB); a zip bomb of repeated bytes, some 700–1,000 times. 100 and the grace
 * of 100 KiB (small parts compress as they please) are Apache POI's defaults
 * (`ZipSecureFile.setMinInflateRatio(0.01)`, `GRACE_ENTRY_SIZE`). The grace is also what a bomb of
 * empty rows costs before it is refused: each row is an object of the XML reader.
 */
export const MAX_INFLATE_RATIO = 100;
export const INFLATE_RATIO_GRACE_BYTES = 100 * 1024;

/**
 * The upload's defaults fit the 100,000-row template (the route's 32 MiB body; its sheet unpacks to
 * well under 512 MiB). A city tunes rows and unpacked size with XINYONG_UPLOAD_MAX_ROWS and
 * XINYONG_UPLOAD_MAX_UNPACKED_MB.
 */
export const DEFAULT_UPLOAD_LIMITS: SheetLimits = {
  maxRows: 100_000,
  maxUnpackedBytes: 512 * 1024 * 1024,
  maxColumns: MAX_COLUMNS,
  maxCellChars: MAX_CELL_CHARS,
  maxInflateRatio: MAX_INFLATE_RATIO,
};

/**
 * `xinyong import` and the streaming check (`POST /api/v1/checks/stream` as CSV) read millions of rows
 * a part at a time, so their memory does not grow with rows or size: only the limits that bound one
 * row, and the inflate ratio, apply.
 */
export const STREAMED_LIMITS: SheetLimits = {
  maxRows: Number.POSITIVE_INFINITY,
  maxUnpackedBytes: Number.POSITIVE_INFINITY,
  maxColumns: MAX_COLUMNS,
  maxCellChars: MAX_CELL_CHARS,
  maxInflateRatio: MAX_INFLATE_RATIO,
};

/** Which limit a file went past: the error code names it, `details.limit` names the setting. */
export type SheetLimit = keyof SheetLimits;

const CODES: Record<SheetLimit, string> = {
  maxRows: 'UPLOAD_TOO_MANY_ROWS',
  maxUnpackedBytes: 'UPLOAD_UNPACKED_TOO_LARGE',
  maxColumns: 'UPLOAD_TOO_MANY_COLUMNS',
  maxCellChars: 'UPLOAD_CELL_TOO_LONG',
  maxInflateRatio: 'UPLOAD_INFLATE_RATIO_EXCEEDED',
};

const SETTINGS: Partial<Record<SheetLimit, string>> = {
  maxRows: 'XINYONG_UPLOAD_MAX_ROWS',
  maxUnpackedBytes: 'XINYONG_UPLOAD_MAX_UNPACKED_MB',
};

/** The refusal of a file past `limit` (413): what the limit is, and where the reader was. */
export function limitExceeded(
  limits: SheetLimits,
  limit: SheetLimit,
  where: { rowNumber?: number; column?: number; part?: string } = {},
): AppError {
  const max = limits[limit];
  const at =
    where.rowNumber === undefined
      ? ''
      : `（第 ${where.rowNumber} 行${where.column ? `第 ${where.column} 列` : ''}）`;
  const atEn =
    where.rowNumber === undefined
      ? ''
      : ` (row ${where.rowNumber}${where.column ? `, column ${where.column}` : ''})`;
  const [zh, en] = {
    maxRows: [
      `文件超过 ${max} 行数据：请拆分文件，或用命令行导入`,
      `The file has more than ${max} data rows: split it, or use the CLI import`,
    ],
    maxUnpackedBytes: [
      `文件解压后超过 ${Math.round(max / 1024 / 1024)} MiB：请拆分文件，或用命令行导入`,
      `The file unpacks to more than ${Math.round(max / 1024 / 1024)} MiB: split it, or use the CLI import`,
    ],
    maxColumns: [
      `一行超过 ${max} 列${at}：请使用平台下载的模板`,
      `A row has more than ${max} columns${atEn}: use the platform template`,
    ],
    maxCellChars: [`单元格超过 ${max} 个字符${at}`, `A cell holds more than ${max} characters${atEn}`],
    maxInflateRatio: [
      `文件压缩比异常（解压后超过压缩大小的 ${max} 倍），疑似压缩炸弹，未读取：请用 Excel/WPS 重新保存后上传`,
      `The file unpacks to more than ${max} times its packed size, like a zip bomb, and was not read: save it again with Excel or WPS`,
    ],
  }[limit] as [string, string];
  return new AppError(CODES[limit], 413, zh, en, {
    limit,
    max,
    ...(SETTINGS[limit] ? { setting: SETTINGS[limit] } : {}),
    ...where,
  });
}
