/** A worker thread for thread-priority.test.ts: lowers itself, reports its nice value. */
import { parentPort } from 'node:worker_threads';
import { ownThreadId, runInBackground } from './thread-priority.ts';

const nice = runInBackground();
parentPort!.postMessage({ nice, id: ownThreadId() });
