/** Samples this process's memory every 250 ms, to show whether it stays flat over a long run. */
export interface MemorySummary {
  rssStartMb: number;
  rssPeakMb: number;
  rssEndMb: number;
  /** RSS at 25/50/75/100 % of the run: flat memory shows as a flat series. */
  rssQuartilesMb: number[];
  heapPeakMb: number;
  /** JS heap used at 25/50/75/100 % of the run (garbage included: V8 collects it late). */
  heapQuartilesMb: number[];
  /**
   * RSS outside the main thread's JS heap and its external buffers (DuckDB's memory, the exporter
   * threads' heaps, the runtime) at 25/50/75/100 % of the run.
   */
  nativeQuartilesMb: number[];
  /** DuckDB's own managed memory (`duckdb_memory()`) at 25/50/75/100 % of the run, when probed. */
  duckdbQuartilesMb: number[] | null;
}

const MB = 1024 * 1024;

export class MemorySampler {
  readonly #samples: { rss: number; heap: number; native: number }[] = [];
  readonly #duckdb: number[] = [];
  readonly #timer: NodeJS.Timeout;
  readonly #probeTimer: NodeJS.Timeout | null;

  /** `duckdbBytes`: asked every 2 s (a query on the store's read connection, so not every 250 ms). */
  constructor(duckdbBytes?: () => Promise<number>) {
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), 250);
    this.#probeTimer = duckdbBytes
      ? setInterval(
          () =>
            void duckdbBytes().then(
              (bytes) => this.#duckdb.push(bytes / MB),
              () => undefined,
            ),
          2000,
        )
      : null;
  }

  #sample(): void {
    const usage = process.memoryUsage();
    this.#samples.push({
      rss: usage.rss / MB,
      heap: usage.heapUsed / MB,
      native: (usage.rss - usage.heapTotal - usage.external) / MB,
    });
  }

  stop(): MemorySummary {
    clearInterval(this.#timer);
    if (this.#probeTimer) clearInterval(this.#probeTimer);
    this.#sample();
    const rss = this.#samples.map((s) => s.rss);
    const heap = this.#samples.map((s) => s.heap);
    const native = this.#samples.map((s) => s.native);
    const at = (q: number, series: number[] = rss) =>
      Math.round(series[Math.min(series.length - 1, Math.floor(q * (series.length - 1)))] ?? 0);
    return {
      rssStartMb: Math.round(rss[0] ?? 0),
      rssPeakMb: Math.round(Math.max(...rss)),
      rssEndMb: Math.round(rss[rss.length - 1] ?? 0),
      rssQuartilesMb: [0.25, 0.5, 0.75, 1].map((q) => at(q)),
      heapPeakMb: Math.round(Math.max(...heap)),
      heapQuartilesMb: [0.25, 0.5, 0.75, 1].map((q) => at(q, heap)),
      nativeQuartilesMb: [0.25, 0.5, 0.75, 1].map((q) => at(q, native)),
      duckdbQuartilesMb: this.#probeTimer
        ? [0.25, 0.5, 0.75, 1].map((q) => at(q, this.#duckdb))
        : null,
    };
  }
}
