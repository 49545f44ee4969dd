import { createHash } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { AppError } from '../../platform/errors.ts';

/**
 * The CLI import's checkpoint, `FILE.xinyong-import.json` next to the input: which file (size, mtime,
 * SHA-256 of its first 64 KiB), with which options, up to which row everything is committed, the
 * totals so far, and how long the errors file was at that moment. It is rewritten (atomically: temp
 * file, fsync, rename) after each committed batch, so after a kill a restart skips exactly the
 * committed rows. Rows of a batch that was committed but not yet checkpointed are sent again; the
 * intake's idempotency on (provider, provider record id) makes them `unchanged`, never duplicates.
 */
export type ImportTotals = {
  created: number;
  unchanged: number;
  newVersion: number;
  refused: number;
  aborted: number;
  /**
   * rows written with a warning, by its code (PUSH_LATE, ALREADY_EXPIRED, …; issue 15 W13); absent in
   * older checkpoints
   */
  warnings?: Record<string, number>;
};

export type FileFingerprint = { size: number; mtimeMs: number; headSha256: string };

export type ImportCheckpoint = {
  format: 1;
  file: FileFingerprint;
  item: string;
  provider: string;
  mode: string;
  /** spreadsheet row number of the last row of the last committed batch (header = 1) */
  committedRow: number;
  rows: number;
  batches: number;
  totals: ImportTotals;
  /** byte length of FILE.errors.csv after the last committed batch: anything after it is cut on resume */
  errorsBytes: number;
  complete: boolean;
  updatedAt: string;
};

export const HEAD_BYTES = 64 * 1024;

export const checkpointPath = (file: string) => `${file}.xinyong-import.json`;
export const errorsPath = (file: string) => `${file}.errors.csv`;

export const emptyTotals = (): ImportTotals => ({
  created: 0,
  unchanged: 0,
  newVersion: 0,
  refused: 0,
  aborted: 0,
});

export function fingerprint(file: string): FileFingerprint {
  const stat = statSync(file);
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
    readSync(fd, head, 0, head.length, 0);
    return {
      size: stat.size,
      mtimeMs: Math.trunc(stat.mtimeMs),
      headSha256: createHash('sha256').update(head).digest('hex'),
    };
  } finally {
    closeSync(fd);
  }
}

export function sameFile(a: FileFingerprint, b: FileFingerprint): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.headSha256 === b.headSha256;
}

export function readCheckpoint(file: string): ImportCheckpoint | undefined {
  let text: string;
  try {
    text = readFileSync(checkpointPath(file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as ImportCheckpoint;
    if (parsed.format !== 1 || typeof parsed.committedRow !== 'number') throw new Error('format');
    return parsed;
  } catch {
    throw new AppError(
      'IMPORT_CHECKPOINT_INVALID',
      409,
      `断点文件 ${checkpointPath(file)} 已损坏：删除它或使用 --restart 重新导入（已导入的行不会重复）`,
      `The checkpoint ${checkpointPath(file)} is damaged: delete it or use --restart (imported rows are not duplicated)`,
    );
  }
}

/** Replaces the checkpoint atomically: a kill leaves either the old one or the new one, never half. */
export function writeCheckpoint(file: string, checkpoint: ImportCheckpoint): void {
  const target = checkpointPath(file);
  const temp = `${target}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, `${JSON.stringify(checkpoint, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, target);
}

/** Why a checkpoint cannot be resumed, or undefined when it can. */
export function resumeConflict(
  checkpoint: ImportCheckpoint,
  current: { file: FileFingerprint; item: string; provider: string; mode: string },
): string | undefined {
  if (!sameFile(checkpoint.file, current.file)) return 'file';
  if (checkpoint.item !== current.item) return 'item';
  if (checkpoint.provider !== current.provider) return 'provider';
  if (checkpoint.mode !== current.mode) return 'mode';
  return undefined;
}
