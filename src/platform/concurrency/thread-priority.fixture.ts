/**
 * A worker thread for thread-priority.test.ts: lowers itself, reports its nice value, and stays alive
 * (listening) until the test terminates it — the test reads the thread's /proc entry after the message,
 * which a thread that had already ended would no longer have (a flaky ENOENT before).
 */
import { parentPort } from 'node:worker_threads';
import { ownThreadId, runInBackground } from './thread-priority.ts';

const nice = runInBackground();
parentPort!.on('message', () => {});
parentPort!.postMessage({ nice, id: ownThreadId() });
