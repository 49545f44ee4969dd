import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a long-running server process, applied by `xinyong serve` (and bench:check's server)
 * before anything is loaded (decision 0018).
 *
 * No allocation-site pretenuring: V8 learns which allocation sites make objects that survive and
 * allocates their later objects straight in the old generation. Loading the check index (a million
 * subjects) taught it that of sites that then serve every request — query results, rows, arrays — so
 * under load each request's short-lived objects went to the old generation, and the heap climbed with
 * frequent full mark-compacts on the answering thread (figures: docs/PERFORMANCE.md).
 */
export function tuneForServing(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
