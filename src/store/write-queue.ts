/**
 * Engine-neutral group commit: calls that arrive while a transaction runs are merged into the
 * next one, and each call settles when the transaction holding its items has committed.
 */

/** Commits the calls' items in one transaction; returns one result per call, in order. */
export type CommitBatch<T, R> = (calls: readonly (readonly T[])[]) => Promise<R[]>;

interface Pending<T, R> {
  items: readonly T[];
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class WriteQueue<T, R> {
  private pending: Pending<T, R>[] = [];
  private running: Promise<void> | null = null;

  /** `maxItems` bounds one transaction; a single larger call still commits whole. */
  constructor(
    private readonly commit: CommitBatch<T, R>,
    private readonly maxItems = 50_000,
  ) {}

  enqueue(items: readonly T[]): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ items, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves once every call enqueued so far has settled. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const group = this.takeGroup();
        await this.commitGroup(group);
      }
    } finally {
      this.running = null;
    }
  }

  private takeGroup(): Pending<T, R>[] {
    let count = 0;
    let taken = 0;
    while (taken < this.pending.length) {
      const next = this.pending[taken];
      if (!next || (taken > 0 && count + next.items.length > this.maxItems)) break;
      count += next.items.length;
      taken += 1;
    }
    return this.pending.splice(0, taken);
  }

  private async commitGroup(group: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.commit(group.map((call) => call.items));
      if (results.length !== group.length) {
        throw new Error(`commit returned ${results.length} results for ${group.length} calls`);
      }
      for (const [index, call] of group.entries()) call.resolve(results[index] as R);
    } catch (error) {
      // One bad call must not fail the calls merged with it: retry each alone.
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      for (const call of group) await this.commitGroup([call]);
    }
  }
}
