/**
 * Walking posting lists in ranking order (name length, then subject id) to find the first `limit`
 * names that match, for grams too common to read whole. Pure orchestration: the database read is
 * passed in (`FetchChunk`), so the stopping rule is tested without a database.
 *
 * Gram counts say how long a posting list is, not where in it the matches are: for 金湖 有限, the
 * short 金湖 names are shops and co-operatives and the first 有限公司 comes thousands of postings in,
 * while the shortest 有限 names often start with 金湖. So one walk per candidate gram runs in turn,
 * chunk by chunk, and the first walk to be complete gives the answer — exact whichever it is.
 */
import type { SearchKind } from './search-text.ts';

export type PostingKey = { nameLength: number; subjectId: string };
export type Posting = PostingKey & { nameNorm: string; traditional: boolean };
/** Another gram the name must have (at the start when `atStarts` is [1]), checked in the index. */
export type Probe = { gram: string; atStarts: readonly (0 | 1)[] };
/** One posting list: a gram's postings of one kind, at the start of the name or not. */
export type Stream = { gram: string; kind: SearchKind; atStart: 0 | 1; probes: readonly Probe[] };
/**
 * Reads on in a stream after `after` (from the start when undefined), through at most `size`
 * postings, and returns the first `want` of them that pass the stream's probes with `last`, the key
 * up to which the stream has been read (undefined: to its end).
 */
export type FetchChunk = (
  stream: Stream,
  after: PostingKey | undefined,
  size: number,
  want: number,
) => Promise<{ postings: Posting[]; last: PostingKey | undefined }>;

const FIRST_CHUNK = 64;
const LARGEST_CHUNK = 8192;

export const compareKeys = (a: PostingKey, b: PostingKey) =>
  a.nameLength - b.nameLength || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0);

type StreamState = { stream: Stream; after: PostingKey | undefined; exhausted: boolean; size: number };

/** One candidate gram: its streams merged, the matches found so far. */
class Walk {
  readonly streams: StreamState[];
  readonly found = new Map<string, Posting>();

  constructor(streams: readonly Stream[], firstChunk: number) {
    this.streams = streams.map((stream) => ({
      stream,
      after: undefined,
      exhausted: false,
      size: firstChunk,
    }));
  }

  /** Reads one chunk of the stream that is furthest behind. */
  async step(fetch: FetchChunk, accept: (p: Posting) => boolean, want: number): Promise<void> {
    let behind: StreamState | undefined;
    for (const s of this.streams) {
      if (s.exhausted) continue;
      if (!behind || s.after === undefined || (behind.after && compareKeys(s.after, behind.after) < 0)) {
        behind = s;
        if (s.after === undefined) break;
      }
    }
    if (!behind) return;
    const chunk = await fetch(behind.stream, behind.after, behind.size, want);
    for (const posting of chunk.postings) if (accept(posting)) this.found.set(posting.subjectId, posting);
    if (chunk.last === undefined) behind.exhausted = true;
    else behind.after = chunk.last;
    behind.size = Math.min(behind.size * 2, LARGEST_CHUNK);
  }

  /** The first `limit` matches in key order, once no unread posting can come before them. */
  result(limit: number): Posting[] | undefined {
    const sorted = [...this.found.values()].sort(compareKeys);
    const open = this.streams.filter((s) => !s.exhausted);
    if (open.length === 0) return sorted.slice(0, limit);
    // Every stream has read past `frontier`: matches up to it are final.
    let frontier = open[0]!.after;
    for (const s of open) {
      if (s.after === undefined || (frontier && compareKeys(s.after, frontier) < 0)) frontier = s.after;
    }
    if (!frontier) return undefined;
    const settled = sorted.filter((p) => compareKeys(p, frontier) <= 0);
    return settled.length >= limit ? settled.slice(0, limit) : undefined;
  }
}

/**
 * The first `limit` postings, in key order, that `accept` takes, over the union of each walk's streams
 * (every walk must hold every match: one walk per gram the matches all contain).
 */
export async function raceWalks(
  walks: readonly (readonly Stream[])[],
  accept: (p: Posting) => boolean,
  limit: number,
  fetch: FetchChunk,
  firstChunk = FIRST_CHUNK,
): Promise<Posting[]> {
  const running = walks.map((streams) => new Walk(streams, firstChunk));
  for (;;) {
    for (const walk of running) {
      await walk.step(fetch, accept, limit);
      const result = walk.result(limit);
      if (result) return result;
    }
  }
}
