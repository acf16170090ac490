/** Samples this process's memory every 250 ms, to show whether it stays flat over a long run. */
export interface MemorySummary {
  rssStartMb: number;
  rssPeakMb: number;
  rssEndMb: number;
  /** RSS at 25/50/75/100 % of the run: flat memory shows as a flat series. */
  rssQuartilesMb: number[];
  heapPeakMb: number;
}

const MB = 1024 * 1024;

export class MemorySampler {
  readonly #samples: { rss: number; heap: number }[] = [];
  readonly #timer: NodeJS.Timeout;

  constructor() {
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), 250);
  }

  #sample(): void {
    const usage = process.memoryUsage();
    this.#samples.push({ rss: usage.rss / MB, heap: usage.heapUsed / MB });
  }

  stop(): MemorySummary {
    clearInterval(this.#timer);
    this.#sample();
    const rss = this.#samples.map((s) => s.rss);
    const at = (q: number) =>
      Math.round(rss[Math.min(rss.length - 1, Math.floor(q * (rss.length - 1)))] ?? 0);
    return {
      rssStartMb: Math.round(rss[0] ?? 0),
      rssPeakMb: Math.round(Math.max(...rss)),
      rssEndMb: Math.round(rss[rss.length - 1] ?? 0),
      rssQuartilesMb: [0.25, 0.5, 0.75, 1].map(at),
      heapPeakMb: Math.round(Math.max(...this.#samples.map((s) => s.heap))),
    };
  }
}
