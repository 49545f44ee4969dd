/**
 * `npm test`: every *.test.ts under src/ (and scripts/, bench/) with Node's test runner, then the
 * browser suites (web/e2e, Playwright; scripts/browser-tests.ts), then the closing line
 * `N passed, N failed, N skipped` counting both. Suites that need PostgreSQL or Chromium skip with a
 * reason when those are missing, except under CI=true, where they fail instead.
 *
 * `npm run test:fast` (`--fast`): the pure and repository suites only, no browser, well under a minute — every
 * suite except those that wire the whole application (they import `src/testing/app.ts`, directly or
 * through a test-support file) or run the CLI in another process. Which suites those are is read
 * from the files themselves, so a new suite falls on the right side without a list to keep.
 *
 * Extra arguments are passed to `node --test` (e.g. `npm test -- --test-name-pattern=B27`), and a
 * path or glob narrows the files: `npm test -- src/modules/calendar/*.test.ts` (node suites only),
 * `npm test -- web/e2e` (browser suites only; `web/e2e/shell.spec.ts`, one file).
 */
import { spawnSync } from 'node:child_process';
import { globSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { type Counts, runBrowserTests, selection } from './browser-tests.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const fast = args.includes('--fast');
const files = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-') && a !== '--fast');
const DEFAULT_GLOBS = ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'];

/** Whether a suite wires the whole app or runs the CLI in a process of its own (the full run's share). */
export function wiresTheApp(
  file: string,
  read: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): boolean {
  const text = read(file);
  // a child process started directly, or through promisify (the CLI, pg_dump, a second app process)
  if (/\b(spawn|spawnSync|execFile|execFileSync|fork)\(|promisify\((execFile|exec)\)/.test(text)) return true;
  const imports = [...text.matchAll(/from\s+'(\.[^']+)'/g)].map((m) =>
    path.resolve(path.dirname(file), m[1]!),
  );
  for (const imported of imports) {
    if (imported.endsWith(`${path.sep}testing${path.sep}app.ts`)) return true;
    if (imported.endsWith('test-support.ts') && /testing\/app\.ts'/.test(read(imported))) return true;
  }
  return false;
}

function selected(paths: string[] | 'all'): string[] {
  const globs = paths === 'all' ? DEFAULT_GLOBS : paths;
  if (!fast) return globs;
  const all = globSync(globs, { cwd: root }).map((f) => path.join(root, f));
  return all.filter((f) => !wiresTheApp(f)).map((f) => path.relative(root, f));
}

/** The node suites (all, or the paths given), counted by count-reporter.ts. */
function runNodeTests(paths: string[] | 'all'): Counts {
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
      ...selected(paths),
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
  return counts;
}

if (import.meta.main) {
  const chosen = selection(files, fast);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const add = (more: Counts) => {
    counts.passed += more.passed;
    counts.failed += more.failed;
    counts.skipped += more.skipped;
  };
  if (chosen.node !== 'none') add(runNodeTests(chosen.node));
  if (chosen.browser !== 'none') {
    console.log('\n== browser suites (Playwright, web/e2e)');
    add(runBrowserTests(chosen.browser === 'all' ? [] : chosen.browser));
  }
  console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exitCode = counts.failed > 0 ? 1 : 0;
}
