import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { backgroundThreads } from '../../platform/concurrency/thread-priority.ts';
import { codePool } from './code-pool.service.ts';

describe('code-check threads', {
  skip: existsSync('/proc/thread-self') ? false : 'no /proc (not Linux)',
}, () => {
  it('issue 14 §6: the code-check threads run in the background, below the answering thread', async () => {
    const before = backgroundThreads().length;
    const pool = codePool(() => Buffer.alloc(32, 1), 2)!;
    await Promise.all(
      pool.check(
        Array.from({ length: 2000 }, () => '91320800000000000X'),
        '2026-12-07',
      ),
    );
    assert.equal(backgroundThreads().length, before + 2);
    await pool.close();
  });
});
