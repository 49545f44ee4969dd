import { createRequire } from 'node:module';
import { PassThrough, pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { createInflateRaw, type InflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError, badRequest } from '../../platform/errors.ts';
import { cellText } from './cell-text.ts';
import {
  DEFAULT_UPLOAD_LIMITS,
  INFLATE_RATIO_GRACE_BYTES,
  limitExceeded,
  type SheetLimits,
} from './sheet-limits.ts';
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
type ZipEntry = {
  path: string;
  flags: number;
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
  offsetToLocalFileHeader: number;
};
type ZipDirectory = { files: ZipEntry[] };
const unzipper = createRequire(import.meta.url)('unzipper') as {
  Open: {
    custom(source: { stream(offset: number): Readable; size(): Promise<number> }): Promise<ZipDirectory>;
  };
};

/**
 * The bytes of an archive, wherever they are: an uploaded buffer (`bufferArchive`), or a file on disk
 * (`fileArchive` in xlsx-archive.file.ts, for the CLI import).
 */
export type ArchiveSource = {
  size: number;
  /** `length` bytes from `at` (fewer past the end) */
  read(at: number, length: number): Buffer;
  /** the bytes from `start` up to `end` (exclusive; the end of the archive when left out) */
  stream(start: number, end?: number): Readable;
};

export function bufferArchive(bytes: Buffer): ArchiveSource {
  return {
    size: bytes.length,
    read: (at, length) => bytes.subarray(at, at + length),
    stream: (start, end) => Readable.from(slices(bytes.subarray(start, end))),
  };
}

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
  input: Buffer | ArchiveSource,
  options: {
    skipSheets?: readonly string[];
    progress?: (fraction: number) => void;
    limits?: SheetLimits;
  } = {},
): AsyncGenerator<SheetRow> {
  const limits = options.limits ?? DEFAULT_UPLOAD_LIMITS;
  const archive = Buffer.isBuffer(input) ? bufferArchive(input) : input;
  let directory: ZipDirectory;
  try {
    refuseCrowdedArchive(archive);
    directory = await unzipper.Open.custom({
      stream: (offset) => archive.stream(offset),
      size: async () => archive.size,
    });
  } catch (error) {
    throw readerError(error);
  }
  for (const file of directory.files) refuseDeclaredBomb(file, limits);
  // Every part read counts towards the unpacked size, each is read through a guard (see PartGuard).
  const unpacked = { bytes: 0 };
  const read = (file: ZipEntry, worksheet = false) => {
    const { packed, unpack } = partStreams(archive, file);
    // The inflater's `bytesWritten`: the packed bytes it has consumed so far.
    const packedIn = () => ('bytesWritten' in unpack ? unpack.bytesWritten : Number.POSITIVE_INFINITY);
    const guard = new PartGuard({ limits, unpacked, part: file.path, packedIn, worksheet });
    pipeline(packed, unpack, guard, () => {});
    return guard;
  };
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
    if (rels) await reader._parseRels(read(rels));
    if (workbook) await reader._parseWorkbook(read(workbook));
    const strings = entry('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(read(strings)));
    const styles = entry('xl/styles.xml');
    if (styles) await reader._parseStyles(read(styles));
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
    const stream = read(data.file, true);
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
      // A cell addressed far to the right (r="XFD1", or further) makes a sparse row this long.
      if (values.length - 1 > limits.maxColumns)
        throw limitExceeded(limits, 'maxColumns', { rowNumber: row.number });
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
      if (cells.some((c) => c !== '')) yield { rowNumber: row.number, cells };
    }
  } catch (error) {
    throw readerError(error);
  }
}

/** Entries an xlsx may list: a workbook has a few dozen parts (sheets, styles, drawings, images). */
export const MAX_ZIP_ENTRIES = 10_000;

/**
 * Refuses an archive whose directory lists more entries than a workbook has, before the directory is
 * read (the zip reader would build an object per entry).
 */
function refuseCrowdedArchive(archive: ArchiveSource): void {
  const TAIL = 22 + 0xffff; // the end record and the longest comment
  const tail = archive.read(Math.max(0, archive.size - TAIL), TAIL);
  // The end-of-central-directory record: "PK\x05\x06", its entry count at offset 10.
  const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end >= 0 && end + 12 <= tail.length) {
    const entries = tail.readUInt16LE(end + 10);
    if (entries !== 0xffff && entries > MAX_ZIP_ENTRIES)
      throw notAWorkbook(`the archive lists ${entries} entries; a workbook has a few dozen`);
  }
}

/** What a part's directory entry declares is refused before a byte of it is unpacked. */
function refuseDeclaredBomb(file: ZipEntry, limits: SheetLimits): void {
  if (
    file.uncompressedSize > INFLATE_RATIO_GRACE_BYTES &&
    file.uncompressedSize > limits.maxInflateRatio * file.compressedSize
  )
    throw limitExceeded(limits, 'maxInflateRatio', { part: file.path });
  if (file.uncompressedSize > limits.maxUnpackedBytes)
    throw limitExceeded(limits, 'maxUnpackedBytes', { part: file.path });
}

