/**
 * The digest thread (digest-thread.ts): SM3 of each text it is sent, the hex digests back in one
 * string, then a signal for a caller waiting on it. Pure computation: no database, no I/O.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { sm3 } from './canonical.ts';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

port.on('message', (message: { id: number; texts: string[] }) => {
  let digests = '';
  for (const text of message.texts) digests += sm3(text);
  port.postMessage({ id: message.id, digests });
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
