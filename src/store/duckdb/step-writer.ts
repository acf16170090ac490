/**
 * One group-commit transaction on DuckDB: plan it against the TraceIndex (loading traces it only
 * may hold in one scan), append the new rows through a CSV file read by `read_csv`, write back
 * changed decisions, append each touched trace's roll-up part, COMMIT, and only then let the index
 * learn what was stored.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PricedStep } from '../../domain/index.js';
import { groupByTrace, planInsert } from '../insert-plan.js';
import type { InsertResult } from '../store.js';
import type { TraceIndex, TraceState } from '../trace-index.js';
import { emptyTraceState } from '../trace-index.js';
import { tracePartsOf } from '../trace-rollup.js';
import { updateDecisions } from './decision-updates.js';
import { SerialLock } from './serial-lock.js';
import { assembleCsv, encodeLinePrefixes, insertFromCsvSql } from './step-csv.js';
import { COMPACT_AFTER_CONTINUED_PARTS, compactTraceParts } from './trace-part-compaction.js';
import { insertTracePartsSql, tracePartsCsv } from './trace-part-csv.js';
import { loadTraceStates, rebuildBloomFromStore } from './trace-states.js';

/** Milliseconds spent per phase over all transactions, and how many ran. */
export interface WritePhaseTimes {
  transactions: number;
  steps: number;
  loadedTraces: number;
  begin: number;
  /** Main-thread time: grouping, index lookups, dedupe and usage decisions. */
  plan: number;
  load: number;
  /** Main-thread time encoding CSV lines, mostly when steps are enqueued (off the serial path). */
  encode: number;
  /** Main-thread time assembling the CSV file inside the transaction. */
  csv: number;
  /** Writing the CSV file (async fs). */
  write: number;
  insert: number;
  /** Appending the transaction's per-trace roll-up parts. */
  rollup: number;
  update: number;
  /** Compacting traces' roll-up parts (one transaction now and then). */
  compact: number;
  commit: number;
  index: number;
}

