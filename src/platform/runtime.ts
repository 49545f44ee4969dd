import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for a long-running server process, applied by `xinyong serve` (and bench:check's server)
 * before anything is loaded (decision 0013).
 *
 * No allocation-site pretenuring: V8 learns which allocation sites make objects that survive and
 * allocates their later objects straight in the old generation. Loading the check index (a million
 * subjects) taught it that of sites that then serve every request — query results, rows, arrays — so
 * under load each request's short-lived objects went to the old generation: `--trace-gc` on bench:check
 * showed the heap climbing from about 260 MB to 480–780 MB and a full mark-compact every 8–14 s (10–70 ms
 * pauses plus 90–160 ms of incremental marking on the answering thread, and helper threads marking a
 * quarter of a core meanwhile). Without it, one mark-compact after the load and none in the following
 * minute of health, floor and check load; /api/health went from 17–19k to 19.5–21k req/s.
 */
export function tuneForServing(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
