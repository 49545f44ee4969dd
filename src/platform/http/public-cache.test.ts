import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheControlOf, matchesIfNoneMatch, strongEtag } from './public-cache.ts';

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
