import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { getPriority } from 'node:os';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { sm3 } from '../crypto/sm3.ts';
import { digestThread } from '../crypto/sm3-thread.ts';
import { BACKGROUND_NICE, backgroundThreads, niceOf, ownThreadId } from './thread-priority.ts';

const linux = existsSync('/proc/thread-self');

describe('thread priority', { skip: linux ? false : 'no /proc (not Linux)' }, () => {
  it('issue 14 §6: a background thread lowers itself to nice 10, and the answering thread keeps its own', async () => {
    const before = getPriority(0);
    const worker = new Worker(new URL('./thread-priority.fixture.ts', import.meta.url));
    const [message] = (await once(worker, 'message')) as [{ nice: number; id: number }];
    assert.equal(message.nice, Math.max(before, BACKGROUND_NICE));
    assert.notEqual(message.id, ownThreadId(), 'the worker reports its own thread');
    assert.equal(niceOf(message.id), Math.max(before, BACKGROUND_NICE), 'the kernel says the same');
    assert.equal(niceOf(ownThreadId()!), before, 'the answering thread is not lowered');
    assert.equal(getPriority(0), before);
    await worker.terminate();
  });

  it('issue 14 §6: the digest thread runs in the background', async () => {
    const before = backgroundThreads().length;
    const answering = niceOf(ownThreadId()!);
    const digester = digestThread({ minChars: 1 });
    const job = digester.start(['abc']);
    await job.ready();
    assert.equal(job.take()[0], sm3('abc'));
    assert.equal(backgroundThreads().length, before + 1);
    assert.equal(niceOf(ownThreadId()!), answering, 'the answering thread keeps its priority');
    await digester.close();
  });
});
