/**
 * A separate server process for the scheduler's two-process test: `node procedure-tick-worker.fixture.ts URL
 * INSTANT` opens the application on the database at URL with its clock at INSTANT, says `ready`, waits
 * for a line on stdin (so the processes tick at the same moment), ticks once and prints its report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createAppContext } from '../app/context.ts';
import { loadConfig } from '../platform/config.ts';
import { relaxedPolicy } from './app.ts';

const [url, instant] = process.argv.slice(2);
const dataDir = mkdtempSync(path.join(tmpdir(), 'xinyong-tick-'));
const ctx = await createAppContext(
  { ...loadConfig({ XINYONG_DATA_DIR: dataDir }), databaseUrl: url! },
  { migrate: false, policy: await relaxedPolicy(), now: () => instant! },
);
try {
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const _ of lines) break;
  lines.close();
  process.stdin.destroy();
  const report = await ctx.scheduler.tick();
  process.stdout.write(`${JSON.stringify(report)}\n`);
} finally {
  await ctx.close();
  rmSync(dataDir, { recursive: true, force: true });
}
