/**
 * Test support for file intake: the full app with demo data, rows of a catalog item as sheet cells, a GB18030 encoder and a zip reader to search every
 * part of an xlsx for a value.
 */
import { TextDecoder } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { createTestApp, relaxedPolicy, type TestApp } from '../../testing/app.ts';
import type { TestStore } from '../../testing/engines.ts';
import { ensureSeedCatalog } from '../catalog/catalog.seed.ts';
import { type CatalogItemVersion, columnsOf } from '../catalog/index.ts';
import { loadDemoData } from '../demo/demo.loader.ts';

export const UPLOAD_URL = '/api/v1/records/upload';

/** The full test app with demo data and the seed catalog, under relaxed rate limits. */
export async function uploadTestApp(store: TestStore, now: () => string): Promise<TestApp> {
  const full = await createTestApp(store, { now, policy: await relaxedPolicy() });
  await loadDemoData(full.ctx, { persons: 4, organizations: 2 });
  await ensureSeedCatalog(store, now(), full.ctx.rowWriter);
  return full;
}

/** A submitted row as the cells of the item's template columns, in template order. */
export function cellsOf(version: CatalogItemVersion, row: Record<string, unknown>): string[] {
  return columnsOf(version).map((c) => {
    const [head, tail] = c.target.split('.', 2) as [string, string | undefined];
    const value = tail === undefined ? row[head] : (row[head] as Record<string, unknown> | undefined)?.[tail];
    return value === undefined || value === null ? '' : String(value);
  });
}

export function csvText(rows: readonly (readonly string[])[]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

let gbTable: Map<string, Buffer> | undefined;

/** GB18030 bytes of ASCII and the two-byte (GBK) range — every character a test file needs. */
export function gb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const bytes = Buffer.from([lead, trail]);
        const char = decoder.decode(bytes);
        if (!gbTable.has(char)) gbTable.set(char, bytes);
      }
    }
  }
  const parts: Buffer[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) parts.push(Buffer.from(char, 'latin1'));
    else {
      const bytes = gbTable.get(char);
      if (!bytes) throw new Error(`no GBK encoding for ${char}`);
      parts.push(bytes);
    }
  }
  return Buffer.concat(parts);
}

/** Every entry of a zip archive (an xlsx), decompressed, as text: to prove a value is in none. */
export function zipEntryTexts(zip: Buffer): Map<string, string> {
  const entries = new Map<string, string>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart =
      localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A zip entry: its bytes as stored (deflated unless `stored`), and the sizes its headers declare. */
export type ZipPart = { path: string; packed: Buffer; stored?: boolean; declaredSize: number };

/** A part deflated whole, its sizes declared as they are. */
export function deflatedPart(path: string, text: string): ZipPart {
  const data = Buffer.from(text);
  return { path, packed: deflateRawSync(data), declaredSize: data.length };
}

/**
 * A zip archive of `parts` (local headers, data, central directory, end record), CRCs left zero: the
 * readers under test must refuse these files before they reach the end of a part.
 */
export function zipArchive(parts: readonly ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.path);
    const method = part.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(part.packed.length, 18);
    local.writeUInt32LE(part.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(part.packed.length, 20);
    entry.writeUInt32LE(part.declaredSize, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, name, part.packed);
    central.push(entry, name);
    offset += local.length + name.length + part.packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** The workbook's parts naming its one sheet, `xl/worksheets/sheet1.xml`, "data". */
const workbookParts = (): ZipPart[] => [
  deflatedPart(
    'xl/workbook.xml',
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>',
  ),
  deflatedPart(
    'xl/_rels/workbook.xml.rels',
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  ),
];

/** A workbook of one sheet whose XML is `rows` (row elements), packed as it is. */
export function xlsxOfSheetXml(rows: string): Buffer {
  return zipArchive([
    ...workbookParts(),
    deflatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD + rows + SHEET_TAIL),
  ]);
}

/**
 * A zip bomb shaped as a workbook: its sheet is `unit` repeated until it unpacks to `unpackedBytes`
 * (2 GiB packs to about 2 MB: a deflate block of 1 MiB of the unit, flushed so that it stands alone,
 * written again and again). `declaredSize` is what the headers claim: the truth, or a lie.
 */
export function bombXlsx(options: {
  unit: string;
  unpackedBytes: number;
  declaredSize?: number;
  /** XML after the sheet's opening, before the repeated unit (e.g. a cell's opening tags) */
  prefix?: string;
}): Buffer {
  const unit = Buffer.from(options.unit);
  const block = Buffer.alloc(Math.floor((1024 * 1024) / unit.length) * unit.length);
  for (let at = 0; at < block.length; at += unit.length) unit.copy(block, at);
  const flushed = (data: Buffer) => deflateRawSync(data, { finishFlush: constants.Z_FULL_FLUSH });
  const head = Buffer.from(SHEET_HEAD + (options.prefix ?? ''));
  const packedBlock = flushed(block);
  const repeats = Math.ceil(options.unpackedBytes / block.length);
  const packed = Buffer.concat([
    flushed(head),
    ...Array.from({ length: repeats }, () => packedBlock),
    deflateRawSync(Buffer.alloc(0)),
  ]);
  const size = head.length + repeats * block.length;
  return zipArchive([
    ...workbookParts(),
    {
      path: 'xl/worksheets/sheet1.xml',
      packed,
      declaredSize: Math.min(options.declaredSize ?? size, 0xffffffff),
    },
  ]);
}

/**
 * The most the JS heap grew while `run` ran, in bytes: sampled every millisecond and at the end,
 * after a full collection first (global gc when the test runner exposes it, else through V8's flag).
 */
export async function heapGrowth(run: () => Promise<unknown>): Promise<{ growth: number; error: unknown }> {
  const collect = fullGc();
  collect();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 1);
  let error: unknown;
  try {
    await run();
  } catch (caught) {
    error = caught;
  } finally {
    clearInterval(timer);
    sample();
  }
  return { growth: peak - base, error };
}

function fullGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}
