/**
 * The command line, in process (issue 14 §6): every command answers `--help` with its own usage, and
 * `apikey create --expires` takes an instant, not any text.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { loadDemoData } from '../modules/demo/demo.loader.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { COMMANDS, main, USAGE } from './xinyong.ts';

/** Runs the CLI in this process with `env` set; its exit code and what it printed. */
async function xinyong(args: string[], env: Record<string, string> = {}) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  const log = mock.method(console, 'log', (...a: unknown[]) => out.push(a.join(' ')));
  const error = mock.method(console, 'error', (...a: unknown[]) => err.push(a.join(' ')));
  try {
    const code = await main(args);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mock.restore();
    error.mock.restore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Every form the usage text shows: [command, subcommand?] (`apikey create`, `audit verify`, `serve`). */
function forms(): [string, string | undefined][] {
  const found: [string, string | undefined][] = [];
  for (const line of USAGE.split('\n')) {
    if (!/^ {2}\S/.test(line)) continue;
    const [command, word] = line.trim().split(/\s+/);
    const sub = word && /^[a-z]+$/.test(word) ? word : undefined;
    if (!found.some(([c, s]) => c === command && s === sub)) found.push([command!, sub]);
  }
  return found;
}

describe('xinyong --help', () => {
  // A command that ran instead of answering would fail here: no database can be opened at this path.
  const env = {
    DATABASE_URL: 'sqlite:/nonexistent-xinyong-dir/none.db',
    XINYONG_DATA_DIR: '/nonexistent-xinyong-dir',
  };

  it('issue 14 §6: every command and subcommand answers --help (and -h) with its own usage, exit 0, running nothing', async () => {
    const all = forms();
    for (const name of Object.keys(COMMANDS)) {
      assert.ok(
        all.some(([command]) => command === name),
        `the usage text shows ${name}`,
      );
    }
    for (const [command, sub] of all) {
      for (const flag of ['--help', '-h']) {
        const args = [command, ...(sub ? [sub] : []), flag];
        const r = await xinyong(args, env);
        assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
        const shown = r.stdout.split('\n').filter((l) => /^ {2}xinyong /.test(l));
        assert.ok(shown.length > 0, `${args.join(' ')} prints a usage line:\n${r.stdout}`);
        for (const line of shown) {
          assert.ok(
            line.startsWith(`  xinyong ${command}`),
            `${args.join(' ')}: only its own usage, got ${line}`,
          );
          if (sub) assert.match(line, new RegExp(`\\b${command} ${sub}\\b`), `${args.join(' ')}: ${line}`);
        }
      }
    }
  });

  it('issue 14 §6: help CMD SUB answers the same as CMD SUB --help', async () => {
    const a = await xinyong(['help', 'apikey', 'create']);
    const b = await xinyong(['apikey', 'create', '--help']);
    assert.equal(a.code, 0);
    assert.equal(a.stdout, b.stdout);
    assert.match(a.stdout, /--expires INSTANT\|DATE/);
  });
});

describeEachEngine('xinyong apikey create --expires', (getStore) => {
  let t: TestApp;
  let env: Record<string, string>;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xinyong-cli-input-'));

  before(async () => {
    t = await createTestApp(getStore());
    await loadDemoData(t.ctx, { persons: 2, organizations: 2 });
    env = { DATABASE_URL: getStore().url, XINYONG_DATA_DIR: dataDir };
  });
  after(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const create = (expires: string) =>
    xinyong(
      [
        'apikey',
        'create',
        '--department',
        'HA-FGW',
        '--permissions',
        'checks.run',
        '--label',
        expires,
        '--expires',
        expires,
      ],
      env,
    );
  const stored = async (label: string) =>
    (await t.ctx.auth.apiKeys.list()).filter((k) => k.label === label).map((k) => k.expiresAt);

  it('issue 14 §6: --expires banana is refused (APIKEY_EXPIRY_INVALID) and no key is stored', async () => {
    for (const bad of ['banana', '2099-02-30T00:00:00Z', '2099-06-30T08:00:00']) {
      const r = await create(bad);
      assert.equal(r.code, 2, `${bad}: ${r.stdout}`);
      assert.match(r.stderr, /APIKEY_EXPIRY_INVALID/, bad);
      assert.deepEqual(await stored(bad), [], bad);
    }
  });

  it('issue 14 §6: an expiry with an offset is stored as ISO UTC, so it compares as an instant; a past one is refused', async () => {
    const r = await create('2099-06-30T08:00:00+08:00');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await stored('2099-06-30T08:00:00+08:00'), ['2099-06-30T00:00:00.000Z']);
    const date = await create('2099-07-01');
    assert.equal(date.code, 0, date.stderr);
    assert.deepEqual(await stored('2099-07-01'), ['2099-06-30T16:00:00.000Z'], 'a date: 00:00 China time');
    // Later than now as a string ("2020-…+08:00" > "2020-…Z" would not say), earlier as an instant.
    const past = await create('2020-01-01T07:00:00+08:00');
    assert.equal(past.code, 2);
    assert.match(past.stderr, /APIKEY_EXPIRY_INVALID/);
  });
});
