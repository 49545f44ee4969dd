/**
 * Test support for file intake: the full app with demo data, rows of a catalog item as sheet cells, a GB18030 encoder and a zip reader to search every
 * part of an xlsx for a value.
 */
import { TextDecoder } from 'node:util';
import { inflateRawSync } from 'node:zlib';
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
