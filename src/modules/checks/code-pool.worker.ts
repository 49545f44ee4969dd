/**
 * A code-check thread (code-pool.service.ts): checks codes by their standards and computes the blind index of
 * the valid ones, exactly as the main thread would. Pure computation: no database, no I/O.
 */
import { workerData } from 'node:worker_threads';
import { runInBackground } from '../../platform/concurrency/thread-priority.ts';
import { servePool } from '../../platform/concurrency/worker-pool.ts';
import { hmacSha256Hex } from '../../platform/crypto/sealing.ts';
import { checkCode } from '../identity-codes/index.ts';

runInBackground();

const blindIndex = hmacSha256Hex(Buffer.from((workerData as { indexKey: Uint8Array }).indexKey));

servePool(({ codes, today }: { codes: string[]; today: string }) => {
  const checked: string[] = new Array(codes.length);
  let blindIndexes = '';
  for (let i = 0; i < codes.length; i++) {
    const check = checkCode(codes[i]!, { today });
    // Only the plain case travels back: valid and without warnings. Anything else ('' here) is
    // checked again by the main thread, which has the exception registry and builds the messages.
    if (check.valid && check.warnings.length === 0) {
      const code = check.upgraded ?? check.normalized;
      checked[i] = code;
      blindIndexes += blindIndex(code);
    } else {
      checked[i] = '';
      blindIndexes += ' '.repeat(64);
    }
  }
  return { checked, blindIndexes };
});
