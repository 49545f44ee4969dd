import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellText } from './cell-text.ts';

describe('cellText', () => {
  it('issue 14 §2: a lone surrogate in a cell is made U+FFFD once, as stored (plain, rich and formula text)', () => {
    assert.equal(cellText('王\ud800芳'), '王\ufffd芳');
    assert.equal(cellText({ richText: [{ text: '王' }, { text: '\udc00' }] }), '王\ufffd');
    assert.equal(cellText({ formula: 'A1', result: 'x\ud83d' }), 'x\ufffd');
    assert.equal(cellText('诚信 😀'), '诚信 😀');
  });
});
