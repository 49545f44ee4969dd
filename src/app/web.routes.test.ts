/**
 * Issue 17: the platform serves the web application itself — hashed assets cached for good, the page
 * revalidated each time under a CSP without inline scripts, deep links opening the app, and the API's
 * unknown paths still answered in JSON. A stand-in build (a folder shaped like `web/dist`) keeps the
 * suite independent of whether `npm run web:build` has run.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { createTestStore, type TestStore } from '../testing/engines.ts';
import { IMMUTABLE, WEB_CONTENT_SECURITY_POLICY } from './web.routes.ts';

const INDEX =
  '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';
const ENTRY = 'console.log("信用淮安");';

let store: { store: TestStore; dispose(): Promise<void> };
const dist = mkdtempSync(path.join(tmpdir(), 'xinyong-web-dist-'));

before(async () => {
  store = await createTestStore('sqlite');
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeFileSync(path.join(dist, 'assets', 'index-Ab12Cd34.js'), ENTRY);
  writeFileSync(path.join(dist, 'robots.txt'), 'User-agent: *\n');
  writeFileSync(path.join(dist, '.build-stamp'), '{}');
});
after(async () => {
  await store.dispose();
  rmSync(dist, { recursive: true, force: true });
});

describe('issue 17: the built web application', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(store.store, { config: { webDist: dist } });
  });
  after(async () => t.close());

  it('issue 17: / is the app, revalidated on every visit, under a CSP that allows no inline script', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, INDEX);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.equal(res.headers['content-security-policy'], WEB_CONTENT_SECURITY_POLICY);
    assert.match(WEB_CONTENT_SECURITY_POLICY, /script-src 'self';/);
    assert.doesNotMatch(WEB_CONTENT_SECURITY_POLICY, /script-src[^;]*unsafe-inline/);
    assert.match(WEB_CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
  });

  it('issue 17: hashed assets are cached for a year as immutable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, ENTRY);
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.equal(res.headers['cache-control'], IMMUTABLE);
    assert.equal(res.headers['content-security-policy'], undefined);
  });

  it('issue 17: a deep link opens the app (200, index.html), query string and all', async () => {
    for (const url of [
      '/lists',
      '/lists?page=2&type=black',
      '/subjects/91320800MA1XXXXXXX',
      '/me/records/',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.body, INDEX, url);
      assert.equal(res.headers['cache-control'], 'no-cache', url);
      assert.equal(res.headers['content-security-policy'], WEB_CONTENT_SECURITY_POLICY, url);
    }
  });

  it('issue 17: a file at the build root is served as itself; dotfiles are not', async () => {
    const robots = await t.app.inject({ method: 'GET', url: '/robots.txt' });
    assert.equal(robots.statusCode, 200);
    assert.equal(robots.body, 'User-agent: *\n');
    const stamp = await t.app.inject({ method: 'GET', url: '/.build-stamp' });
    assert.equal(stamp.body, INDEX, 'a dotfile is no file of the app: the deep-link fallback answers');
  });

  it('issue 17: unknown API paths keep their JSON 404, and a missing asset is a 404, not the app', async () => {
    for (const url of ['/api/v1/nothing-here', '/api', '/api/', '/assets/index-Old00000.js']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error.code, 'ROUTE_NOT_FOUND', url);
    }
    const post = await t.app.inject({ method: 'POST', url: '/lists', payload: {} });
    assert.equal(post.statusCode, 404);
    assert.equal(post.json().error.code, 'ROUTE_NOT_FOUND');
  });

  it('issue 17: nothing outside the build is reachable through the asset path', async () => {
    for (const url of [
      '/assets/../../package.json',
      '/assets/..%2F..%2Fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      // refused, or resolved to /package.json (a deep link: the app) — never the file itself
      assert.ok(res.statusCode >= 400 || res.body === INDEX, `${url} → ${res.statusCode}`);
      assert.doesNotMatch(res.body, /"name": "xinyong"/, url);
    }
  });

  it('issue 17: the API keeps its own answers beside the app', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(health.json().status, 'ok');
    assert.equal(health.headers['content-security-policy'], undefined);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths);
    assert.deepEqual(
      paths.filter((p) => p === '/' || p.startsWith('/assets') || p.includes('*')),
      [],
      'the web routes are not part of the API document',
    );
  });
});

describe('issue 17: no web build', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(store.store); // createTestApp points at a folder without a build
  });
  after(async () => t.close());

  it('issue 17: / is the plain landing page and says how to build the web application', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /公共信用信息平台/);
    assert.match(res.body, /npm run web:build/);
  });

  it('issue 17: other paths keep the JSON 404', async () => {
    for (const url of ['/lists', '/assets/index-Ab12Cd34.js', '/api/v1/nothing-here']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error.code, 'ROUTE_NOT_FOUND', url);
    }
  });
});
