import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findMalformedText, wellFormed, wellFormedDeep } from './well-formed.ts';

describe('well-formed text (issue 14 §2)', () => {
  it('makes a lone surrogate U+FFFD, as both engines store it; leaves well-formed text as it is', () => {
    assert.equal(wellFormed('nobody\ud800'), 'nobody\ufffd');
    assert.equal(wellFormed('\udc00x\ud83d'), '\ufffdx\ufffd');
    const text = '诚信 😀 ok';
    assert.equal(wellFormed(text), text);
  });

  it('names the path of the first malformed string, key or value, at any depth', () => {
    assert.equal(findMalformedText({ login: 'nobody\ud800', password: 'x' }), 'login');
    assert.equal(
      findMalformedText({ rows: [{ a: 1 }, { subject: { name: '王\udc00' } }] }),
      'rows.1.subject.name',
    );
    assert.equal(findMalformedText({ ok: { 'k\ud800': 1 } }), 'ok.k\ud800');
    assert.equal(findMalformedText('x\ud800', 'purpose'), 'purpose');
    assert.equal(findMalformedText({ a: ['诚信', 1, null, true, { b: '😀' }] }), undefined);
    let deep: unknown = 'bad\ud800';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    assert.equal(findMalformedText(deep)?.split('.').length, 10_000, 'no recursion limit');
  });

  it('does not look into buffers or other objects that are not text', () => {
    assert.equal(findMalformedText({ file: Buffer.from([0xed, 0xa0, 0x80]) }), undefined);
    assert.equal(findMalformedText(new Map([['k', 'x\ud800']])), undefined);
  });

  it('repairs a nested value, and returns the very value when there is nothing to repair', () => {
    const clean = { a: ['x', { b: 'y' }] };
    assert.equal(wellFormedDeep(clean), clean);
    assert.deepEqual(wellFormedDeep({ a: ['x\ud800', { 'b\udc00': 'y' }], n: 1 }), {
      a: ['x\ufffd', { 'b\ufffd': 'y' }],
      n: 1,
    });
  });
});
