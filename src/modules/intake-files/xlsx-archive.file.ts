import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import type { ArchiveSource } from './xlsx-rows.ts';

/**
 * An xlsx file on disk as the archive reader sees it (`xinyong import`): its size, a few bytes at a
 * place (the end record, a part's local header), and a part's packed bytes as a stream, 1 MiB at a time.
 */
export function fileArchive(path: string): ArchiveSource {
  const size = statSync(path).size;
  return {
    size,
    read(at, length) {
      const fd = openSync(path, 'r');
      try {
        const bytes = Buffer.alloc(Math.max(0, Math.min(length, size - at)));
        const n = readSync(fd, bytes, 0, bytes.length, at);
        return bytes.subarray(0, n);
      } finally {
        closeSync(fd);
      }
    },
    stream(start, end) {
      // createReadStream's `end` is inclusive; an empty range reads nothing.
      const last = (end ?? size) - 1;
      return createReadStream(path, { start, end: Math.max(start, last), highWaterMark: 1024 * 1024 });
    },
  };
}
