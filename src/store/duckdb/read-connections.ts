/**
 * The DuckDB store's reads: quick ones share one connection, long ones (waste, compare, search,
 * attempt histories: seconds on big stores) get a connection of their own so other reads keep
 * answering. Closing interrupts whatever still runs (a long read's temp tables would otherwise
 * hold off the final checkpoint) and waits for every read to settle: closing a connection while a
 * query runs on it crashes the process. A read the close interrupted fails as `StoreClosedError`.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { StoreClosedError } from '../store.js';

/** Settles when `running` does, whichever way: close() waits for reads, not for their results. */
const settledOf = (running: Promise<unknown>): Promise<void> =>
  running.then(
    () => undefined,
    () => undefined,
  );

export class ReadConnections {
  private readonly own = new Map<DuckDBConnection, Promise<void>>();
  /** Reads in flight on the shared connection (a report refreshing in the background). */
  private readonly onShared = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly shared: DuckDBConnection,
  ) {}

  /** Runs a read on the shared connection. */
  read<T>(run: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    // A read that passed the store's check and awaited something (the roll-up) may come after close.
    if (this.closed) return Promise.reject(new StoreClosedError());
    const running = run(this.shared).catch((error: unknown) => this.unlessClosed(error));
    const settled = settledOf(running);
    this.onShared.add(settled);
    void settled.then(() => this.onShared.delete(settled));
    return running;
  }

  /** Runs a long read on a connection of its own. */
  async readAlone<T>(run: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreClosedError();
    const connection = await this.instance.connect();
    const running = run(connection);
    this.own.set(connection, settledOf(running));
    try {
      return await running;
    } catch (error) {
      return this.unlessClosed(error);
    } finally {
      this.own.delete(connection);
      connection.closeSync();
    }
  }

  /** Interrupts the reads still running and settles once every read has. */
  async interrupt(): Promise<void> {
    this.closed = true;
    for (const connection of this.own.keys()) connection.interrupt();
    if (this.onShared.size > 0) this.shared.interrupt();
    await Promise.all([...this.own.values(), ...this.onShared]);
  }

  /** Closes the shared connection; call once `interrupt()` has settled. */
  closeSync(): void {
    this.shared.closeSync();
  }

  /** A read that failed because the store closed under it says so. */
  private unlessClosed(error: unknown): never {
    if (this.closed) throw new StoreClosedError();
    throw error;
  }
}
