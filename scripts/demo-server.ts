/**
 * A demo platform of its own for the browser tests and the screenshots: the real CLI in a child
 * process (`xinyong migrate`, `xinyong demo`, `xinyong serve --demo`, as `npm run demo` runs them) on a
 * free port, with an SQLite database in a temporary folder removed when it stops. It serves the web
 * build in web/dist (build it first: scripts/web-build.ts). Its policy is the shipped one with generous
 * rate limits: a browser test makes many requests, and signs in many times, from one address.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const CLI = path.join(root, 'src/cli/xinyong.ts');

export type DemoServer = { url: string; stop(): Promise<void> };

function relaxedPolicyFile(dir: string): string {
  const policy = JSON.parse(readFileSync(path.join(root, 'policies/huaian-2018.json'), 'utf8'));
  policy.version = `${policy.version}-browser-tests`;
  policy.access.rateLimits = {
    ...policy.access.rateLimits,
    publicPerMinute: 100_000,
    loginPerMinute: 100_000,
    consentGrantsPerTenMinutes: 100_000,
    consentGrantsPerAddressPerTenMinutes: 100_000,
  };
  const file = path.join(dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  return file;
}

/** Where the serving process says it listens: "serving on http://localhost:PORT". */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(out);
      if (match) {
        child.stdout?.off('data', onData);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`xinyong serve exited (${code}) before listening:\n${out}`)),
    );
  });
}

export async function startDemoServer(): Promise<DemoServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyong-demo-server-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    XINYONG_DATA_DIR: dir,
    XINYONG_POLICY: relaxedPolicyFile(dir),
    XINYONG_AUDIT_ANCHOR_EVERY: '0',
    XINYONG_PROCEDURES_TICK_EVERY: '0',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
  };
  delete env.DATABASE_URL;
  const run = promisify(execFile);
  await run(process.execPath, [CLI, 'migrate'], { cwd: root, env });
  await run(process.execPath, [CLI, 'demo'], { cwd: root, env });
  const child = spawn(process.execPath, [CLI, 'serve', '--demo'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let url: string;
  try {
    url = await listeningUrl(child);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  child.stdout?.resume(); // the rest of its output is not read
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
