/**
 * The WAL checkpoint thread (sqlite-checkpointer.ts): one connection per registered database file,
 * a passive checkpoint of each every interval. Passive: it copies what no reader still needs and never
 * waits for a lock, so the writers it serves never wait for it either.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

type Message = { add: number; file: string } | { remove: number };

const { intervalMs } = workerData as { intervalMs: number };
const connections = new Map<number, SqliteDatabase.Database>();
let timer: NodeJS.Timeout | undefined;

function checkpointAll() {
  for (const [id, connection] of connections) {
    try {
      connection.pragma('wal_checkpoint(PASSIVE)');
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
