/**
 * A task that callers need to have begun after a moment of theirs: a catch-up that covers every
 * change committed before a request arrived. A run that began after a caller's moment covers that
 * caller, so concurrent callers share runs: the calls of one turn of the event loop wait for a single
 * run started at the end of the turn (setImmediate) instead of each starting one, and a caller whose
 * moment a run in flight already covers waits for that run. A failed run fails the callers waiting
 * on it; the next call starts a new one.
 */
export type CoveringRun = (since?: number) => Promise<void>;

export function coveringRun(
  task: () => Promise<void>,
  clock: () => number = () => performance.now(),
): CoveringRun {
  /** when the last successful run began */
  let lastCompleted = Number.NEGATIVE_INFINITY;
  let current: { startedAt: number; promise: Promise<void> } | undefined;
  /** a run due at the next turn of the event loop, and the latest moment it must cover */
  let due: Promise<void> | undefined;
  let dueCovers = Number.NEGATIVE_INFINITY;

  async function runCovering(since: number): Promise<void> {
    for (;;) {
      if (lastCompleted >= since) return;
      const running = current;
      if (!running) break;
      if (running.startedAt >= since) return running.promise;
      await running.promise.catch(() => {});
    }
    const run = { startedAt: clock(), promise: task() };
    current = run;
    try {
      await run.promise;
      if (run.startedAt > lastCompleted) lastCompleted = run.startedAt;
    } finally {
      if (current === run) current = undefined;
    }
  }

  return (since = clock()) => {
    if (lastCompleted >= since) return Promise.resolve();
    if (since > dueCovers) dueCovers = since;
    due ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const covers = dueCovers;
      due = undefined;
      dueCovers = Number.NEGATIVE_INFINITY;
      return runCovering(covers);
    });
    return due;
  };
}
