/**
 * The browser suites' share of `npm test` (issue 17): Playwright (playwright.config.ts, web/e2e) after
 * the node suites, its results added to the closing line. Without Chromium they are skipped with the
 * reason printed — except under CI=true, where that is a failure, as with the PostgreSQL suites.
 *
 * Which paths run which suites: no path, both; paths under web/e2e, those browser suites; any other
 * path, the node suites it names only (a narrowed run is for a quick answer). `--fast` runs no browser.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Debian's Chromium (no browser download is possible here); XINYONG_CHROMIUM names another. */
export const CHROMIUM = process.env.XINYONG_CHROMIUM || '/usr/bin/chromium';
const root = path.resolve(import.meta.dirname, '..');
const PLAYWRIGHT = path.join(root, 'node_modules/@playwright/test/cli.js');

export type Counts = { passed: number; failed: number; skipped: number };

const isBrowserPath = (file: string) => path.normalize(file).startsWith(path.normalize('web/e2e'));

/** Splits the paths given to scripts/test.ts into the node suites' and the browser suites'. */
export function selection(
  paths: string[],
  fast: boolean,
): { node: string[] | 'all' | 'none'; browser: string[] | 'all' | 'none' } {
  if (paths.length === 0) return { node: 'all', browser: fast ? 'none' : 'all' };
  const browser = paths.filter(isBrowserPath);
  const node = paths.filter((p) => !isBrowserPath(p));
  return {
    node: node.length > 0 ? node : 'none',
    browser: fast || browser.length === 0 ? 'none' : browser,
  };
}

type Suite = { suites?: Suite[]; specs?: { tests?: unknown[] }[] };
const countTests = (suite: Suite): number =>
  (suite.specs ?? []).reduce((n, spec) => n + (spec.tests?.length ?? 0), 0) +
  (suite.suites ?? []).reduce((n, child) => n + countTests(child), 0);

function playwright(args: string[], env: NodeJS.ProcessEnv = process.env, inherit = true) {
  return spawnSync(process.execPath, [PLAYWRIGHT, 'test', ...args], {
    cwd: root,
    env,
    stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Runs the browser suites (all, or the files given) and counts their tests. */
export function runBrowserTests(files: string[]): Counts {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI === 'true') {
      console.log(
        `✖ browser suites: ${CHROMIUM} is missing, and CI=true forbids skipping them (.ci/run installs it)`,
      );
      return { passed: 0, failed: 1, skipped: 0 };
    }
    const listed = playwright(['--list', '--reporter=json', ...files], process.env, false);
    let skipped = 1;
    try {
      skipped = Math.max(1, countTests({ suites: JSON.parse(listed.stdout).suites }));
    } catch {
      // counted as one skipped suite
    }
    console.log(
      `﹣ browser suites skipped (${skipped} tests): ${CHROMIUM} is missing (apt-get install chromium)`,
    );
    return { passed: 0, failed: 0, skipped };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-browser-tests-'));
  const report = path.join(dir, 'report.json');
  try {
    const result = playwright(['--reporter=list,json', ...files], {
      ...process.env,
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    });
    let counts: Counts = { passed: 0, failed: 0, skipped: 0 };
    try {
      const { stats } = JSON.parse(readFileSync(report, 'utf8')) as {
        stats: { expected: number; unexpected: number; flaky: number; skipped: number };
      };
      counts = { passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped };
    } catch {
      // no report: the run did not get as far as its tests
    }
    if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
    return counts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
