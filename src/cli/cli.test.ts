import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { procedureStats, statsPeriod } from '../modules/procedures/procedure-stats.ts';
import { AppError } from '../platform/errors.ts';
import { describeEachEngine } from '../testing/engines.ts';
import { procedureStatsTable } from './commands/procedures.ts';
import { requireWellFormedArguments } from './usage.ts';

const CLI = path.resolve(import.meta.dirname, 'xinyong.ts');
const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'xinyong-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** One audit anchor log per database: another database's log would (rightly) not match its chain. */
const anchorLogOf = (databaseUrl: string | undefined) =>
  path.join(
    dataDir,
    `anchors-${createHash('sha256')
      .update(databaseUrl ?? '')
      .digest('hex')
      .slice(0, 12)}.jsonl`,
  );

async function xinyong(args: string[], env: Record<string, string> = {}, input?: string) {
  try {
    const pending = run(process.execPath, [CLI, ...args], {
      env: {
        ...process.env,
        XINYONG_DATA_DIR: dataDir,
        XINYONG_AUDIT_ANCHOR_FILE: anchorLogOf(env.DATABASE_URL),
        ...env,
      },
      // A command that should stop but serves instead is ended, and fails its test.
      timeout: 30_000,
    });
    if (input !== undefined) pending.child.stdin?.end(input);
    const { stdout, stderr } = await pending;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('xinyong CLI', () => {
  it('issue 14 §2: an argument that is not well-formed Unicode is refused before any command runs', () => {
    assert.doesNotThrow(() =>
      requireWellFormedArguments(['codes', 'exception', 'add', '--reason', '核实 😀']),
    );
    assert.throws(
      () => requireWellFormedArguments(['--reason', '核实\ud800']),
      (e) => e instanceof AppError && e.code === 'TEXT_NOT_WELL_FORMED' && e.details?.field === '2',
    );
  });

  it('A21, B35: procedures stats prints one line per department and the city, each party on time of those with a deadline, the share and the overdue', () => {
    const status = (closed: string | null) => ({
      state: 'review' as const,
      ground: 'wrong_or_incomplete' as const,
      filedOn: '2026-10-09',
      steps: [
        {
          step: 'review' as const,
          party: 'center' as const,
          article: 'A16',
          opened: '2026-10-09',
          due: '2026-10-23',
          provisional: false,
          closed,
        },
      ],
      outcome: null,
      verification: null,
      correction: null,
      appeal: null,
    });
    const report = procedureStats(
      statsPeriod({ quarter: '2026Q4' }, '2018-01-01', '2026-11-20'),
      [
        { providerDepartment: 'HA-GSJ', status: status('2026-10-20') },
        { providerDepartment: 'HA-GSJ', status: status('2026-10-26') },
        { providerDepartment: 'HA-GSJ', status: status(null) },
      ],
      [],
      new Map([['HA-GSJ', '淮安市市场监督管理局']]),
    );
    const lines = procedureStatsTable(report).split('\n');
    assert.match(lines[0]!, /2026Q4 2026-10-01 至 \/ to 2026-12-31，统计日 \/ as of 2026-11-20/);
    const gsj = lines.find((l) => l.startsWith('HA-GSJ'))!;
    assert.match(
      gsj,
      /^HA-GSJ +3 +0 +0 +0 \(0\/0\/0\) +0 +0 +0 +0 +0\/0 — 超期0 +1\/2 50\.0% 超期1 +0\/0 — 超期0$/,
    );
    assert.ok(lines.some((l) => l.startsWith('全市 / city')));
    assert.ok(lines.includes('  HA-GSJ  淮安市市场监督管理局'));
  });

  it('prints usage and exits 2 on an unknown command', async () => {
    const r = await xinyong(['frobnicate']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command/);
  });

  it('codes check: exit 0 when all are valid, 1 with the reason when one is not', async () => {
    const ok = await xinyong(['codes', 'check', '11010519491231002X', '440524188001010014']);
    assert.equal(ok.code, 0, ok.stderr);
    const bad = await xinyong(['codes', 'check', '11010519491231002X', '110105194912310021']);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /CODE_CHECKSUM/);
  });

  it('policy check: the shipped policy is valid; a broken one is refused with the field path', async () => {
    const ok = await xinyong(['policy', 'check', 'policies/huaian-2018.json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /huaian-2018/);
    const broken = path.join(dataDir, 'broken.json');
    writeFileSync(broken, '{ "id": "x" }');
    const bad = await xinyong(['policy', 'check', broken]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /POLICY_INVALID/);
    assert.match(bad.stderr, /version/);
  });

  it('calendar import: refuses a bad file with the path of each error', async () => {
    const file = path.join(dataDir, 'bad-2027.json');
    writeFileSync(
      file,
      JSON.stringify({
        year: 2027,
        source: 't',
        holidays: [{ date: '2027-02-30', name: '春节' }],
        makeupWorkdays: [],
      }),
    );
    const r = await xinyong(['calendar', 'import', file], {
      DATABASE_URL: `sqlite:${path.join(dataDir, 'cal.db')}`,
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /holidays\[0\]\.date/);
  });
});

describeEachEngine('xinyong init, then the first administrator (issue 14 §0)', (getStore) => {
  const count = async (table: 'departments' | 'catalog_items' | 'measures' | 'subjects' | 'accounts') => {
    const row = await getStore()
      .db.selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('issue 14 §0: serve on a migrated database without reference data says to run init or demo, and exits non-zero', async () => {
    const r = await xinyong(['serve', '--port', '0'], { DATABASE_URL: getStore().url, LOG_LEVEL: 'warn' });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /xinyong init/);
    assert.match(r.stderr, /xinyong demo/);
    assert.doesNotMatch(r.stdout, /serving on/);
  });

  it('issue 14 §0: init loads the reference data without a subject or an account, and says how to create the administrator', async () => {
    const env = { DATABASE_URL: getStore().url };
    const first = await xinyong(['init'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /xinyong user create --login admin --role admin .*--department HA-XYZX/);
    const loaded = {
      departments: await count('departments'),
      catalog: await count('catalog_items'),
      measures: await count('measures'),
    };
    assert.ok(
      loaded.departments >= 30 && loaded.catalog >= 20 && loaded.measures >= 30,
      JSON.stringify(loaded),
    );
    assert.equal(await count('subjects'), 0);
    assert.equal(await count('accounts'), 0);
    // issue 16, A16: the overdue objection steps (none on a fresh deployment); a wrong form is a usage error
    const overdue = await xinyong(['objections', 'overdue'], env);
    assert.deepEqual(
      [overdue.code, overdue.stdout.trim()],
      [0, '没有超期的异议处理步骤 / no objection step is overdue'],
    );
    assert.equal((await xinyong(['objections'], env)).code, 2);
    // issue 16, A21/B35: the procedure statistics of a period (nothing yet), as JSON and as a table
    const stats = await xinyong(
      ['procedures', 'stats', '--from', '2026-01-01', '--to', '2026-03-31', '--json'],
      env,
    );
    assert.equal(stats.code, 0, stats.stderr);
    const report = JSON.parse(stats.stdout);
    assert.deepEqual(
      [
        report.from,
        report.to,
        report.departments,
        report.city.objections.filed,
        report.city.steps.center.shareOnTime,
      ],
      ['2026-01-01', '2026-03-31', [], 0, null],
    );
    const table = await xinyong(['procedures', 'stats', '--from', '2026-01-01', '--to', '2026-03-31'], env);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /异议和信用修复统计（A21、B35）/);
    assert.match(table.stdout, /全市 \/ city +0 +0 +0 +0 \(0\/0\/0\)/);
    const noPeriod = await xinyong(['procedures', 'stats'], env);
    assert.deepEqual([noPeriod.code, /PROCEDURE_STATS_PERIOD_INVALID/.test(noPeriod.stderr)], [2, true]);
    // decision 0031: one tick of the procedures scheduler, for cron (nothing to remind on a fresh deployment)
    const tick = await xinyong(['procedures', 'tick'], env);
    assert.equal(tick.code, 0, tick.stderr);
    assert.match(tick.stdout, /0 open steps with a deadline; 0 sent now, 0 sent before/);
    assert.equal((await xinyong(['procedures'], env)).code, 2);
    const second = await xinyong(['init'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /added 0 regions, 0 departments, 0 list types, 0 catalog items, 0 measures/);
    assert.deepEqual(
      {
        departments: await count('departments'),
        catalog: await count('catalog_items'),
        measures: await count('measures'),
      },
      loaded,
    );
  });

  it('issue 14 §0: the first administrator, with a password from stdin; init then stops asking', async () => {
    const env = { DATABASE_URL: getStore().url };
    const created = await xinyong(
      [
        'user',
        'create',
        '--login',
        'admin',
        '--role',
        'admin',
        '--name',
        '平台管理员',
        '--department',
        'HA-XYZX',
        '--password-stdin',
      ],
      env,
      'Correct-Horse-Battery-42\n',
    );
    assert.equal(created.code, 0, created.stderr);
    assert.doesNotMatch(created.stdout, /Correct-Horse/, 'a password given is never printed');
    assert.equal(await count('accounts'), 1);
    assert.equal(await count('subjects'), 0);
    const again = await xinyong(['init'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stdout, /user create/);
  });
});

describeEachEngine('xinyong CLI on a database', (getStore) => {
  it('demo: a second run changes nothing', async () => {
    const env = { DATABASE_URL: getStore().url };
    const first = await xinyong(['demo'], env);
    assert.equal(first.code, 0, first.stderr);
    const countAll = async () => {
      const { db } = getStore();
      const counts = {
        regions: 0,
        departments: 0,
        subjects: 0,
        list_entries: 0,
        notifications: 0,
        records: 0,
      };
      for (const table of [
        'regions',
        'departments',
        'subjects',
        'list_entries',
        'notifications',
        'records',
      ] as const) {
        const row = await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        counts[table] = Number(row.n);
      }
      return counts;
    };
    const before = await countAll();
    assert.ok(before.subjects >= 2000, JSON.stringify(before));
    assert.ok(before.departments >= 30, JSON.stringify(before));
    // demo lists through the real intake: entries, A4 removals, A11 notices (issue 5)
    assert.ok(before.list_entries >= 50 && before.notifications >= 8, JSON.stringify(before));
    const second = await xinyong(['demo'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(
      second.stdout,
      /0 regions, 0 departments, 0 persons, 0 organizations, 0 accounts, 0 list entries/,
    );
    assert.deepEqual(await countAll(), before);
    // Every subject the demo wrote is vouched for by the audit chain (A20).
    const verify = await xinyong(['audit', 'verify'], env);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  it('calendar import: an imported year is listed and used', async () => {
    const env = { DATABASE_URL: getStore().url };
    const r = await xinyong(['calendar', 'import', 'src/modules/calendar/examples/2027.example.json'], env);
    assert.equal(r.code, 0, r.stderr);
    const years = await xinyong(['calendar', 'years'], env);
    assert.match(years.stdout, /^2027\timported/m);
    assert.match(years.stdout, /^2026\tbuilt-in/m);
  });

  it('serve: listens on the given port and answers /api/health', async () => {
    const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
      env: {
        ...process.env,
        XINYONG_DATA_DIR: dataDir,
        XINYONG_AUDIT_ANCHOR_FILE: anchorLogOf(getStore().url),
        DATABASE_URL: getStore().url,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const address = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /serving on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
        setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 15_000);
      });
      const res = await fetch(`${address}/api/health`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as { database: { engine: string } };
      assert.equal(body.database.engine, getStore().engine);
      // issue 14 §2: serve anchors the audit chain head to the external log from the start
      const log = anchorLogOf(getStore().url);
      for (let i = 0; i < 100 && !existsSync(log); i++) await new Promise((r) => setTimeout(r, 50));
      const lines = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.equal(lines.at(-1).kind, 'head');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
