/**
 * Group commit: items that arrive close together are written in one transaction, and each caller is
 * answered once its group is durable. A thousand concurrent writes cost a handful of commits, not a
 * thousand, and no caller is answered before its item is written.
 *
 * A group is written when the first of these comes:
 * - `maxDelayMs` after its first item (an upper bound for items that keep arriving);
 * - `maxGroup` items are queued;
 * - with `flushWhenQuiet`, a turn of the event loop has read no further item. Where the write holds the
 *   answering thread (SQLite), a group held for its delay while no request is pending is time that
 *   thread sits idle (decision 0014).
 * Groups are written one after another: items arriving meanwhile form the next group.
 */
export type GroupCommitOptions<T> = {
  /** writes one group; resolves once it is durable (its callers are then answered) or rejects them all */
  write: (group: T[]) => Promise<void>;
  maxDelayMs: number;
  maxGroup: number;
  flushWhenQuiet: boolean;
};

export type GroupCommit<T> = {
  /** Resolves once the item is written; a failed write rejects every caller of its group. */
  add(item: T): Promise<void>;
  /** Writes everything queued (e.g. before the store closes). */
  flush(): Promise<void>;
};

type Pending<T> = { item: T; resolve: () => void; reject: (error: unknown) => void };

export function groupCommit<T>(options: GroupCommitOptions<T>): GroupCommit<T> {
  let queue: Pending<T>[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  /** items queued so far, and as many as the quiet watch had seen at its last look (-1: no watch) */
  let arrivals = 0;
  let watchedAt = -1;

  /**
   * Runs after each turn's input has been read (setImmediate), while items wait: another look next
   * turn while items keep coming, the write once a turn brought none.
   */
  const watch = () => {
    if (queue.length === 0 || flushing) {
      watchedAt = -1; // written meanwhile (the delay, the limit), or a write is under way
      return;
    }
    if (arrivals !== watchedAt) {
      watchedAt = arrivals;
      setImmediate(watch);
      return;
    }
    watchedAt = -1;
    void flush();
  };

  async function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (flushing) return flushing.then(() => (queue.length > 0 ? flush() : undefined));
    while (queue.length > 0) {
      const group = queue.slice(0, options.maxGroup);
      queue = queue.slice(group.length);
      flushing = options.write(group.map((g) => g.item)).then(
        () => {
          for (const g of group) g.resolve();
        },
        (error) => {
          for (const g of group) g.reject(error);
        },
      );
      await flushing;
      flushing = undefined;
    }
    // Items added while a group was being written were written by this loop: the delay one of them
    // started has nothing left to flush (and would keep a short-lived process alive until it fires).
    clearTimeout(timer);
    timer = undefined;
  }

  return {
    add(item: T): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (queue.length >= options.maxGroup) {
          void flush();
          return;
        }
        timer ??= setTimeout(() => void flush(), options.maxDelayMs);
        arrivals++;
        if (options.flushWhenQuiet && watchedAt < 0) {
          watchedAt = arrivals;
          setImmediate(watch);
        }
      });
    },
    flush,
  };
}
