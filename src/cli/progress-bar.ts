/** A progress line on stderr for long CLI work: done, rate, and percent when the total is known. */
export class ProgressBar {
  private last = 0;
  private readonly started = performance.now();

  constructor(
    private readonly label: string,
    private readonly write: (text: string) => void = (t) => process.stderr.write(t),
  ) {}

  update(done: number, fraction: number | null, force = false): void {
    const now = performance.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const rate = Math.round(done / Math.max((now - this.started) / 1000, 0.001));
    const bar =
      fraction === null
        ? ''
        : `[${'#'.repeat(Math.round(fraction * 25)).padEnd(25, '.')}] ${Math.round(fraction * 100)}% `;
    this.write(
      `\r${this.label} ${bar}${done.toLocaleString('en')} (${rate.toLocaleString('en')}/s)`,
    );
  }

  finish(done: number): void {
    this.update(done, 1, true);
    this.write('\n');
  }
}
