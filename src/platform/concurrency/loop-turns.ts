/**
 * Long work shared fairly with everything else the process serves (issue 14 §6). A large batch gives
 * the event loop back between slices by awaiting `nextTurn()`; of all the work waiting so, one slice
 * resumes per turn of the loop, the others wait for later turns. Between two slices the loop polls for
 * I/O, so a health probe or a single check that arrived meanwhile waits for one slice, not for every
 * batch in flight: with a plain `setImmediate` each, eight batches resumed in the same turn and a
 * health probe waited for all eight slices.
 *
 * A turn that finds nothing else to do costs microseconds, so a batch alone runs about as fast as
 * without the slices.
 */
const waiting: (() => void)[] = [];
let scheduled = false;

function release(): void {
  const next = waiting.shift();
  // Queued from inside the check phase: it runs in the next turn, after that turn's I/O.
  if (waiting.length > 0) setImmediate(release);
  else scheduled = false;
  next?.();
}

/** Resolves in a later turn of the event loop, after I/O and after the slices queued before it. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(release);
    }
  });
}

/** Slices waiting for their turn (for tests and statistics). */
export const waitingTurns = (): number => waiting.length;
