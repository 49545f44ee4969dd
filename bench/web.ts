/**
 * `npm run bench:web` (issue 17): the public portal's first-load JavaScript, gzip — what a newcomer's
 * browser fetches before the home page works (scripts/web-first-load.ts). Builds web/ first when its
 * build is stale. Target: ≤ 250 kB (a test holds it: scripts/web-build.test.ts). A size, so it does not
 * vary from run to run as the timed benchmarks do.
 */
import { buildWebIfStale, WEB_DIST } from '../scripts/web-build.ts';
import { FIRST_LOAD_BUDGET_BYTES, firstLoadJavaScript } from '../scripts/web-first-load.ts';

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

await buildWebIfStale();
const { files, gzipTotal } = firstLoadJavaScript(WEB_DIST);
console.log('public portal, first load (JavaScript):');
for (const file of files) {
  console.log(
    `  ${file.file.padEnd(40)} ${kB(file.bytes).padStart(10)} → gzip ${kB(file.gzip).padStart(9)}  (${file.why})`,
  );
}
console.log(
  `  total gzip ${kB(gzipTotal)} of ${kB(FIRST_LOAD_BUDGET_BYTES)} (${Math.round((100 * gzipTotal) / FIRST_LOAD_BUDGET_BYTES)}% of the budget)`,
);
