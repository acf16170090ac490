/**
 * One task at a time, in call order. The unit roll-up's refresh and the trace roll-up's compaction
 * share one: a compaction reads the roll-up's watermark, so it must not overlap a refresh moving it.
 */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Settles when every task queued so far has. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
