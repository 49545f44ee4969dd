import { TextDecoder } from 'node:util';
import { badRequest } from '../../platform/errors.ts';
import { DEFAULT_UPLOAD_LIMITS, limitExceeded, type SheetLimits } from './sheet-limits.ts';
import type { SheetRow } from './sheet-row.ts';

/**
 * CSV as clerks produce it (RFC 4180 plus what spreadsheet programs do): comma-separated, fields
 * optionally quoted with `""` for a quote inside, CRLF, LF or CR line ends, quoted line breaks. Row
 * numbers are the row numbers a spreadsheet program shows when it opens the file (header = 1), so a
 * clerk finds the row an error names. Blank lines keep their number and are skipped.
 *
 * Encoding: UTF-8 with or without BOM; GB18030 (which covers GBK/GB2312, what Excel on a Chinese
 * Windows writes for "CSV") when the first bytes are not valid UTF-8.
 */
export type CsvEncoding = 'utf-8' | 'gb18030';

/** Bytes looked at to decide the encoding; a later invalid byte is reported, never guessed over. */
export const ENCODING_SNIFF_BYTES = 64 * 1024;

export function detectCsvEncoding(head: Uint8Array): CsvEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  try {
    // stream: true tolerates a multi-byte character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

const encodingError = () =>
  badRequest(
    'UPLOAD_ENCODING_INVALID',
    '文件编码无法识别：请另存为 UTF-8 或 GB18030（GBK）编码的 CSV',
    'The file encoding is not recognised: save the CSV as UTF-8 or GB18030 (GBK)',
  );

/** Byte chunks → text chunks, the encoding decided on the first bytes (a UTF-8 BOM is dropped). */
export async function* decodeCsvBytes(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let head: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    if (decoder) {
      yield decode(decoder, chunk, true);
      continue;
    }
    head = concat(head, chunk);
    if (head.length >= ENCODING_SNIFF_BYTES) {
      decoder = new TextDecoder(detectCsvEncoding(head), { fatal: true });
      yield decode(decoder, head, true);
    }
  }
  if (!decoder) {
    decoder = new TextDecoder(detectCsvEncoding(head), { fatal: true });
    yield decode(decoder, head, true);
  }
  yield decode(decoder, new Uint8Array(0), false);
}

function decode(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw encodingError();
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Incremental parser: `push` text as it arrives, `end` at the end of input. A record cut by a chunk
 * boundary is kept and parsed again with the next chunk (records are short, so this costs little). A
 * record past the limits is refused as soon as it is seen (a cell longer than `maxCellChars`, more
 * than `maxColumns` cells), complete or not, so what is kept stays small: a 20 MB file of one cell is
 * refused after its first 32,767 characters.
 */
export class CsvParser {
  private rest = '';
  private rowNumber = 0;
  private readonly limits: SheetLimits;

  constructor(limits: SheetLimits = DEFAULT_UPLOAD_LIMITS) {
    this.limits = limits;
  }

  push(text: string): SheetRow[] {
    return this.parse(this.rest + text, false);
  }

  end(): SheetRow[] {
    return this.parse(this.rest, true);
  }

  private parse(buffer: string, final: boolean): SheetRow[] {
    const rows: SheetRow[] = [];
    let position = 0;
    while (position < buffer.length) {
      const record = parseRecord(buffer, position, final, this.limits, this.rowNumber + 1);
      if (!record) break;
      this.rowNumber++;
      position = record.next;
      const blank = record.cells.length === 1 && record.cells[0] === '';
      if (!blank) rows.push({ rowNumber: this.rowNumber, cells: record.cells });
    }
    this.rest = buffer.slice(position);
    if (final && this.rest.length > 0) throw new Error('CSV parser: input left over at the end');
    return rows;
  }
}

/** One record starting at `start`; undefined when the buffer ends before the record does. */
function parseRecord(
  s: string,
  start: number,
  final: boolean,
  limits: SheetLimits,
  rowNumber: number,
): { cells: string[]; next: number } | undefined {
  const cells: string[] = [];
  const tooLong = (length: number) => {
    if (length > limits.maxCellChars)
      throw limitExceeded(limits, 'maxCellChars', { rowNumber, column: cells.length + 1 });
  };
  let i = start;
  for (;;) {
    let value: string;
    if (s.charCodeAt(i) === QUOTE) {
      // Quoted field: up to the closing quote that is not doubled.
      let text = '';
      let from = i + 1;
      for (;;) {
        const q = s.indexOf('"', from);
        tooLong(text.length + (q < 0 ? s.length : q) - from);
        if (q < 0) {
          if (!final) return undefined;
          text += s.slice(from);
          i = s.length;
          break;
        }
        text += s.slice(from, q);
        if (s.charCodeAt(q + 1) === QUOTE) {
          text += '"';
          from = q + 2;
          continue;
        }
        if (q + 1 >= s.length && !final) return undefined;
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the separator is kept, as spreadsheet programs do.
      const end = fieldEnd(s, i);
      tooLong(text.length + end - i);
      value = text + s.slice(i, end);
      i = end;
    } else {
      const end = fieldEnd(s, i);
      tooLong(end - i);
      value = s.slice(i, end);
      i = end;
    }
    cells.push(value);
    if (cells.length > limits.maxColumns) throw limitExceeded(limits, 'maxColumns', { rowNumber });
    if (i >= s.length) {
      if (!final) return undefined;
      return { cells, next: i };
    }
    const c = s.charCodeAt(i);
    if (c === COMMA) {
      i++;
      if (i >= s.length && !final) return undefined;
      continue;
    }
    // Line end: CR LF, LF or CR. A CR at the very end of a chunk may be followed by LF in the next.
    if (c === CR) {
      if (i + 1 >= s.length && !final) return undefined;
      return { cells, next: s.charCodeAt(i + 1) === LF ? i + 2 : i + 1 };
    }
    return { cells, next: i + 1 };
  }
}

function fieldEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) return i;
  }
  return s.length;
}

/** Byte chunks of a CSV file → its non-blank rows with their row numbers, within `limits`. */
export async function* csvRows(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  limits: SheetLimits = DEFAULT_UPLOAD_LIMITS,
): AsyncGenerator<SheetRow> {
  const parser = new CsvParser(limits);
  for await (const text of decodeCsvBytes(counted(chunks, limits))) yield* parser.push(text);
  yield* parser.end();
}

async function* counted(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  limits: SheetLimits,
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    if (bytes > limits.maxUnpackedBytes) throw limitExceeded(limits, 'maxUnpackedBytes');
    yield chunk;
  }
}

/**
 * One CSV line (CRLF) of cells: quoted where needed, and a cell starting with = + - @ prefixed with '
 * so a spreadsheet never runs it as a formula (CSV injection).
 */
export function csvLine(cells: readonly string[]): string {
  return `${cells
    .map((cell) => {
      const safe = /^[=+\-@]/.test(cell) ? `'${cell}` : cell;
      return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
    })
    .join(',')}\r\n`;
}
