/**
 * The check index's table of blind indexes (blind-index-table.ts): every digest stored is found with its
 * slot through several growths, an unknown or malformed digest is found nowhere, and a slot replaced
 * is the one returned.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { BlindIndexTable } from './blind-index-table.ts';

const digestOf = (i: number) => createHash('sha256').update(`subject-${i}`).digest('hex');

describe('check index: blind index table', () => {
  it('finds each of 20,000 digests with its own slot after growing, and nothing else', () => {
    const table = new BlindIndexTable(0);
    for (let i = 0; i < 20_000; i++) table.set(digestOf(i), i % 2 ? 'person' : 'organization', `名${i}`);
    assert.equal(table.size, 20_000);
    for (let i = 0; i < 20_000; i++) {
      const found = table.get(digestOf(i));
      assert.equal(found?.name, `名${i}`, `digest ${i}`);
      assert.equal(found?.kind, i % 2 ? 'person' : 'organization');
    }
    for (let i = 20_000; i < 21_000; i++) assert.equal(table.get(digestOf(i)), undefined, 'unknown');
    // Same first 32 bits (same place), different digest: still not found.
    const known = digestOf(7);
    assert.equal(table.get(`${known.slice(0, 63)}${known[63] === '0' ? '1' : '0'}`), undefined);
    // Only lowercase hex is a blind index.
    assert.equal(table.get(known.toUpperCase()), undefined);
    assert.equal(table.get(known.slice(0, 62)), undefined);
    assert.equal(table.get(`${known.slice(0, 62)}zz`), undefined);
    assert.equal(table.get(`${known.slice(0, 62)}好好`), undefined);
  });

  it('replaces a slot in place and returns the one replaced; a malformed digest is not stored', () => {
    const table = new BlindIndexTable(0);
    const d = digestOf(1);
    table.set(d, 'organization', '旧名');
    const listed = { id: 'subject-1', kind: 'organization' as const, name: '新名', entries: [] };
    assert.equal(table.set(d, 'organization', listed), '旧名');
    assert.equal(table.get(d), listed);
    assert.equal(table.size, 1);
    assert.equal(table.set('not-a-digest', 'person', 'x'), undefined);
    assert.equal(table.size, 1);
  });
});
