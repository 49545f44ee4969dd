/**
 * The external anchor log (issue 14 §2): the chain head, written outside the database as it moves, so
 * cutting the newest entries off — or rewriting the history with every hash recomputed — is caught
 * even by whoever controls the database. Append-only JSON lines, one anchor a line:
 *
 *   {"kind":"head","at":"2026-11-26T08:05:00.000Z","seq":1234,"hash":"<64 hex>"}
 *   {"kind":"day","day":"2026-11-25","at":"…","seq":1200,"hash":"<64 hex>"}
 *
 * Each line is written with one `write` on a file opened for appending, then flushed to disk: lines of
 * several writers (the server's schedule, `xinyong audit anchor`) never interleave. Ship the file off
 * the machine (a log shipper, a mounted remote or write-once share): a copy the database's
 * administrator cannot reach is what makes it evidence. `xinyong audit verify` holds the chain to
 * every anchor in it.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Anchor } from './audit.chain.ts';

export type AnchorLine = {
  kind: 'head' | 'day';
  /** when the anchor was taken (ISO 8601 UTC) */
  at: string;
  /** the China day whose end the head is (day anchors) */
  day?: string;
  seq: number;
  hash: string;
};

export type AnchorLogContents = {
  anchors: Anchor[];
  /** lines that are not an anchor (a line cut short by a crash mid-write, an edit) */
  unreadable: number[];
};

/** Appends one anchor; creates the file (and its directory) on first use. */
export async function appendAnchorLine(file: string, line: AnchorLine): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'a', 0o640);
  try {
    const { kind, day, at, seq, hash } = line;
    await handle.write(`${JSON.stringify({ kind, ...(day === undefined ? {} : { day }), at, seq, hash })}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

const HASH = /^[0-9a-f]{64}$/;

/** Every anchor in the log, in file order (none when the file does not exist), read line by line. */
export async function readAnchorLog(file: string): Promise<AnchorLogContents> {
  const out: AnchorLogContents = { anchors: [], unreadable: [] };
  const stream = createReadStream(file, { encoding: 'utf8' });
  const opened = await new Promise<boolean>((resolve, reject) => {
    stream.once('ready', () => resolve(true));
    stream.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? resolve(false) : reject(error),
    );
  });
  if (!opened) return out;
  let number = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    number++;
    if (text.trim() === '') continue;
    const anchor = parseLine(text);
    if (anchor) out.anchors.push(anchor);
    else out.unreadable.push(number);
  }
  return out;
}

function parseLine(text: string): Anchor | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const { kind, at, day, seq, hash } = value as Record<string, unknown>;
  if (kind !== 'head' && kind !== 'day') return undefined;
  if (typeof at !== 'string' || !Number.isSafeInteger(seq) || (seq as number) < 0) return undefined;
  if (typeof hash !== 'string' || !HASH.test(hash)) return undefined;
  return {
    ...(typeof day === 'string' ? { day } : {}),
    at,
    seq: seq as number,
    hash,
    source: 'external',
  };
}
