/**
 * Keeps `unit_rollup` (one row per work unit, migration 0008) up to date for unit reports. A
 * refresh runs before a report when the store was written since the last one: it reads the
 * watermarks, brings the rows of the units touched since up to date (unit-rollup-delta.ts) and
 * moves the watermarks, in one transaction on a connection of its own. The first refresh, or a
 * very large backlog, rebuilds every unit instead. The waste and comparison roll-ups
 * (derived-rollup.ts) are kept by the same refresh when a read of theirs asks for one: unit
 * reports only note which units each must derive again.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { StoreClosedError } from '../store.js';
import {
  type DerivedRefresh,
  type DerivedRollup,
  noteTouchedUnits,
  refreshDerivedRollup,
} from './derived-rollup.js';
import { driftSql } from './drift-sql.js';
import type { SerialLock } from './serial-lock.js';
import { refreshTouchedUnits } from './unit-rollup-delta.js';
import { unitRollupRowsSql } from './unit-rollup-sql.js';

/** Past this many new trace parts, recomputing every unit is cheaper than finding the touched. */
export const REBUILD_AFTER_PARTS = 250_000n;

export interface RollupRefresh {
  kind: 'current' | 'incremental' | 'rebuild';
  /** Units recomputed from their traces (every unit on a rebuild). */
  rescanned: number;
  /** Units whose new traces merged into their row by arithmetic. */
  merged: number;
  /** Units whose current outcome was overwritten. */
  outcomes: number;
  ms: number;
  /** Milliseconds per step of an incremental refresh. */
  phases: Record<string, number>;
}

const big = (value: unknown): bigint =>
  value === null || value === undefined ? 0n : BigInt(value as bigint);

export class UnitRollup {
  private refreshedAt: number | null = null;
  private running = false;
  private closed = false;
  /** The write version each derived roll-up was last brought up to. */
  private readonly derivedAt = new Map<DerivedRollup, number>();
  /** What the last refresh did (for benchmarks and tests). */
  last: RollupRefresh | null = null;
  /** What the last refresh of each derived roll-up did (for benchmarks and tests). */
  readonly lastDerived = new Map<DerivedRollup, DerivedRefresh>();

  /** `lock` is shared with the trace roll-up's compaction (see trace-part-compaction.ts). */
  constructor(
    private readonly connection: DuckDBConnection,
    private readonly lock: SerialLock,
  ) {}

  /**
   * Brings the roll-up up to date with everything committed before the call, and the `derived`
   * roll-ups too (derived-rollup.ts). `version` is the store's write version: a
   * refresh at the same version has nothing to do.
   */
  refresh(version: number, derived: readonly DerivedRollup[] = []): Promise<void> {
    return this.lock.run(async () => {
      if (this.closed) throw new StoreClosedError();
      this.running = true;
      try {
        if (this.refreshedAt !== version) {
          this.last = await this.update();
          this.refreshedAt = version;
        }
        for (const rollup of derived) {
          if (this.derivedAt.get(rollup) === version) continue;
          this.lastDerived.set(rollup, await refreshDerivedRollup(this.connection, rollup));
          this.derivedAt.set(rollup, version);
        }
      } finally {
        this.running = false;
      }
    });
  }

  /**
   * The store is closing: stops a refresh in progress, waits for it to settle and closes the
   * connection, which rolls back a transaction the interrupt left open (an interrupted statement
   * can make the ROLLBACK after it fail too, and an open write transaction would refuse the
   * store's final CHECKPOINT).
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.running) this.connection.interrupt();
    await this.lock.idle();
    this.connection.closeSync();
  }

  private async update(): Promise<RollupRefresh> {
    const started = performance.now();
    const c = this.connection;
    await c.run('BEGIN TRANSACTION');
    try {
      const state = (
        await c.runAndReadAll(`SELECT built, part_seq, outcome_seq,
          (SELECT coalesce(max(part_seq), 0) FROM trace_parts),
          (SELECT coalesce(max(arrival_seq), 0) FROM unit_outcomes)
        FROM unit_rollup_state`)
      ).getRows()[0];
      const built = state?.[0] === true;
      const [fromParts, fromOutcomes, toParts, toOutcomes] = [1, 2, 3, 4].map((i) =>
        big(state?.[i]),
      ) as [bigint, bigint, bigint, bigint];
      if (built && toParts === fromParts && toOutcomes === fromOutcomes) {
        await c.run('COMMIT');
        const none = { rescanned: 0, merged: 0, outcomes: 0 };
        return { kind: 'current', ...none, ms: performance.now() - started, phases: {} };
      }
      const rebuild = !built || toParts - fromParts > REBUILD_AFTER_PARTS;
      let counts: Pick<RollupRefresh, 'rescanned' | 'merged' | 'outcomes'>;
      const phases = new Map<string, number>();
      if (rebuild) {
        await c.run('DELETE FROM unit_rollup');
        await c.run(`INSERT INTO unit_rollup BY NAME ${unitRollupRowsSql(false)}`);
        const units = (await c.runAndReadAll('SELECT count(*) FROM unit_rollup')).getRows()[0];
        counts = { rescanned: Number(big(units?.[0])), merged: 0, outcomes: 0 };
      } else {
        const marks = {
          fromPartSeq: fromParts,
          toPartSeq: toParts,
          fromOutcomeSeq: fromOutcomes,
          toOutcomeSeq: toOutcomes,
        };
        counts = await refreshTouchedUnits(c, marks, phases);
      }
      await noteTouchedUnits(c, rebuild);
      await c.run(
        `UPDATE unit_rollup_state SET built = true, part_seq = ${toParts}, outcome_seq = ${toOutcomes}`,
      );
      await c.run('COMMIT');
      const kind = rebuild ? 'rebuild' : 'incremental';
      const ms = performance.now() - started;
      return { kind, ...counts, ms, phases: Object.fromEntries(phases) };
    } catch (error) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}

/**
 * Compares the kept roll-up with one computed from scratch: how many rows (units) it holds and
 * how many rows differ (either side). Tests and benchmarks use it to prove refreshes exact.
 */
export async function unitRollupDrift(
  connection: DuckDBConnection,
): Promise<{ rows: number; drifted: number }> {
  // In the kept table's column types, so equal rows hash alike.
  await connection.run(
    'CREATE OR REPLACE TEMP TABLE fresh_unit_rollup AS SELECT * FROM unit_rollup LIMIT 0',
  );
  try {
    await connection.run(`INSERT INTO fresh_unit_rollup ${unitRollupRowsSql(false)}`);
    const row = (
      await connection.runAndReadAll(
        `SELECT (SELECT count(*) FROM unit_rollup), (${driftSql('unit_rollup', 'fresh_unit_rollup')})`,
      )
    ).getRows()[0];
    return { rows: Number(big(row?.[0])), drifted: Number(big(row?.[1])) };
  } finally {
    await connection.run('DROP TABLE IF EXISTS fresh_unit_rollup');
  }
}
