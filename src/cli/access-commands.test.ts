/**
 * Issue 14 §1 at the command line: `xinyong serve` is a demonstration only when told so (`--demo`,
 * which `npm run demo` passes), and then says so on start; by default it is not, and self-registration
 * is off. `xinyong user create --role subject` binds an account to a subject only with a purpose.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createAppContext } from '../app/context.ts';
import { loadDemoData } from '../modules/demo/demo.loader.ts';
import { generateDemoSubjects } from '../modules/demo/index.ts';
import { loadConfig } from '../platform/config.ts';

const CLI = path.resolve(import.meta.dirname, 'xinyong.ts');
const dataDir = mkdtempSync(path.join(tmpdir(), 'xinyong-serve-demo-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts `serve` with the arguments, asks /api/health, stops it; what it printed and answered. */
async function serve(args: string[], env: Record<string, string> = {}) {
  const { XINYONG_DEMO: _demo, XINYONG_IDENTITY_VERIFIER: _verifier, ...inherited } = process.env;
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    env: { ...inherited, XINYONG_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  try {
    const address = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /serving on (http:\/\/\S+)/.exec(out);
        if (m && /self-registration/.test(out)) resolve(m[1]!);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000).unref();
    });
    const health = (await (await fetch(`${address}/api/health`)).json()) as { demo: boolean };
    return { out, health };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

describe('issue 14 §1: serve and the demo environment', () => {
  // serve refuses a database without reference data (issue 14 §0): load it first, as a deployment does.
  before(async () => {
    const { XINYONG_DEMO: _demo, XINYONG_IDENTITY_VERIFIER: _verifier, ...inherited } = process.env;
    await promisify(execFile)(process.execPath, [CLI, 'init'], {
      env: { ...inherited, XINYONG_DATA_DIR: dataDir, DATABASE_URL: '' },
    });
  });

  it('issue 14 §1: serve is no demonstration by default: no demo verifier, nothing said', async () => {
    const { out, health } = await serve([]);
    assert.equal(health.demo, false);
    assert.doesNotMatch(out, /演示环境|Demo environment/);
    assert.match(out, /self-registration: 关闭 \/ off/);
  });

  it('issue 14 §1: serve --demo (npm run demo) switches the demo verifier on and says so on start', async () => {
    const { out, health } = await serve(['--demo']);
    assert.equal(health.demo, true);
    assert.match(out, /⚠ 演示环境/);
    assert.match(out, /⚠ Demo environment/);
    assert.match(out, /self-registration: 演示核验/);
    const scripts = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'))
      .scripts as Record<string, string>;
    assert.match(scripts.demo!, /serve --demo$/, 'npm run demo serves a demonstration');
    assert.doesNotMatch(scripts.start!, /--demo/, 'npm start does not');
  });
});

describe('issue 14 §1: xinyong user create --role subject', () => {
  const env = { XINYONG_DATA_DIR: dataDir, DATABASE_URL: `sqlite:${path.join(dataDir, 'users.db')}` };
  const context = () => createAppContext(loadConfig(env));
  const run = async (args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
        env: { ...process.env, ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('issue 14 §1: binding an account to a subject at the command line needs --purpose, recorded for the subject', async () => {
    const ctx = await context();
    try {
      await loadDemoData(ctx, { persons: 2, organizations: 1 });
    } finally {
      await ctx.close();
    }
    const person = generateDemoSubjects({ persons: 2, organizations: 1 }).persons[1]!;
    const create = ['user', 'create', '--login', 'cli.subject', '--role', 'subject', '--name', '窗口代开'];
    const without = await run([...create, '--subject-code', person.code]);
    assert.equal(without.code, 2, without.stdout);
    assert.match(without.stderr, /--purpose/);
    const made = await run([
      ...create,
      '--subject-code',
      person.code,
      '--purpose',
      '本人到窗口申请，受理单 2026-7',
    ]);
    assert.equal(made.code, 0, made.stderr);
    const after = await context();
    try {
      const subject = (await after.subjects.findByCode(person.code))!;
      const bound = await after.accountsAdmin.accountsOfSubject(subject.id);
      assert.deepEqual(
        bound.map((b) => [b.login, b.via, b.purpose, b.actorRole]),
        [['cli.subject', 'operator', '本人到窗口申请，受理单 2026-7', 'operator']],
      );
    } finally {
      await after.close();
    }
  });
});
