/** Where a batch stands. */
export interface ProgressState {
  /** Inputs finished (ok, failed or skipped). */
  done: number;
  total: number;
  failed: number;
  /** Time since the batch started, in milliseconds. */
  elapsedMs: number;
}

export interface ProgressOptions {
  /** Redraw one line in place (a terminal) or print a plain line now and then (a log). */
  tty: boolean;
  /** Width of the terminal, for the bar. @default 80 */
  columns?: number;
  /** How often the line is refreshed while an input is in flight. @default 1000 on a TTY, 5000 otherwise */
  intervalMs?: number;
}

/** A progress display on a stream; `log` prints a message without garbling it. */
export interface Progress {
  /** Counts one input as done. */
  advance(failed: boolean): void;
  /** Prints a line (an error) above the bar. */
  log(line: string): void;
  /** Stops the refresh and clears the bar. */
  stop(): void;
}

const BAR_WIDTH = 24;
/** Redraw at most this often on a TTY, so a fast batch does not spend its time drawing. */
const MIN_REDRAW_MS = 100;
/** Below this a terminal width is not believable (a pseudo-terminal reporting 0). */
const MIN_COLUMNS = 40;
const CLEAR_LINE = '\r\x1b[2K';

/**
 * Formats the progress line: `[████░░░░] 12/100  3.20/s  ETA 0:27  2 failed` on a terminal, or
 * `12/100 done, 3.20/s, ETA 0:27, 2 failed` for a log. Pure.
 */
export function formatProgress(state: ProgressState, { tty }: { tty: boolean }): string {
  const { done, total, failed, elapsedMs } = state;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? done / seconds : 0;
  const eta = rate > 0 ? formatDuration((total - done) / rate) : '--';
  const rateText = rate > 0 ? `${rate < 10 ? rate.toFixed(2) : rate.toFixed(1)}/s` : '--/s';
  const failures = failed > 0 ? `${failed} failed` : '';
  if (!tty) {
    return [`${done}/${total} done`, rateText, `ETA ${eta}`, failures].filter(Boolean).join(', ');
  }
  const filled = total > 0 ? Math.round((BAR_WIDTH * done) / total) : 0;
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
  return [bar, `${done}/${total}`, rateText, `ETA ${eta}`, failures].filter(Boolean).join('  ');
}

/** Formats seconds as `m:ss` or `h:mm:ss`. */
export function formatDuration(totalSeconds: number): string {
  const whole = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = String(whole % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/**
 * Starts a progress display for `total` inputs on `stream` (stderr): on a TTY a bar redrawn in
 * place, otherwise a plain line every few seconds. The timer does not keep the process alive.
 */
export function createProgress(
  stream: NodeJS.WritableStream,
  total: number,
  { tty, columns = 80, intervalMs = tty ? 1000 : 5000 }: ProgressOptions,
): Progress {
  const started = Date.now();
  let done = 0;
  let failed = 0;
  let lastDraw = 0;
  let shown = false;

  const line = (): string =>
    formatProgress({ done, total, failed, elapsedMs: Date.now() - started }, { tty });
  const draw = (): void => {
    lastDraw = Date.now();
    if (tty) {
      // Wider than the terminal, the line would wrap and `\r` could no longer erase it.
      stream.write(`${CLEAR_LINE}${line().slice(0, Math.max(MIN_COLUMNS, columns) - 1)}`);
      shown = true;
    } else {
      stream.write(`digitize: ${line()}\n`);
    }
  };
  const clear = (): void => {
    if (tty && shown) stream.write(CLEAR_LINE);
    shown = false;
  };
  const timer = setInterval(() => {
    if (done < total) draw();
  }, intervalMs);
  timer.unref();
  if (tty) draw();

  return {
    advance(isFailure) {
      done += 1;
      if (isFailure) failed += 1;
      if (tty && Date.now() - lastDraw >= MIN_REDRAW_MS) draw();
    },
    log(message) {
      clear();
      stream.write(`${message}\n`);
      if (tty && done < total) draw();
    },
    stop() {
      clearInterval(timer);
      clear();
    },
  };
}
