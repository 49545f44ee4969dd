import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { DEFAULT_UPLOAD_LIMITS, type SheetLimits, STREAMED_LIMITS } from './sheet-limits.ts';
import { bombXlsx, deflatedPart, heapGrowth, xlsxOfSheetXml, zipArchive } from './test-support.ts';
import { detectFormat, fileRows } from './uploaded-sheet.ts';
import { fileArchive } from './xlsx-archive.file.ts';

/** Heap a refused file may cost: the issue's bound (today a 2 GB bomb costs some 600 MB). */
const HEAP_BOUND = 64 * 1024 * 1024;
const GIB = 1024 * 1024 * 1024;

/** Reads every row of an uploaded file (a buffer) or of a file on disk, as the upload and CLI do. */
async function readAll(body: Buffer, limits: SheetLimits = DEFAULT_UPLOAD_LIMITS): Promise<number> {
  let rows = 0;
  for await (const _ of fileRows(detectFormat(body), body, limits)) rows++;
  return rows;
}

/** The refusal a read ended with: an AppError with `code`, naming the limit in its details. */
function assertRefused(error: unknown, code: string, limit: string): AppError {
  assert.ok(error instanceof AppError, `expected a refusal, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  assert.equal(error.status, 413);
  assert.equal(error.details?.limit, limit);
  return error;
}

/** A cell of row `row`, column `column` (1 = A) holding `text`. */
const cell = (text: string, row = 1, column = 1) =>
  `<c r="${columnName(column)}${row}" t="inlineStr"><is><t>${text}</t></is></c>`;
const columnName = (n: number): string =>
  n <= 26
    ? String.fromCharCode(64 + n)
    : columnName(Math.floor((n - 1) / 26)) + columnName(((n - 1) % 26) + 1);
const row = (r: number, ...cells: string[]) =>
  `<row r="${r}">${cells.map((text, i) => cell(text, r, i + 1)).join('')}</row>`;
/** Text that deflate cannot shrink much: a cell the inflate ratio does not catch. */
const noise = (length: number) => {
  let s = '';
  let x = 12345;
  while (s.length < length) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(97 + (x % 26));
  }
  return s;
};

describe('issue 14 §6: spreadsheet intake refuses hostile files while reading, with bounded memory', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-limits-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('issue 14 §6: a 2 MB xlsx that unpacks to 2 GB is refused (inflate ratio), heap growth < 64 MB', async () => {
    // One cell of 2 GB of "A": its headers telling the truth, refused from the zip's directory
    // before a byte is unpacked.
    const prefix = '<row r="1"><c r="A1" t="inlineStr"><is><t>';
    const honest = bombXlsx({ prefix, unit: 'A', unpackedBytes: 2 * GIB });
    assert.ok(honest.length < 3 * 1024 * 1024, `the bomb is small: ${honest.length} bytes`);
    const told = await heapGrowth(() => readAll(honest));
    assertRefused(told.error, 'UPLOAD_INFLATE_RATIO_EXCEEDED', 'maxInflateRatio');
    assert.ok(told.growth < HEAP_BOUND, `heap grew ${told.growth} bytes`);

    // Its headers lying (a few KB declared): refused by the bytes counted while unpacking; rows of
    // nothing, which no other limit would stop.
    const liar = bombXlsx({ unit: '<row/>', unpackedBytes: 2 * GIB, declaredSize: 4096 });
    for (const [label, limits] of [
      ['upload', DEFAULT_UPLOAD_LIMITS],
      ['CLI import', STREAMED_LIMITS],
    ] as const) {
      const { growth, error } = await heapGrowth(() => readAll(liar, limits));
      assertRefused(error, 'UPLOAD_INFLATE_RATIO_EXCEEDED', 'maxInflateRatio');
      assert.ok(growth < HEAP_BOUND, `${label}: heap grew ${growth} bytes`);
      // The same from a file on disk (the CLI import reads xlsx as an archive on disk).
      const file = path.join(dir, `bomb-${label}.xlsx`);
      writeFileSync(file, liar);
      const rows = fileRows(
        'xlsx',
        { archive: () => fileArchive(file), stream: () => assert.fail('xlsx is read as an archive') },
        limits,
      );
      await assert.rejects(
        async () => {
          for await (const _ of rows);
        },
        (e: unknown) => assertRefused(e, 'UPLOAD_INFLATE_RATIO_EXCEEDED', 'maxInflateRatio') !== undefined,
      );
    }
  });

  it('issue 14 §6: a 20 MB CSV of one cell is refused (cell length), heap growth < 64 MB', async () => {
    const csv = Buffer.alloc(20 * 1024 * 1024, 'A');
    const { growth, error } = await heapGrowth(() => readAll(csv));
    const refusal = assertRefused(error, 'UPLOAD_CELL_TOO_LONG', 'maxCellChars');
    assert.deepEqual(
      [refusal.details?.rowNumber, refusal.details?.column, refusal.details?.max],
      [1, 1, 32_767],
    );
    assert.ok(growth < HEAP_BOUND, `heap grew ${growth} bytes`);
    // Quoted, and after a header row: the same.
    const quoted = Buffer.concat([Buffer.from('a,b\r\n"x","'), Buffer.alloc(20 * 1024 * 1024, 'B')]);
    const second = await heapGrowth(() => readAll(quoted));
    assert.deepEqual(assertRefused(second.error, 'UPLOAD_CELL_TOO_LONG', 'maxCellChars').details?.column, 2);
    assert.ok(second.growth < HEAP_BOUND, `heap grew ${second.growth} bytes`);
  });

  it('issue 14 §6: an xlsx cell longer than 32,767 characters is refused, whole or still unpacking', async () => {
    // Just past the limit: counted exactly on the parsed row.
    const justPast = xlsxOfSheetXml(row(1, 'x') + row(2, 'y'.repeat(32_768)));
    await assert.rejects(readAll(justPast), (e) => {
      assert.deepEqual(assertRefused(e, 'UPLOAD_CELL_TOO_LONG', 'maxCellChars').details?.rowNumber, 2);
      return true;
    });
    // Far past it: refused by the guard before the parser holds the text (4 bytes a character).
    const farPast = xlsxOfSheetXml(row(1, noise(1_000_000)));
    const { growth, error } = await heapGrowth(() => readAll(farPast));
    assertRefused(error, 'UPLOAD_CELL_TOO_LONG', 'maxCellChars');
    assert.ok(growth < HEAP_BOUND, `heap grew ${growth} bytes`);
    // At the limit: read.
    assert.equal(await readAll(xlsxOfSheetXml(row(1, 'z'.repeat(32_767)))), 1);
  });

  it('issue 14 §6: rows wider than 256 columns are refused: many cells, or one cell far to the right', async () => {
    const wide = xlsxOfSheetXml(row(1, 'h') + row(2, ...Array.from({ length: 300 }, () => 'v')));
    await assert.rejects(
      readAll(wide),
      (e) => assertRefused(e, 'UPLOAD_TOO_MANY_COLUMNS', 'maxColumns') !== undefined,
    );
    // r="XFD1", Excel's last column: a row of 16,384 cells, all but one empty.
    const far = xlsxOfSheetXml(`<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>`);
    const { growth, error } = await heapGrowth(() => readAll(far));
    assert.equal(assertRefused(error, 'UPLOAD_TOO_MANY_COLUMNS', 'maxColumns').details?.rowNumber, 1);
    assert.ok(growth < HEAP_BOUND, `heap grew ${growth} bytes`);
    const csv = Buffer.from(`${'a,'.repeat(300)}a\r\n`);
    await assert.rejects(
      readAll(csv),
      (e) => assertRefused(e, 'UPLOAD_TOO_MANY_COLUMNS', 'maxColumns') !== undefined,
    );
    assert.equal(await readAll(Buffer.from(`${'a,'.repeat(255)}a\r\n`)), 1, '256 columns are read');
  });

  it('issue 14 §6: more data rows than the limit are refused; the header and blank rows do not count', async () => {
    const limits = { ...DEFAULT_UPLOAD_LIMITS, maxRows: 3 };
    const lines = (n: number) =>
      Buffer.from(`h\r\n\r\n${Array.from({ length: n }, (_, i) => `r${i}`).join('\r\n\r\n')}\r\n`);
    assert.equal(await readAll(lines(3), limits), 4);
    await assert.rejects(readAll(lines(4), limits), (e) => {
      assert.equal(
        assertRefused(e, 'UPLOAD_TOO_MANY_ROWS', 'maxRows').details?.setting,
        'XINYONG_UPLOAD_MAX_ROWS',
      );
      return true;
    });
    const xlsx = (n: number) =>
      xlsxOfSheetXml(Array.from({ length: n + 1 }, (_, i) => row(2 * i + 1, `r${i}`)).join(''));
    assert.equal(await readAll(xlsx(3), limits), 4);
    await assert.rejects(
      readAll(xlsx(4), limits),
      (e) => assertRefused(e, 'UPLOAD_TOO_MANY_ROWS', 'maxRows') !== undefined,
    );
    assert.equal(DEFAULT_UPLOAD_LIMITS.maxRows, 100_000, 'the upload default fits the 100,000-row template');
  });

  it('issue 14 §6: a file unpacking past the configured size is refused, CSV or xlsx', async () => {
    const limits = { ...DEFAULT_UPLOAD_LIMITS, maxUnpackedBytes: 1024 * 1024 };
    const csv = Buffer.from(`h\r\n${`${noise(100)}\r\n`.repeat(20_000)}`);
    await assert.rejects(readAll(csv, limits), (e) => {
      const error = assertRefused(e, 'UPLOAD_UNPACKED_TOO_LARGE', 'maxUnpackedBytes');
      assert.equal(error.details?.setting, 'XINYONG_UPLOAD_MAX_UNPACKED_MB');
      return true;
    });
    const rows = Array.from({ length: 20_000 }, (_, i) => row(i + 1, noise(20) + i)).join('');
    await assert.rejects(
      readAll(xlsxOfSheetXml(rows), limits),
      (e) => assertRefused(e, 'UPLOAD_UNPACKED_TOO_LARGE', 'maxUnpackedBytes') !== undefined,
    );
    assert.equal(await readAll(xlsxOfSheetXml(rows)), 20_000, 'within the default');
  });

  it('issue 14 §6: an archive listing more entries than a workbook has is refused before its directory is read', async () => {
    const parts = Array.from({ length: 10_001 }, (_, i) => deflatedPart(`x/${i}`, ''));
    await assert.rejects(readAll(zipArchive(parts)), (e: unknown) => {
      assert.ok(e instanceof AppError && e.code === 'UPLOAD_FILE_INVALID', String(e));
      assert.match(String(e.details?.reason), /10001 entries/);
      return true;
    });
  });
});
