/**
 * Data at rest (B33, C §4): after the demo load, neither the SQLite file (with its WAL) nor a
 * PostgreSQL dump contains any person's ID number in plaintext.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { promisify } from 'node:util';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { describeEachEngine } from '../../testing/engines.ts';
import { loadDemoData } from '../demo/demo.loader.ts';
import { generateDemoSubjects } from '../demo/index.ts';

const run = promisify(execFile);
const PERSONS = 300;

describeEachEngine('no plaintext ID number at rest', (getStore) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(getStore());
    await loadDemoData(t.ctx, { persons: PERSONS, organizations: 50 });
    // Exercise the paths that handle codes: staff lookups and an exception registration.
    await t.ctx.codes.registerException({
      code: '110105194912310021',
      reason: '早期签发，经核实为真实号码',
      registeredBy: 'test',
      now: t.ctx.now(),
    });
  });
  after(async () => t.close());

  async function storedBytes(): Promise<string> {
    const store = getStore();
    if (store.engine === 'sqlite') {
      const file = store.url.replace(/^sqlite:/, '');
      // Read the main file and the write-ahead log: recent pages live in the WAL until a checkpoint.
      return [file, `${file}-wal`]
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f).toString('latin1'))
        .join('\n');
    }
    const { stdout } = await run('pg_dump', ['--no-owner', '--dbname', store.url], {
      maxBuffer: 512 * 1024 * 1024,
    });
    return stdout;
  }

  it('contains no person’s citizen ID number, in the database file or dump (B33)', async () => {
    const bytes = await storedBytes();
    const { persons } = generateDemoSubjects({ persons: PERSONS, organizations: 0 });
    assert.ok(
      bytes.includes('HA-ZJJ'),
      'the search sees stored ASCII text (a department code), so it would see an ID number',
    );
    const found = [...persons.map((p) => p.code), '110105194912310021'].filter((code) =>
      bytes.includes(code),
    );
    assert.deepEqual(found, []);
  });

  it('still finds the subjects by their code (the blind index works)', async () => {
    const { persons } = generateDemoSubjects({ persons: 3, organizations: 0 });
    for (const p of persons) assert.equal((await t.ctx.subjects.findByCode(p.code))?.name, p.name);
  });
});
