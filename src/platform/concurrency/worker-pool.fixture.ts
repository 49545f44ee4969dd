/** A worker for the pool's tests: doubles numbers, or exits when asked to (a thread that dies). */
import { servePool } from './worker-pool.ts';

servePool((input: { numbers: number[]; exit?: boolean }) => {
  if (input.exit) process.exit(3);
  return input.numbers.map((n) => n * 2);
});
