/** The SM3 thread (sm3-thread.ts): the hex digests of the texts it is sent, in one string. */
import { serveSyncOffload } from '../concurrency/sync-offload.ts';
import { runInBackground } from '../concurrency/thread-priority.ts';
import { sm3 } from './sm3.ts';

runInBackground();

serveSyncOffload((texts: string[]) => {
  let digests = '';
  for (const text of texts) digests += sm3(text);
  return digests;
});
