/**
 * Issue 14 §7: tests fail only for a reason, and CI keeps `npm run check` green. `.ci/checks` (run by
 * `.ci/run`) is exercised here with stand-ins for `npx` and `npm` that record what they were asked.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, globSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-ci-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs .ci/checks with `npx biome`, `npx tsc` and `npm test` answering as told. */
async function checks(answers: { biome: number; tsc: number; test: { out: string; status: number } }) {
  const bin = mkdtempSync(path.join(dir, 'bin-'));
  const calls = path.join(bin, 'calls.log');
  writeFileSync(
    path.join(bin, 'npx'),
    `#!/usr/bin/env bash\necho "npx $*" >> ${calls}\ncase "$1" in biome) exit ${answers.biome};; tsc) exit ${answers.tsc};; esac\nexit 9\n`,
  );
  writeFileSync(
    path.join(bin, 'npm'),
    `#!/usr/bin/env bash\necho "npm $*" >> ${calls}\nprintf '%s\\n' ${JSON.stringify(answers.test.out)}\nexit ${answers.test.status}\n`,
  );
  chmodSync(path.join(bin, 'npx'), 0o755);
  chmodSync(path.join(bin, 'npm'), 0o755);
  const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(
      'bash',
      [path.join(root, '.ci/checks')],
      { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } },
      (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
    );
  });
  const lastLine = result.stdout.trimEnd().split('\n').at(-1);
  return { ...result, lastLine, calls: readFileSync(calls, 'utf8').trim().split('\n') };
}

describe('CI (issue 14 §7)', () => {
  it('issue 14 §7: .ci/run ends in .ci/checks: Biome and tsc, then exactly `npm test`', async () => {
    const run = readFileSync(path.join(root, '.ci/run'), 'utf8');
    assert.match(run, /\nexec bash \.ci\/checks\b[^\n]*\n$/);
    const ok = await checks({ biome: 0, tsc: 0, test: { out: '12 passed, 0 failed, 0 skipped', status: 0 } });
    assert.deepEqual(ok.calls, [
      'npx biome check .',
      'npx tsc --noEmit -p tsconfig.json',
      'npx tsc --noEmit -p web/tsconfig.json',
      'npm test',
    ]);
    assert.equal(ok.lastLine, '12 passed, 0 failed, 0 skipped');
    assert.equal(ok.code, 0);
  });

  it('issue 14 §7: a failed Biome or tsc check is a failed test in the closing line', async () => {
    const lint = await checks({
      biome: 1,
      tsc: 0,
      test: { out: '12 passed, 0 failed, 1 skipped', status: 0 },
    });
    assert.equal(lint.lastLine, '12 passed, 1 failed, 1 skipped');
    assert.notEqual(lint.code, 0);
    const both = await checks({
      biome: 1,
      tsc: 2,
      test: { out: '12 passed, 3 failed, 0 skipped', status: 1 },
    });
    assert.equal(both.lastLine, '12 passed, 6 failed, 0 skipped', 'tsc fails on both projects here');
    assert.equal(both.calls.at(-1), 'npm test', 'the tests run even when a static check failed');
  });

  it('issue 14 §7: tests that end without their closing line, or fail without counting, fail', async () => {
    const crashed = await checks({ biome: 0, tsc: 0, test: { out: 'Segmentation fault', status: 139 } });
    assert.equal(crashed.lastLine, '0 passed, 1 failed, 0 skipped');
    assert.notEqual(crashed.code, 0);
    const uncounted = await checks({
      biome: 0,
      tsc: 0,
      test: { out: '3 passed, 0 failed, 0 skipped', status: 1 },
    });
    assert.equal(uncounted.lastLine, '3 passed, 1 failed, 0 skipped');
  });

  it('issue 14 §7, issue 17: `npm run check` is Biome, tsc (platform and web) and the tests, as CI runs them', () => {
    const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
    assert.equal(
      scripts.check,
      'biome check . && tsc --noEmit -p tsconfig.json && tsc --noEmit -p web/tsconfig.json && node scripts/test.ts',
    );
    assert.equal(scripts.typecheck, 'tsc --noEmit -p tsconfig.json && tsc --noEmit -p web/tsconfig.json');
    assert.equal(scripts.test, 'node scripts/test.ts');
  });
});

it('issue 14 §7: no test measures time — timings belong in bench/, where a loaded machine cannot fail them', () => {
  const clocks = /performance\.now\(|process\.hrtime|console\.time\(/;
  const timed = globSync(['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'], {
    cwd: root,
  }).filter((file) => clocks.test(readFileSync(path.join(root, file), 'utf8')));
  assert.deepEqual(timed, []);
});
