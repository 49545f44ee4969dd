import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, it } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { describeEachEngine } from '../../testing/engines.ts';
import { appendAuditMany } from './audit.repository.ts';
import { sampleEntry } from './test-support.ts';

const CLI = path.resolve(import.meta.dirname, '../../cli/xinyong.ts');
const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'xinyong-audit-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function xinyong(args: string[], databaseUrl: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, XINYONG_DATA_DIR: dataDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describeEachEngine('xinyong audit', (getStore) => {
  it('verify: exit 0 with the count and head hash on an intact trail (C §4(1))', async () => {
    const store = getStore();
    await appendAuditMany(
      store,
      [1, 2, 3].map((n) => sampleEntry(n, { at: '2020-01-10T03:00:00.000Z' })),
    );
    const r = await xinyong(['audit', 'verify'], store.url);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /audit trail intact: \d+ 条记录 \/ entries/);
    assert.match(r.stdout, /head sm3 [0-9a-f]{64}/);
  });

  it('anchor: prints the publishable head of a day; verify checks a published anchor', async () => {
    const store = getStore();
    const r = await xinyong(['audit', 'anchor', '--day', '2020-01-10'], store.url);
    assert.equal(r.code, 0, r.stderr);
    const published = /publish: (2020-01-10:3:[0-9a-f]{64})/.exec(r.stdout)?.[1];
    assert.ok(published, r.stdout);
    assert.equal((await xinyong(['audit', 'verify', '--anchor', published], store.url)).code, 0);
    const forged = `2020-01-10:3:${'1'.repeat(64)}`;
    const bad = await xinyong(['audit', 'verify', '--anchor', forged], store.url);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /seq 3: anchor_mismatch/);
    assert.equal((await xinyong(['audit', 'anchor', '--day', 'soon'], store.url)).code, 2);
  });

  it('verify: exit 1 naming the first broken link after tampering (A20, B33)', async () => {
    const store = getStore();
    await sql`update audit_entries set purpose = 'x' where seq = 2`.execute(store.db);
    const r = await xinyong(['audit', 'verify'], store.url);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /broken at seq 2: hash_mismatch/);
  });
});
