/**
 * Walking posting lists for name search (issue 5 point 8): the answer is exact whichever walk
 * finishes first, and a walk stops as soon as no unread posting can come before its matches.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareKeys, type FetchChunk, type Posting, raceWalks, type Stream } from './posting-walk.ts';

const posting = (nameLength: number, subjectId: string, nameNorm = subjectId): Posting => ({
  nameLength,
  subjectId,
  nameNorm,
  traditional: false,
});

/** Posting lists in memory, served in key order; counts what was read. */
function lists(data: Record<string, Posting[]>) {
  const read = { chunks: 0, postings: 0 };
  const fetch: FetchChunk = async (stream, after, size, want) => {
    const all = [...(data[`${stream.gram}/${stream.atStart}`] ?? [])].sort(compareKeys);
    const rest = after ? all.filter((p) => compareKeys(p, after) > 0) : all;
    const chunk = rest.slice(0, size);
    read.chunks++;
    read.postings += chunk.length;
    const last = chunk.length === size ? chunk[chunk.length - 1] : undefined;
    return chunk.length > want
      ? { postings: chunk.slice(0, want), last: chunk[want - 1] }
      : { postings: chunk, last };
  };
  return { fetch, read };
}
const stream = (gram: string, atStart: 0 | 1 = 0): Stream => ({
  gram,
  kind: 'organization',
  atStart,
  probes: [],
});

describe('posting walks (issue 5 point 8)', () => {
  it('returns the first matches in key order, merged over streams, without duplicates', async () => {
    const { fetch } = lists({
      'ab/1': [posting(2, 'a'), posting(5, 'c'), posting(9, 'f')],
      'ab/0': [posting(3, 'b'), posting(5, 'd'), posting(7, 'e'), posting(5, 'c')],
    });
    const found = await raceWalks([[stream('ab', 1), stream('ab', 0)]], () => true, 4, fetch, 1);
    assert.deepEqual(
      found.map((p) => p.subjectId),
      ['a', 'b', 'c', 'd'],
    );
  });

  it('lets the walk that finds its matches early answer for a slow one', async () => {
    const slow = Array.from({ length: 5000 }, (_, i) => posting(5 + Math.floor(i / 1000), `s${i}`, 'shop'));
    const wanted = Array.from({ length: 30 }, (_, i) =>
      posting(12, `w${String(i).padStart(2, '0')}`, 'wanted'),
    );
    const { fetch, read } = lists({ 'qj/1': [...slow, ...wanted], 'kj/0': wanted });
    const found = await raceWalks(
      [[stream('qj', 1)], [stream('kj')]],
      (p) => p.nameNorm === 'wanted',
      20,
      fetch,
    );
    assert.deepEqual(
      found.map((p) => p.subjectId),
      wanted.slice(0, 20).map((p) => p.subjectId),
    );
    assert.ok(read.postings < 1000, `read ${read.postings} postings`);
  });

  it('returns fewer than asked when every list is read to its end', async () => {
    const { fetch } = lists({ 'ab/0': [posting(4, 'x'), posting(6, 'y', 'no')] });
    const found = await raceWalks([[stream('ab')]], (p) => p.nameNorm !== 'no', 20, fetch, 1);
    assert.deepEqual(
      found.map((p) => p.subjectId),
      ['x'],
    );
  });
});
