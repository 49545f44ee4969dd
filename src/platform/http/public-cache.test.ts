import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { cacheControlOf, installPublicCache, matchesIfNoneMatch, strongEtag } from './public-cache.ts';
import type { HttpApp } from './server.ts';

describe('public cache validators (issue 17: ETag-cached)', () => {
  it('a strong ETag is the SHA-256 of the exact bytes: the same text and its bytes agree, another differs', () => {
    assert.equal(strongEtag('{"a":1}'), strongEtag(Buffer.from('{"a":1}')));
    assert.notEqual(strongEtag('{"a":1}'), strongEtag('{"a":2}'));
    assert.match(strongEtag(''), /^"[A-Za-z0-9_-]{43}"$/);
  });

  it('If-None-Match matches a listed tag, its weak form, or *; nothing else', () => {
    const tag = strongEtag('x');
    assert.ok(matchesIfNoneMatch(`"a", ${tag}`, tag));
    assert.ok(matchesIfNoneMatch(`W/${tag}`, tag));
    assert.ok(matchesIfNoneMatch('*', tag));
    assert.ok(!matchesIfNoneMatch('"a"', tag));
    assert.ok(!matchesIfNoneMatch(undefined, tag));
  });

  it('A7: a personal answer is never stored by a shared cache; others for a minute by default', () => {
    assert.equal(cacheControlOf({ personal: true }), 'no-store');
    assert.equal(cacheControlOf({}), 'public, max-age=60');
    assert.equal(cacheControlOf({ maxAge: 300 }), 'public, max-age=300');
  });
});

describe('public cache hook', () => {
  it('issue 17: only routes that declare publicCache run it — a department’s check pays for no extra hook', async () => {
    const app = Fastify() as unknown as HttpApp;
    const hooked: string[] = [];
    installPublicCache(app);
    app.addHook('onRoute', (route) => {
      if (route.method !== 'HEAD' && route.onSend && [route.onSend].flat().length > 0) hooked.push(route.url);
    });
    app.get('/public', { config: { publicCache: {} } as never }, async () => ({ a: 1 }));
    app.post('/checks', async () => ({ b: 2 }));
    await app.ready();
    assert.deepEqual(hooked, ['/public']);
    const first = await app.inject({ method: 'GET', url: '/public' });
    assert.equal(first.headers.etag, strongEtag('{"a":1}'));
    const again = await app.inject({
      method: 'GET',
      url: '/public',
      headers: { 'if-none-match': first.headers.etag! },
    });
    assert.equal(again.statusCode, 304);
    assert.equal((await app.inject({ method: 'POST', url: '/checks' })).headers.etag, undefined);
    await app.close();
  });
});
