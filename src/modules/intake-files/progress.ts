/**
 * The CLI import's progress line on stderr: rows, rows/s and, when the share done is known (bytes read
 * of the file), a bar and the estimated time left. On a terminal the line is redrawn in place a few
 * times a second; elsewhere (logs, tests) a line is written every few seconds.
 */
export type ProgressState = {
  rows: number;
  /** rows done by an earlier run (a resumed import): shown, but not counted in this run's rate */
  baseRows?: number;
  elapsedMs: number;
  /** 0..1 when known */
  fraction?: number;
};

const BAR_WIDTH = 24;

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

export function formatProgress(state: ProgressState): string {
  const rows = state.rows - (state.baseRows ?? 0);
  const rate = state.elapsedMs > 0 ? (rows * 1000) / state.elapsedMs : 0;
  const parts = [
    `${state.rows.toLocaleString('en-US')} 行/rows`,
    `${Math.round(rate).toLocaleString('en-US')} 行/s`,
  ];
  const f = state.fraction;
  if (f !== undefined && f > 0 && f < 1) {
    const filled = Math.round(f * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${(f * 100).toFixed(1)}%`;
    const etaMs = (state.elapsedMs * (1 - f)) / f;
    return `${bar}  ${parts.join('  ')}  剩余/ETA ${formatDuration(etaMs)}`;
  }
  return parts.join('  ');
}

export type ProgressReporter = { update(state: ProgressState): void; done(state: ProgressState): void };

export function progressReporter(
  stream: NodeJS.WriteStream = process.stderr,
  clock: () => number = () => performance.now(),
): ProgressReporter {
  const tty = stream.isTTY === true;
  const interval = tty ? 200 : 5000;
  let last = Number.NEGATIVE_INFINITY;
  const write = (line: string, final: boolean) => {
    if (tty) stream.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
  return {
    update(state) {
      const now = clock();
      if (now - last < interval) return;
      last = now;
      write(formatProgress(state), false);
    },
    done(state) {
      const { fraction: _, ...final } = state;
      write(formatProgress(final), true);
    },
  };
}
