/**
 * Issue 17: the web application's build — what the CSP and the caching of src/app/web.routes.ts rely
 * on, and the public portal's first-load budget. The suite builds web/ when its build is stale, as
 * `npm run demo` does (`node scripts/web-build.ts --if-stale`).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { WEB_DIST, webBuildStaleness } from './web-build.ts';
import { FIRST_LOAD_BUDGET_BYTES, firstLoadJavaScript, upFrontScripts } from './web-first-load.ts';

const root = path.resolve(import.meta.dirname, '..');

it("issue 17: the first load counts the page's module scripts and module preloads, in order", () => {
  const html =
    '<script type="module" crossorigin src="/assets/index-AAAA1111.js"></script>' +
    '<link rel="modulepreload" crossorigin href="/assets/vendor-BBBB2222.js">' +
    '<link rel="stylesheet" crossorigin href="/assets/index-CCCC3333.css">' +
    '<link rel="icon" href="/favicon.svg">';
  assert.deepEqual(upFrontScripts(html), ['assets/index-AAAA1111.js', 'assets/vendor-BBBB2222.js']);
});

describe('issue 17: the built web application', () => {
  let html = '';
  before(async () => {
    await promisify(execFile)(process.execPath, ['scripts/web-build.ts', '--if-stale'], { cwd: root });
    html = readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
  });

  it('issue 17: is stamped with its inputs, so --if-stale leaves it alone until a source changes', () => {
    assert.equal(webBuildStaleness(), undefined);
  });

  it("issue 17: index.html has no inline script, which the CSP (script-src 'self') would refuse", () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length > 0);
    for (const [, attributes, body] of scripts) {
      assert.match(attributes!, /\bsrc="\/assets\//, 'every script is a file under /assets/');
      assert.equal(body!.trim(), '', 'no script body');
    }
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no event handler attributes');
    assert.doesNotMatch(html, /javascript:/i);
  });

  it('issue 17: the page loads its scripts and styles from content-hashed files under /assets/', () => {
    const urls = [...html.matchAll(/\b(?:src|href)="(\/[^"]*\.(?:js|css))"/g)].map((m) => m[1]!);
    assert.ok(urls.length >= 2);
    for (const url of urls) assert.match(url, /^\/assets\/[\w.-]+-[\w-]{8}\.(js|css)$/, url);
    assert.match(html, /<html lang="zh-CN">/);
  });

  it("issue 17: the public portal's first-load JavaScript (entry, preloads, home page) is ≤ 250 kB gzip", () => {
    const { files, gzipTotal } = firstLoadJavaScript(WEB_DIST);
    assert.ok(
      files.some((f) => f.why === 'home page'),
      'the home page chunk is counted',
    );
    const listing = files.map((f) => `${f.file} ${(f.gzip / 1000).toFixed(1)} kB`).join(', ');
    assert.ok(gzipTotal <= FIRST_LOAD_BUDGET_BYTES, `${(gzipTotal / 1000).toFixed(1)} kB: ${listing}`);
  });
});
