import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UUID_PATTERN, uuidv7, uuidv7Time } from './ids.ts';

describe('uuidv7', () => {
  it('has the version 7 and RFC variant bits', () => {
    const id = uuidv7();
    assert.match(id, UUID_PATTERN);
    assert.equal(id[14], '7');
  });

  it('encodes the creation time', () => {
    // Later than any id made so far in this process (ids never go back in time, see below).
    const at = Date.UTC(2099, 10, 26, 8, 0, 0);
    assert.equal(uuidv7Time(uuidv7(at)), at);
  });

  it('is strictly increasing within one process, even within one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => uuidv7());
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1]! < ids[i]!, `${ids[i - 1]} < ${ids[i]}`);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('stays increasing when the clock steps back', () => {
    const a = uuidv7(Date.UTC(2030, 0, 1));
    const b = uuidv7(Date.UTC(2029, 0, 1));
    assert.ok(a < b);
  });
});
