import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonErrorOffset, lineAndColumn } from './json-position.ts';

/** V8's own position where its message gives one, to cross-check the locator. */
function v8Offset(text: string): number | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const m = /at position (\d+)/.exec((error as Error).message);
    return m ? Number(m[1]) : undefined;
  }
}

describe('jsonErrorOffset (for POLICY_JSON_SYNTAX line/column)', () => {
  it('returns -1 for valid JSON', () => {
    for (const ok of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "\\u4e2d\\n"]} ', '"x"', '0']) {
      assert.equal(jsonErrorOffset(ok), -1, ok);
      JSON.parse(ok);
    }
  });

  it('agrees with V8 wherever V8 reports a position', () => {
    const cases = [
      '{\n "a": 1,\n "b" 2}',
      '{"a":1,}',
      '{"a":1',
      '{"a":1}x',
      "{'a':1}",
      '{"a":"x\ny"}',
      '{"a":01}',
    ];
    for (const text of cases) {
      const expected = v8Offset(text);
      assert.notEqual(expected, undefined, `V8 gives a position for ${JSON.stringify(text)}`);
      assert.equal(jsonErrorOffset(text), expected, JSON.stringify(text));
    }
  });

  it('finds errors V8 reports without a position', () => {
    assert.equal(jsonErrorOffset('{"a": }'), 6);
    assert.equal(jsonErrorOffset('{"a": tru}'), 9);
    assert.equal(jsonErrorOffset('{"a": "\\x"}'), 8);
    assert.equal(jsonErrorOffset('[1,]'), 3);
    assert.equal(jsonErrorOffset(''), 0);
  });

  it('gives 1-based line and column', () => {
    assert.deepEqual(lineAndColumn('ab\ncd', 0), { line: 1, column: 1 });
    assert.deepEqual(lineAndColumn('ab\ncd', 4), { line: 2, column: 2 });
    assert.deepEqual(lineAndColumn('ab\r\ncd', 5), { line: 2, column: 2 });
  });
});
