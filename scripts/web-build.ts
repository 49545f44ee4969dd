/**
 * `npm run web:build`: builds the web application (web/) into web/dist with Vite and stamps the build
 * with a hash of its inputs (web/'s sources and configuration, package-lock.json).
 *
 * `node scripts/web-build.ts --if-stale` (run by `npm run demo` and `npm start`): builds only when the
 * stamp is missing or its hash differs from the inputs' now. Each asset is also written compressed
 * (`.br`, `.gz`), which the server sends to browsers that accept it (src/app/web.routes.ts). Where the build tools are not installed
 * (`npm ci --omit=dev`), it says so and leaves the last build, or none, in place: the server still
 * starts, and without a build `/` is a plain page saying how to make one.
 */
import { createHash } from 'node:crypto';
import { globSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
export const WEB_DIR = path.join(root, 'web');
export const WEB_DIST = path.join(WEB_DIR, 'dist');
const STAMP = path.join(WEB_DIST, '.build-stamp');

/**
 * What a build is made from: the app's sources and configuration (not its e2e tests or README), the
 * lock file, and this script.
 */
export function webInputs(): string[] {
  const web = globSync('**/*', {
    cwd: WEB_DIR,
    exclude: ['dist/**', 'e2e/**', 'node_modules/**', '**/*.md'],
  }).map((file) => path.join('web', file));
  return [...web, 'package-lock.json', 'scripts/web-build.ts']
    .filter((file) => statSync(path.join(root, file)).isFile())
    .sort();
}

/** SHA-256 over each input's path and bytes, in path order. */
export function webInputsHash(): string {
  const hash = createHash('sha256');
  for (const file of webInputs()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

/** Why the build must be made again, or undefined when web/dist was built from the inputs as they are. */
export function webBuildStaleness(): string | undefined {
  let stamp: { inputs?: string };
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return '尚未构建 / not built yet';
  }
  return stamp.inputs === webInputsHash() ? undefined : '源文件已更改 / its sources changed';
}

/** Builds web/dist and stamps it. */
export async function buildWeb(): Promise<void> {
  const inputs = webInputsHash();
  const { build } = await import('vite');
  // A production build whatever NODE_ENV the caller runs under (`npm test` sets it to test, which
  // would make Vite bundle React's development build).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(WEB_DIR, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  compressAssets(path.join(WEB_DIST, 'assets'));
  writeFileSync(STAMP, `${JSON.stringify({ inputs }, null, 2)}\n`);
}

/** Brotli and gzip copies of the text assets, at the highest levels: made once, sent many times. */
function compressAssets(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!/\.(js|css|svg|json)$/.test(name)) continue;
    const bytes = readFileSync(path.join(dir, name));
    if (bytes.length < 1024) continue;
    writeFileSync(path.join(dir, `${name}.gz`), gzipSync(bytes, { level: 9 }));
    const brotli = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY };
    writeFileSync(path.join(dir, `${name}.br`), brotliCompressSync(bytes, { params: brotli }));
  }
}

/** Builds when stale; says what it did. */
export async function buildWebIfStale(log: (line: string) => void = console.log): Promise<void> {
  const reason = webBuildStaleness();
  if (reason === undefined) return;
  log(`构建网页应用 / building the web application (${reason}) …`);
  await buildWeb();
  log('✔ 网页应用已构建 / web application built: web/dist');
}

const missingBuildTools = (error: unknown) =>
  (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && /'vite'/.test(String(error));

if (import.meta.main) {
  const ifStale = process.argv.includes('--if-stale');
  try {
    if (ifStale) await buildWebIfStale();
    else {
      await buildWeb();
      console.log('✔ 网页应用已构建 / web application built: web/dist');
    }
  } catch (error) {
    if (!(ifStale && missingBuildTools(error))) throw error;
    console.warn(
      '⚠ 未安装构建工具（vite），跳过网页应用构建；需要时请运行 npm ci 后 npm run web:build\n' +
        '  / the build tools (vite) are not installed: the web application is not rebuilt; run npm ci, then npm run web:build',
    );
  }
}
