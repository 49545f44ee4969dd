/**
 * Background threads yield the processor to the thread that answers requests (issue 14 §6, decision
 * 0026). The code-check and digest threads work for large checks; on a machine with fewer cores than
 * busy threads, the scheduler gave them the answering thread's share as readily as their own, and a
 * health probe or a single check waited for their time slices. Lowered to nice 10 they still use every
 * idle core, and give way when the answering thread is ready to run.
 *
 * Linux only: a thread's own id is read from `/proc/thread-self`, and `setpriority` on a thread id
 * sets that thread's nice value alone. Elsewhere, or where `/proc` is not mounted, nothing changes.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value of background threads (0 normal, 19 lowest). */
export const BACKGROUND_NICE = 10;

/** The calling thread's id in the kernel, or undefined where there is no `/proc/thread-self`. */
export function ownThreadId(): number | undefined {
  try {
    const id = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(id) && id > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Lowers the calling thread's priority to BACKGROUND_NICE; returns its nice value after. */
export function runInBackground(): number | undefined {
  const id = ownThreadId();
  if (id === undefined) return undefined;
  try {
    // Raising one's own nice value needs no privilege.
    if (getPriority(id) < BACKGROUND_NICE) setPriority(id, BACKGROUND_NICE);
    return getPriority(id);
  } catch {
    return undefined;
  }
}

/** The nice value of one thread of this process, as the kernel reports it (proc(5), stat field 19). */
export function niceOf(thread: number): number {
  const stat = readFileSync(`/proc/self/task/${thread}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

/** The ids of this process's threads running in the background (Linux; tests and diagnostics). */
export function backgroundThreads(): number[] {
  return readdirSync('/proc/self/task')
    .map(Number)
    .filter((thread) => niceOf(thread) === BACKGROUND_NICE);
}
