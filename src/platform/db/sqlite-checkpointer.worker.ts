/**
 * The WAL checkpoint thread (sqlite-checkpointer.ts): one connection per registered database file,
 * a passive checkpoint of each every interval. Passive: it copies what no reader still needs and never
 * waits for a lock, so the writers it serves never wait for it either.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

type Message = { add: number; file: string } | { remove: number };

const { intervalMs } = workerData as { intervalMs: number };
const MAX_PASSES = 8;
const connections = new Map<number, SqliteDatabase.Database>();
let timer: NodeJS.Timeout | undefined;

function checkpointAll() {
  for (const [id, connection] of connections) {
    try {
      // A writer that never pauses keeps appending while a checkpoint copies, and the log restarts
      // from its beginning only once a checkpoint has caught up with it. Each further pass copies
      // only what was committed during the last one: a few passes catch up between two commits.
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        const [result] = connection.pragma('wal_checkpoint(PASSIVE)') as {
          log: number;
          checkpointed: number;
        }[];
        if (!result || result.log <= 0 || result.checkpointed >= result.log) break;
      }
    } catch (error) {
      // The file went away or is unreadable: its store is closing. Say so once and stop trying.
      connections.delete(id);
      connection.close();
      parentPort!.postMessage({ failed: id, message: String(error) });
    }
  }
}

parentPort!.on('message', (message: Message) => {
  if ('add' in message) {
    const connection = new SqliteDatabase(message.file, { fileMustExist: true });
    connection.pragma('busy_timeout = 0');
    connections.set(message.add, connection);
    timer ??= setInterval(checkpointAll, intervalMs);
  } else {
    connections.get(message.remove)?.close();
    connections.delete(message.remove);
    if (connections.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
    parentPort!.postMessage({ removed: message.remove });
  }
});