/** A RAM-backed folder when the system has one: the file is written and read once, never kept. */
function csvFolder(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

const CSV_PREFIX = 'tokenledger-steps-';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes CSV files left by writers killed mid-transaction (their pid no longer runs). */
export async function removeStaleCsvFiles(folder: string = csvFolder()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    if (!name.startsWith(CSV_PREFIX)) continue;
    const pid = Number(name.slice(CSV_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    await rm(join(folder, name), { force: true });
    removed += 1;
  }
  return removed;
}

export class StepWriter {
  readonly phases: WritePhaseTimes = {
    transactions: 0,
    steps: 0,
    loadedTraces: 0,
    begin: 0,
    plan: 0,
    load: 0,
    encode: 0,
    csv: 0,
    write: 0,
    insert: 0,
    rollup: 0,
    update: 0,
    compact: 0,
    commit: 0,
    index: 0,
  };
  private readonly csvPath = join(csvFolder(), `${CSV_PREFIX}${process.pid}-${randomUUID()}.csv`);
  private readonly partsPath = this.csvPath.replace(/\.csv$/, '-parts.csv');

  /** Continued roll-up parts stored; read from the table at first use. */
  private continuedParts: number | null = null;
  /**
   * Continued parts a compaction left (those the unit roll-up has not counted yet stay apart):
   * the next compaction waits for `compactAfter` more, so a roll-up never refreshed cannot make
   * every commit compact.
   */
  private continuedAfterCompaction = 0;

  /** Steps' CSV line prefixes, encoded when enqueued so the transaction only assembles them. */
  private readonly prefixes = new WeakMap<PricedStep, Buffer>();

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly index: TraceIndex,
    private readonly compactAfter: number = COMPACT_AFTER_CONTINUED_PARTS,
    private readonly rollupLock: SerialLock = new SerialLock(),
  ) {}

  /**
   * Encodes steps' CSV lines ahead of their transaction: this runs while the previous group
   * commit is inside DuckDB, so encoding no longer lengthens the serial write path.
   */
  preEncode(steps: readonly PricedStep[]): void {
    const started = performance.now();
    encodeLinePrefixes(steps).forEach((prefix, index) => {
      const step = steps[index];
      if (step) this.prefixes.set(step, prefix);
    });
    this.phases.encode += performance.now() - started;
  }

  /** Commits all calls in one transaction; one result per call. */
  async commit(calls: readonly (readonly PricedStep[])[]): Promise<InsertResult[]> {
    if (this.index.needsBloomRebuild) await rebuildBloomFromStore(this.connection, this.index);
    const phases = this.phases;
    let mark = performance.now();
    // Synchronous phases restart the clock first, so time other tasks ran during an await is
    // not charged to them; awaited phases are wall time.
    const start = (): void => {
      mark = performance.now();
    };
    const lap = (): number => {
      const now = performance.now();
      const elapsed = now - mark;
      mark = now;
      return elapsed;
    };
    const byTrace = groupByTrace(calls);
    const states = new Map<string, TraceState>();
    const unknown: string[] = [];
    for (const traceId of byTrace.keys()) {
      const found = this.index.lookup(traceId);
      if (found.kind === 'cached') states.set(traceId, found.state);
      else if (found.kind === 'new') states.set(traceId, emptyTraceState());
      else unknown.push(traceId);
    }
    phases.plan += lap();
    await this.compactWhenDue();
    phases.compact += lap();
    await this.connection.run('BEGIN TRANSACTION');
    phases.begin += lap();
    let written = false;
    let continued = 0;
    try {
      if (unknown.length > 0) {
        for (const [id, state] of await loadTraceStates(this.connection, unknown)) {
          states.set(id, state);
        }
        phases.loadedTraces += unknown.length;
        phases.load += lap();
      }
      start();
      const plan = planInsert(calls, byTrace, states);
      phases.plan += lap();
      if (plan.rows.length > 0) {
        const missing = plan.rows.filter((row) => !this.prefixes.has(row.step));
        if (missing.length > 0) this.preEncode(missing.map((row) => row.step));
        const { bytes, longestRow } = assembleCsv(
          plan.rows.map((row) => ({
            prefix: this.prefixes.get(row.step) as Buffer,
            exclusion: row.exclusion,
          })),
        );
        phases.csv += lap();
        written = true;
        await writeFile(this.csvPath, bytes);
        phases.write += lap();
        await this.connection.run(insertFromCsvSql(this.csvPath, longestRow));
        phases.insert += lap();
        const parts = tracePartsOf(plan);
        continued += parts.filter((part) => part.continued).length;
        await writeFile(this.partsPath, tracePartsCsv(parts));
        await this.connection.run(insertTracePartsSql(this.partsPath));
        phases.rollup += lap();
      }
      if (plan.changed.length > 0) {
        // Up to two signed parts per changed trace.
        continued += 2 * new Set(plan.changed.map((row) => row.traceId)).size;
        await updateDecisions(this.connection, plan.changed);
        phases.update += lap();
      }
      await this.connection.run('COMMIT');
      phases.commit += lap();
      if (this.continuedParts !== null) this.continuedParts += continued;
      start();
      this.index.applyCommitted(plan.deltas);
      phases.index += lap();
      phases.transactions += 1;
      phases.steps += plan.rows.length;
      return plan.results;
    } catch (error) {
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      if (written) {
        await rm(this.csvPath, { force: true });
        await rm(this.partsPath, { force: true });
      }
    }
  }

  /** Merges traces' continued roll-up parts, in a transaction of its own, once enough piled up. */
  private async compactWhenDue(): Promise<void> {
    if (this.continuedParts === null) {
      const reader = await this.connection.runAndReadAll(
        'SELECT count(*) FROM trace_parts WHERE continued',
      );
      this.continuedParts = Number(reader.getRows()[0]?.[0] ?? 0);
    }
    if (this.continuedParts - this.continuedAfterCompaction < this.compactAfter) return;
    this.continuedParts = await this.rollupLock.run(async () => {
      await this.connection.run('BEGIN TRANSACTION');
      try {
        await compactTraceParts(this.connection);
        const reader = await this.connection.runAndReadAll(
          'SELECT count(*) FROM trace_parts WHERE continued',
        );
        await this.connection.run('COMMIT');
        return Number(reader.getRows()[0]?.[0] ?? 0);
      } catch (error) {
        await this.connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    this.continuedAfterCompaction = this.continuedParts;
  }
}
