/**
 * A progress line for long CLI work: done, rate, and percent when the total is known. Redrawn in
 * place at most 10 times a second on a terminal; elsewhere (pipes, logs) only the final line.
 */

export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

const REDRAW_MS = 100;

export class ProgressBar {
  private lastDraw = Number.NEGATIVE_INFINITY;
  private readonly started: number;
  private drawn = 0;

  constructor(
    private readonly label: string,
    private readonly sink: ProgressSink = process.stderr,
    /** What is counted ("rows"), or empty. */
    private readonly unit = '',
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.started = clock();
  }

  /** `fraction` is the share done (0–1), or null when the total is unknown. */
  update(done: number, fraction: number | null): void {
    if (!this.sink.isTTY) return;
    const now = this.clock();
    if (now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.drawn += 1;
    this.sink.write(`\r${this.line(done, fraction, now)}\u001b[K`);
  }

  /** Draws the final line and ends it. Returns how many in-place redraws there were. */
  finish(done: number): number {
    const line = this.line(done, 1, this.clock());
    this.sink.write(this.sink.isTTY ? `\r${line}\u001b[K\n` : `${line}\n`);
    return this.drawn;
  }

  private line(done: number, fraction: number | null, now: number): string {
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = Math.round(done / seconds).toLocaleString('en');
    const clamped = fraction === null ? null : Math.min(1, Math.max(0, fraction));
    const bar =
      clamped === null
        ? ''
        : `[${'#'.repeat(Math.round(clamped * 25)).padEnd(25, '.')}] ${Math.round(clamped * 100)}% `;
    const unit = this.unit === '' ? '' : ` ${this.unit}`;
    return `${this.label} ${bar}${done.toLocaleString('en')}${unit} (${rate}${unit}/s)`;
  }
}
