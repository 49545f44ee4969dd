import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

/** One anchor log per database: the log of another database would (rightly) not match its chain. */
const anchorLogs = new Map<string, string>();
const anchorLogOf = (databaseUrl: string) => {
  if (!anchorLogs.has(databaseUrl)) {
    anchorLogs.set(databaseUrl, path.join(dataDir, `anchors-${anchorLogs.size}.jsonl`));
  }
  return anchorLogs.get(databaseUrl)!;
};

async function xinyong(args: string[], databaseUrl: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        XINYONG_DATA_DIR: dataDir,
        XINYONG_AUDIT_ANCHOR_FILE: anchorLogOf(databaseUrl),
      },
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

  it('issue 14 §2: audit anchor without --day anchors the head now; cutting the newest entries off is then caught', async () => {
    const store = getStore();
    const [, last] = await appendAuditMany(store, [sampleEntry(4), sampleEntry(5)]);
    const r = await xinyong(['audit', 'anchor'], store.url);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`head anchored at .*: seq ${last!.seq}, sm3 ${last!.hash}`));
    const lines = readFileSync(anchorLogOf(store.url), 'utf8').trim().split('\n');
    assert.equal(JSON.parse(lines.at(-1)!).seq, last!.seq);
    const ok = await xinyong(['audit', 'verify'], store.url);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /1 日锚点 \/ stored day, 0 公布 \/ published, 2 外部日志 \/ external log/);
    // Cut the newest entry off and set the head back to the one before, as an administrator would.
    const before = last!.seq - 1;
    const previous = await store.db
      .selectFrom('audit_entries')
      .select('hash')
      .where('seq', '=', before)
      .executeTakeFirstOrThrow();
    await sql`delete from audit_entries where seq = ${last!.seq}`.execute(store.db);
    await sql`update audit_head set seq = ${before}, hash = ${previous.hash}`.execute(store.db);
    const cut = await xinyong(['audit', 'verify'], store.url);
    assert.equal(cut.code, 1, cut.stdout);
    assert.match(
      cut.stderr,
      new RegExp(
        `seq ${last!.seq} anchor_mismatch: external anchor .* names seq ${last!.seq} but the chain ends at ${before}`,
      ),
    );
  });

  it('issue 14 §2: verify exits 1 listing every broken link after tampering, not only the first (A20, B33)', async () => {
    const store = getStore();
    await sql`update audit_entries set purpose = 'x' where seq = 2`.execute(store.db);
    await sql`update audit_entries set target_id = 'y' where seq = 3`.execute(store.db);
    const r = await xinyong(['audit', 'verify'], store.url);
    assert.equal(r.code, 1, r.stdout);
    // the two edits, and the external anchor beyond the end the previous test cut
    assert.match(r.stderr, /broken at seq 2: hash_mismatch — 3 处 \/ break\(s\) in all/);
    assert.match(r.stderr, /- seq 2 hash_mismatch: entry 2/);
    assert.match(r.stderr, /- seq 3 hash_mismatch: entry 3/);
    assert.match(r.stderr, /- seq \d+ anchor_mismatch: external anchor/);
  });
});
