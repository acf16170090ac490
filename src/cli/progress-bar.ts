/**
 * A progress line on stderr for long CLI work: done, rate, and percent when the total is known.
 * On a terminal the line is redrawn in place ten times a second; into a file or a pipe (CI logs)
 * a plain line is written every few seconds instead, so a long run does not fill the log.
 */
export class ProgressBar {
  private last = 0;
  private readonly started = performance.now();
  private readonly interval: number;

  constructor(
    private readonly label: string,
    private readonly write: (text: string) => void = (t) => process.stderr.write(t),
    private readonly redraw: boolean = process.stderr.isTTY === true,
  ) {
    this.interval = redraw ? 100 : 5000;
  }

  update(done: number, fraction: number | null, force = false): void {
    const now = performance.now();
    if (!force && now - this.last < this.interval) return;
    this.last = now;
    const rate = Math.round(done / Math.max((now - this.started) / 1000, 0.001));
    const bar =
      fraction === null
        ? ''
        : `[${'#'.repeat(Math.round(fraction * 25)).padEnd(25, '.')}] ${Math.round(fraction * 100)}% `;
    const line = `${this.label} ${bar}${done.toLocaleString('en')} (${rate.toLocaleString('en')}/s)`;
    this.write(this.redraw ? `\r${line}` : `${line}\n`);
  }

  finish(done: number): void {
    this.update(done, 1, true);
    if (this.redraw) this.write('\n');
  }
}
