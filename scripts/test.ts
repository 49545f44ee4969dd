/**
 * `npm test`: every *.test.ts under src/ (and scripts/, bench/) with Node's test runner, then the
 * closing line `N passed, N failed, N skipped`. Suites that need PostgreSQL or Chromium skip with a
 * reason when those are missing, except under CI=true, where they fail instead.
 *
 * Extra arguments are passed to `node --test` (e.g. `npm test -- --test-name-pattern=B27`), and a
 * path or glob narrows the files: `npm test -- src/modules/calendar/*.test.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));
const globs = files.length > 0 ? files : ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'];

const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-test-run-'));
const countsFile = path.join(dir, 'counts.json');
const result = spawnSync(
  process.execPath,
  [
    '--test',
    `--test-concurrency=${Math.max(2, availableParallelism())}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${path.join(root, 'scripts/count-reporter.ts')}`,
    `--test-reporter-destination=${countsFile}`,
    ...flags,
    ...globs,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);

let counts = { passed: 0, failed: 0, skipped: 0 };
try {
  counts = JSON.parse(readFileSync(countsFile, 'utf8'));
} catch {
  counts.failed = Math.max(1, counts.failed);
}
rmSync(dir, { recursive: true, force: true });
if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exitCode = counts.failed > 0 || result.status !== 0 ? 1 : 0;
