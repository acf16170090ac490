/**
 * One group-commit transaction on DuckDB: plan it against the TraceIndex (loading traces it only
 * may hold in one scan), append the new rows as columnar data chunks through the connection's
 * appender (which writes into the open transaction: a ROLLBACK discards them, the COMMIT's WAL
 * fsync makes them durable), write back changed decisions, append each touched trace's roll-up
 * part, COMMIT, and only then let the index learn what was stored.
 */
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBAppender, DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import type { PricedStep } from '../../domain/index.js';
import { groupByTrace, planInsert } from '../insert-plan.js';
import type { InsertResult } from '../store.js';
import type { TraceIndex, TraceState } from '../trace-index.js';
import { emptyTraceState } from '../trace-index.js';
import { tracePartsOf } from '../trace-rollup.js';
import { updateDecisions } from './decision-updates.js';
import { SerialLock } from './serial-lock.js';
import {
  chunkLayout,
  preEncodeAttributes,
  type StepChunkLayout,
  stepChunks,
} from './step-chunks.js';
import { rebuildBloomFromStore } from './trace-bloom.js';
import { COMPACT_AFTER_CONTINUED_PARTS, compactTraceParts } from './trace-part-compaction.js';
import {
  CREATE_TRACE_PARTS_STAGING_SQL,
  MOVE_STAGED_TRACE_PARTS_SQL,
  TRACE_PARTS_STAGING,
  tracePartChunks,
} from './trace-part-sql.js';
import { loadTraceStates } from './trace-states.js';

/** Milliseconds spent per phase over all transactions, and how many ran. */
export interface WritePhaseTimes {
  transactions: number;
  steps: number;
  loadedTraces: number;
  begin: number;
  /** Main-thread time: grouping, index lookups, dedupe and usage decisions. */
  plan: number;
  load: number;
  /** Main-thread time filling the data chunks of the new rows. */
  encode: number;
  /** Appending the chunks to the transaction (synchronous, inside DuckDB). */
  insert: number;
  /** Appending the transaction's per-trace roll-up parts. */
  rollup: number;
  update: number;
  /** Compacting traces' roll-up parts (one transaction now and then). */
  compact: number;
  commit: number;
  index: number;
}

/** Where writers before the appender put their CSV files (RAM-backed when the system has one). */
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

/** Drops an appender's unflushed rows; one left broken by a failed flush is simply replaced. */
function discard(appender: DuckDBAppender | null): void {
  try {
    appender?.clear();
  } catch {
    return;
  }
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
    insert: 0,
    rollup: 0,
    update: 0,
    compact: 0,
    commit: 0,
    index: 0,
  };
  /** `steps` columns in table order, read at first use; the appender is reused across commits. */
  private layout: StepChunkLayout | null = null;
  private appender: DuckDBAppender | null = null;
  private partsAppender: DuckDBAppender | null = null;
  /** Data chunks reused by every transaction (see fillChunks). */
  private readonly stepChunkPool: DuckDBDataChunk[] = [];
  private readonly partChunkPool: DuckDBDataChunk[] = [];

  /** Continued roll-up parts stored; read from the table at first use. */
  private continuedParts: number | null = null;
  /**
   * Continued parts a compaction left (those the unit roll-up has not counted yet stay apart):
   * the next compaction waits for `compactAfter` more, so a roll-up never refreshed cannot make
   * every commit compact.
   */
  private continuedAfterCompaction = 0;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly index: TraceIndex,
    private readonly compactAfter: number = COMPACT_AFTER_CONTINUED_PARTS,
    private readonly rollupLock: SerialLock = new SerialLock(),
  ) {}

  /** Encodes what can be encoded before planning; runs while the previous commit is in DuckDB. */
  preEncode(steps: readonly PricedStep[]): void {
    const started = performance.now();
    preEncodeAttributes(steps);
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
        const layout = this.layout ?? (await this.readLayout());
        start();
        const chunks = stepChunks(plan.rows, layout, this.stepChunkPool);
        phases.encode += lap();
        const appender = this.appender ?? (await this.connection.createAppender('steps'));
        this.appender = appender;
        for (const chunk of chunks) appender.appendDataChunk(chunk);
        appender.flushSync();
        phases.insert += lap();
        const parts = tracePartsOf(plan);
        continued += parts.filter((part) => part.continued).length;
        const partsAppender = this.partsAppender ?? (await this.openPartsAppender());
        for (const chunk of tracePartChunks(parts, this.partChunkPool))
          partsAppender.appendDataChunk(chunk);
        partsAppender.flushSync();
        await this.connection.run(MOVE_STAGED_TRACE_PARTS_SQL);
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
      // An appender that failed mid-append may hold rows: drop it with the transaction.
      discard(this.appender);
      discard(this.partsAppender);
      this.appender = null;
      this.partsAppender = null;
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async openPartsAppender(): Promise<DuckDBAppender> {
    await this.connection.run(CREATE_TRACE_PARTS_STAGING_SQL);
    this.partsAppender = await this.connection.createAppender(TRACE_PARTS_STAGING, 'main', 'temp');
    return this.partsAppender;
  }

  private async readLayout(): Promise<StepChunkLayout> {
    const reader = await this.connection.runAndReadAll(
      "SELECT column_name FROM duckdb_columns() WHERE table_name = 'steps' AND schema_name = 'main' ORDER BY column_index",
    );
    this.layout = chunkLayout(reader.getRows().map(([name]) => String(name)));
    return this.layout;
  }

  private async countContinuedParts(): Promise<number> {
    const reader = await this.connection.runAndReadAll(
      'SELECT count(*) FROM trace_parts WHERE continued',
    );
    return Number(reader.getRows()[0]?.[0] ?? 0);
  }

  /** Merges traces' continued roll-up parts, in a transaction of its own, once enough piled up. */
  private async compactWhenDue(): Promise<void> {
    this.continuedParts ??= await this.countContinuedParts();
    if (this.continuedParts - this.continuedAfterCompaction < this.compactAfter) return;
    this.continuedParts = await this.rollupLock.run(async () => {
      await this.connection.run('BEGIN TRANSACTION');
      try {
        await compactTraceParts(this.connection);
        const left = await this.countContinuedParts();
        await this.connection.run('COMMIT');
        return left;
      } catch (error) {
        await this.connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    this.continuedAfterCompaction = this.continuedParts;
  }
}
