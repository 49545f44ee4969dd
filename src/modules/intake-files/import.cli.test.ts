import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { toCount } from '../../platform/db/engine.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { ensureSeedCatalog } from '../catalog/catalog.seed.ts';
import { type CatalogItemVersion, columnsOf } from '../catalog/index.ts';
import { citizenId, penaltyRow } from '../catalog/test-support.ts';
import { loadDemoData } from '../demo/demo.loader.ts';
import { blackPerson } from '../lists/test-support.ts';
import { checkpointPath, errorsPath, type ImportCheckpoint } from './import-checkpoint.file.ts';
import { cellsOf, csvText } from './test-support.ts';

const CLI = path.resolve(import.meta.dirname, '../../cli/xinyong.ts');
const run = promisify(execFile);
const ROWS = 20_000;
/** rows (data row ordinals) with a wrong check character: refused, listed once in errors.csv */
const BAD = new Set([7, 4_321, 9_999, 15_000, 19_998]);

function importCsv(item: CatalogItemVersion): string {
  const rows: string[][] = [columnsOf(item).map((c) => c.header)];
  for (let i = 1; i <= ROWS; i++) {
    const birth = `19${60 + (i % 40)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
    let code = citizenId(birth, String(100 + (i % 800)));
    if (BAD.has(i)) code = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
    rows.push(
      cellsOf(item, penaltyRow({ providerRecordId: `CLI-${i}`, subject: { code, name: `王${i % 50}` } })),
    );
  }
  return csvText(rows);
}

describeEachEngine('xinyong import: killed mid-way and resumed, no duplicates (B16)', (getStore) => {
  let t: TestApp;
  let dir: string;
  let file: string;
  let env: Record<string, string>;
  const args = (target = file, ...more: string[]) => [
    'import',
    target,
    '--item',
    'admin-penalty',
    '--provider',
    'HA-TAX',
    '--batch-size',
    '400',
    ...more,
  ];
  const xinyong = (argv: string[]) =>
    run(process.execPath, [CLI, ...argv], { env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  let item: CatalogItemVersion;
  const rowsFor = (prefix: string, n: number, bad: readonly number[] = []) => {
    const out = [columnsOf(item).map((c) => c.header)];
    for (let i = 1; i <= n; i++) {
      const code = citizenId('19900101', String(100 + (i % 800)));
      const subject = {
        code: bad.includes(i) ? `${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'}` : code,
        name: '赵敏',
      };
      out.push(cellsOf(item, penaltyRow({ providerRecordId: `${prefix}${i}`, subject })));
    }
    return out;
  };

  before(async () => {
    t = await createTestApp(getStore());
    await loadDemoData(t.ctx, { persons: 1, organizations: 1 });
    await ensureSeedCatalog(t.ctx.store, t.ctx.now(), t.ctx.rowWriter);
    dir = mkdtempSync(path.join(tmpdir(), 'xinyong-import-'));
    file = path.join(dir, '行政处罚.csv');
    item = (await t.ctx.catalog.current('admin-penalty'))!;
    writeFileSync(file, importCsv(item));
    env = { ...process.env, DATABASE_URL: getStore().url, XINYONG_DATA_DIR: t.ctx.config.dataDir } as Record<
      string,
      string
    >;
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const imported = async (prefix = 'CLI-') => {
    const row = await t.ctx.store.db
      .selectFrom('records')
      .select((eb) => [
        eb.fn.countAll().as('versions'),
        eb.fn.count('provider_record_id').distinct().as('records'),
      ])
      .where('provider_department', '=', 'HA-TAX')
      .where('provider_record_id', 'like', `${prefix}%`)
      .executeTakeFirstOrThrow();
    return { versions: toCount(row.versions), records: toCount(row.records) };
  };

  it('SIGKILL after some batches, rerun resumes: exact count, no duplicate, each refusal listed once', async () => {
    const child = spawn(process.execPath, [CLI, ...args()], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, s) => resolve(s)));
    let seen: ImportCheckpoint | undefined;
    for (let waited = 0; waited < 120_000 && child.exitCode === null; waited += 5) {
      if (existsSync(checkpointPath(file))) {
        seen = JSON.parse(readFileSync(checkpointPath(file), 'utf8')) as ImportCheckpoint;
        if (seen.committedRow >= 2_000) break;
      }
      await sleep(5);
    }
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL', `the import was still running when killed\n${stderr}`);
    const atKill = JSON.parse(readFileSync(checkpointPath(file), 'utf8')) as ImportCheckpoint;
    assert.equal(atKill.complete, false);
    assert.ok(atKill.committedRow < ROWS, 'killed mid-way');
    const partial = await imported();
    assert.ok(partial.versions >= atKill.totals.created, 'every checkpointed batch is in the database');
    assert.ok(partial.versions < ROWS - BAD.size);

    const resumed = await xinyong(args());
    assert.equal(resumed.code, 1, 'exit 1: some rows were refused');
    assert.match(resumed.stdout, /resumed after row/);

    assert.deepEqual(await imported(), { versions: ROWS - BAD.size, records: ROWS - BAD.size });
    const done = JSON.parse(readFileSync(checkpointPath(file), 'utf8')) as ImportCheckpoint;
    assert.equal(done.complete, true);
    assert.equal(done.totals.created + done.totals.unchanged, ROWS - BAD.size);
    assert.equal(done.totals.refused, BAD.size);
    const errorLines = readFileSync(errorsPath(file), 'utf8').trim().split(/\r\n/);
    assert.equal(errorLines.length, 1 + BAD.size, 'header + one line per refused row, none twice');
    assert.deepEqual(
      errorLines.slice(1).map((l) => Number(l.split(',')[0])),
      [...BAD].map((i) => i + 1),
      'spreadsheet row numbers (header = row 1)',
    );

    const again = await xinyong(args());
    assert.match(again.stdout, /already imported/);
    assert.deepEqual(await imported(), { versions: ROWS - BAD.size, records: ROWS - BAD.size });
  });

  it('imports an xlsx file through the streaming reader', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(item.name);
    for (const cells of rowsFor('XLSX-', 30)) sheet.addRow(cells);
    const xlsx = path.join(dir, 'penalties.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const r = await xinyong(args(xlsx));
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await imported('XLSX-'), { versions: 30, records: 30 });
  });

  it('all-or-nothing: one bad row anywhere in the file writes nothing (checked before any batch)', async () => {
    const csv = path.join(dir, 'aon.csv');
    writeFileSync(csv, csvText(rowsFor('AON-', 900, [850])));
    const r = await xinyong(args(csv, '--mode', 'all_or_nothing'));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /nothing written/);
    assert.deepEqual(await imported('AON-'), { versions: 0, records: 0 });
    assert.equal(existsSync(checkpointPath(csv)), false, 'nothing committed, nothing to resume');
    const lines = readFileSync(errorsPath(csv), 'utf8').trim().split(/\r\n/);
    assert.equal(lines.length, 2);
    assert.match(lines[1]!, /^851,AON-850,/);
  });

  it('refuses to resume a changed file; --restart imports it again without duplicates', async () => {
    const csv = path.join(dir, 'changed.csv');
    writeFileSync(csv, csvText(rowsFor('CHG-', 10)));
    assert.equal((await xinyong(args(csv))).code, 0);
    writeFileSync(csv, csvText(rowsFor('CHG-', 12)));
    const refused = await xinyong(args(csv));
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /IMPORT_CHECKPOINT_MISMATCH/);
    const restarted = await xinyong(args(csv, '--restart'));
    assert.equal(restarted.code, 0, restarted.stderr);
    assert.match(restarted.stdout, /created 2 · 未变化 unchanged 10 /);
    assert.deepEqual(await imported('CHG-'), { versions: 12, records: 12 });
  });

  it('a black list imported from the command line becomes list entries like any other channel (issue 5 point 1)', async () => {
    const black = (await t.ctx.catalog.current('blacklist-person'))!;
    const csv = path.join(dir, 'black.csv');
    const rows = [columnsOf(black).map((c) => c.header)];
    for (let i = 1; i <= 3; i++) {
      rows.push(
        cellsOf(
          black,
          blackPerson(`BL-${i}`, { code: citizenId('19800101', String(300 + i)), name: `钱${i}` }),
        ),
      );
    }
    writeFileSync(csv, csvText(rows));
    // This process's check index is loaded and warm before another process imports (decision 0011).
    const decisionOf = async () =>
      (
        await t.ctx.checks.run({
          actor: {
            kind: 'system',
            apiKeyId: 'cli-test',
            departmentCode: 'HA-CZJ',
            regionCode: null,
            permissions: ['checks.run'],
          },
          scenario: 'high_consumption',
          purpose: '高消费限制核查',
          subjects: [{ code: citizenId('19800101', '301') }],
        })
      ).results[0]!.decision;
    assert.equal(await decisionOf(), 'none');
    const r = await xinyong(['import', csv, '--item', 'blacklist-person', '--provider', 'HA-FY']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(
      await decisionOf(),
      'block',
      'the import of another process counts at the next check here (C §5(2))',
    );
    const entries = await t.ctx.store.db
      .selectFrom('list_entries')
      .select(['list_type', 'ground'])
      .where('provider_department', '=', 'HA-FY')
      .execute();
    assert.equal(entries.length, 3);
    assert.ok(entries.every((e) => e.list_type === 'black' && e.ground === 'A6(7)'));
  });

  it('W13, A9: a late list decision imported from the command line is written, and the summary counts it as PUSH_LATE', async () => {
    const black = (await t.ctx.catalog.current('blacklist-person'))!;
    const csv = path.join(dir, 'late.csv');
    const late = blackPerson(
      'LATE-1',
      { code: citizenId('19800101', '401'), name: '孙一' },
      { identifiedOn: '2026-01-05' },
      { validUntil: '2029-01-04' },
    );
    writeFileSync(csv, csvText([columnsOf(black).map((c) => c.header), cellsOf(black, late)]));
    const r = await xinyong(['import', csv, '--item', 'blacklist-person', '--provider', 'HA-FY']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /新增 created 1 /);
    assert.match(r.stdout, /written with a warning: PUSH_LATE 1（/);
  });
});
