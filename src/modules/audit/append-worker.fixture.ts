/**
 * A separate appender process for the concurrency test: `node append-worker.fixture.ts URL COUNT TAG`
 * appends COUNT entries one transaction at a time, as another server or CLI process would.
 */
import { openStore } from '../../platform/db/database.ts';
import { appendAudit } from './audit.repository.ts';
import { sampleEntry } from './test-support.ts';

const [url, count, tag] = process.argv.slice(2);
const store = openStore(url!);
try {
  for (let i = 0; i < Number(count); i++) {
    await appendAudit(store, sampleEntry(i, { actorId: `${tag}`, requestId: `${tag}-${i}` }));
  }
} finally {
  await store.close();
}
