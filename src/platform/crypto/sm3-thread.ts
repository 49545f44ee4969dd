/**
 * SM3 of many texts on a thread of its own (decision 0013), for writers that record row digests: the
 * texts are handed over before the rows are inserted and the digests taken after, so the hashing
 * overlaps the inserts instead of running on the one thread that answers every request. Built on
 * `syncOffload`: taken back synchronously, small jobs inline, everything inline once the thread has
 * failed or not answered in time.
 */
import { type OffloadJob, type SyncOffload, syncOffload } from '../concurrency/sync-offload.ts';
import { sm3 } from './sm3.ts';

/** Texts shorter than this in all are hashed inline: posting them would cost more than hashing. */
export const OFFLOAD_MIN_CHARS = 64 * 1024;
/** A reply not back after this long (a thread stuck or gone): hashed inline, the thread retired. */
const GIVE_UP_MS = 5000;

/** The SM3 (hex) of each text, in order. */
export type DigestJob = OffloadJob<string[]>;
export type Digester = SyncOffload<readonly string[], string[]>;

const digestAll = (texts: readonly string[]) => texts.map(sm3);

/** Hashes on the calling thread: the default, and what the thread falls back to. */
export const INLINE_DIGESTER: Digester = {
  start: (texts) => {
    let taken = false;
    return {
      take: () => {
        if (taken) throw new Error('offloaded job taken twice');
        taken = true;
        return digestAll(texts);
      },
      drop: () => {},
      ready: async () => {},
    };
  },
  close: async () => {},
  stats: () => ({ offloaded: 0, fellBack: 0 }),
};

/** A digester with one worker thread, started at the first job large enough to send it. */
export function digestThread(options: { minChars?: number; giveUpMs?: number } = {}): Digester {
  const minChars = options.minChars ?? OFFLOAD_MIN_CHARS;
  return syncOffload<readonly string[], string[], string>({
    url: new URL('./sm3-thread.worker.ts', import.meta.url),
    inline: digestAll,
    worthSending: (texts) => {
      let chars = 0;
      for (const t of texts) {
        chars += t.length;
        if (chars >= minChars) return true;
      }
      return false;
    },
    // The thread sends the hex digests back as one string (one message part instead of thousands).
    decode: (digests, texts) => {
      const out: string[] = new Array(texts.length);
      for (let i = 0; i < texts.length; i++) out[i] = digests.slice(i * 64, i * 64 + 64);
      return out;
    },
    giveUpMs: options.giveUpMs ?? GIVE_UP_MS,
  });
}