/**
 * A part's packed bytes (after its local header, as long as its directory entry says, never past the
 * archive's end) and the stream that unpacks them. Unpacked here rather than by the zip reader so
 * that the guard can weigh the bytes coming out against the packed bytes gone in.
 */
function partStreams(
  archive: ArchiveSource,
  file: ZipEntry,
): { packed: Readable; unpack: InflateRaw | PassThrough } {
  if ((file.flags & 0x01) !== 0) throw notAWorkbook(`${file.path} is encrypted`);
  if (file.compressionMethod !== 0 && file.compressionMethod !== 8)
    throw notAWorkbook(`${file.path} is packed with method ${file.compressionMethod}`);
  const at = file.offsetToLocalFileHeader;
  const header = archive.read(at, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50)
    throw notAWorkbook(`no local header for ${file.path}`);
  const start = at + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const end = Math.min(archive.size, start + file.compressedSize);
  return {
    packed: archive.stream(start, Math.max(start, end)),
    unpack: file.compressionMethod === 8 ? createInflateRaw() : new PassThrough(),
  };
}

function* slices(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
}

const LT = 0x3c;
const isDelimiter = (b: number | undefined) =>
  b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * A part's unpacked bytes on their way to the XML parser, refused as soon as they go past a limit,
 * so nothing the parser holds can grow past the limits:
 * - the unpacked size of all parts read together (`maxUnpackedBytes`), and of this part against its
 *   packed size (`maxInflateRatio`): the declared sizes may lie, the bytes counted here do not;
 * - the bytes between two `<`, i.e. a cell's text or a tag (`maxCellChars`, at most 4 bytes a
 *   character: UTF-8 and `&lt;` included): the parser holds a text node whole until it ends;
 * - in a worksheet, the `<c` elements of a `<row` (`maxColumns`): the reader holds a row whole.
 * Exact counts (characters of a cell, rows) are checked again on the parsed rows.
 */
class PartGuard extends Transform {
  private partBytes = 0;
  private run = 0;
  private cells = 0;
  /** bytes after a `<` at the end of the last chunk, to classify the tag with the next one */
  private carry: Buffer | undefined;
  private readonly maxRun: number;
  private readonly limits: SheetLimits;
  private readonly unpacked: { bytes: number };
  private readonly part: string;
  private readonly packedIn: () => number;
  private readonly worksheet: boolean;

  constructor(options: {
    limits: SheetLimits;
    /** unpacked bytes of all parts read so far */
    unpacked: { bytes: number };
    part: string;
    /** packed bytes of this part consumed so far (infinite for a stored part) */
    packedIn: () => number;
    worksheet: boolean;
  }) {
    super();
    ({
      limits: this.limits,
      unpacked: this.unpacked,
      part: this.part,
      packedIn: this.packedIn,
      worksheet: this.worksheet,
    } = options);
    this.maxRun = this.limits.maxCellChars * 4 + 1024;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.partBytes += chunk.length;
      this.unpacked.bytes += chunk.length;
      if (
        this.partBytes > INFLATE_RATIO_GRACE_BYTES &&
        this.partBytes > this.limits.maxInflateRatio * Math.max(1, this.packedIn())
      )
        throw limitExceeded(this.limits, 'maxInflateRatio', { part: this.part });
      if (this.unpacked.bytes > this.limits.maxUnpackedBytes)
        throw limitExceeded(this.limits, 'maxUnpackedBytes', { part: this.part });
      this.scan(chunk);
      done(null, chunk);
    } catch (error) {
      done(error as Error);
    }
  }

  private scan(chunk: Buffer): void {
    if (this.carry) {
      const joined = Buffer.concat([this.carry, chunk.subarray(0, 4)]);
      this.carry = undefined;
      this.tag(joined, 0, joined.length);
    }
    let from = 0;
    for (;;) {
      const lt = chunk.indexOf(LT, from);
      this.run += (lt < 0 ? chunk.length : lt) - from;
      if (this.run > this.maxRun) throw limitExceeded(this.limits, 'maxCellChars', { part: this.part });
      if (lt < 0) return;
      this.run = 0;
      if (this.worksheet) {
        if (lt + 5 <= chunk.length) this.tag(chunk, lt + 1, chunk.length);
        else this.carry = chunk.subarray(lt + 1);
      }
      from = lt + 1;
    }
  }

  /** The tag whose name starts at `at`: a cell counts towards its row, a row starts the count again. */
  private tag(b: Buffer, at: number, end: number): void {
    if (!this.worksheet || at >= end) return;
    if (b[at] === 0x63 /* c */ && isDelimiter(b[at + 1])) {
      if (++this.cells > this.limits.maxColumns)
        throw limitExceeded(this.limits, 'maxColumns', { part: this.part });
    } else if (b[at] === 0x72 && b[at + 1] === 0x6f && b[at + 2] === 0x77 && isDelimiter(b[at + 3])) {
      this.cells = 0;
    }
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
