import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  checkpointPath,
  emptyTotals,
  fingerprint,
  type ImportCheckpoint,
  readCheckpoint,
  resumeConflict,
  writeCheckpoint,
} from './import-checkpoint.file.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-checkpoint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI import checkpoint (resumable without duplicates)', () => {
  const file = path.join(dir, 'data.csv');
  writeFileSync(file, 'a,b\n1,2\n');
  const checkpoint = (): ImportCheckpoint => ({
    format: 1,
    file: fingerprint(file),
    item: 'admin-penalty',
    provider: 'HA-TAX',
    mode: 'accept_valid',
    committedRow: 5001,
    rows: 5000,
    batches: 1,
    totals: { ...emptyTotals(), created: 5000 },
    errorsBytes: 99,
    complete: false,
    updatedAt: '2026-11-26T00:00:00.000Z',
  });

  it('reads back what it wrote; no checkpoint means a fresh start', () => {
    assert.equal(readCheckpoint(file), undefined);
    writeCheckpoint(file, checkpoint());
    assert.deepEqual(readCheckpoint(file), checkpoint());
  });

  it('resumes only the same file with the same item, provider and mode', () => {
    const current = {
      file: fingerprint(file),
      item: 'admin-penalty',
      provider: 'HA-TAX',
      mode: 'accept_valid',
    };
    assert.equal(resumeConflict(checkpoint(), current), undefined);
    assert.equal(resumeConflict(checkpoint(), { ...current, provider: 'HA-GSJ' }), 'provider');
    assert.equal(resumeConflict(checkpoint(), { ...current, mode: 'all_or_nothing' }), 'mode');
    const before = checkpoint();
    writeFileSync(file, 'a,b\n1,3\n'); // same size, other content
    utimesSync(file, new Date(before.file.mtimeMs / 1000), new Date(before.file.mtimeMs / 1000));
    assert.equal(resumeConflict(before, { ...current, file: fingerprint(file) }), 'file');
  });

  it('says a damaged checkpoint is damaged instead of guessing', () => {
    writeFileSync(checkpointPath(file), '{"format":1,');
    assert.throws(() => readCheckpoint(file), { code: 'IMPORT_CHECKPOINT_INVALID' });
  });
});
