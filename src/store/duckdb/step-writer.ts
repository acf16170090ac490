/**
 * One group-commit transaction on DuckDB: stage the merged calls with the Appender, insert what is
 * new (first copy wins), and re-decide usage counting for the touched traces that need it.
 */
import {
  BIGINT,
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  type DuckDBValue,
  TIMESTAMP_NS,
  timestampNanosValue,
  VARCHAR,
} from '@duckdb/node-api';
import {
  decideUsageCounting,
  hasUsage,
  type PricedStep,
  type UsageExclusion,
} from '../../domain/index.js';
import type { InsertResult } from '../store.js';
import {
  STEP_COLUMN_LIST,
  STEP_COLUMN_TYPES,
  type StepRowInput,
  toStepColumns,
} from './step-rows.js';
import { createRedecisionTables, redecideTraces, type TouchedTrace } from './usage-redecision.js';

/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;
const TRACE_STAGING_TYPES = [VARCHAR, TIMESTAMP_NS, TIMESTAMP_NS, BIGINT, BIGINT];

interface Staged {
  call: number;
  step: PricedStep;
}

export class StepWriter {
  private constructor(private readonly connection: DuckDBConnection) {}

  static async create(connection: DuckDBConnection): Promise<StepWriter> {
    await connection.run(`
      CREATE OR REPLACE TEMP TABLE step_staging AS SELECT ${STEP_COLUMN_LIST} FROM steps LIMIT 0;
      CREATE OR REPLACE TEMP TABLE trace_staging AS SELECT * FROM traces LIMIT 0;`);
    await createRedecisionTables(connection);
    return new StepWriter(connection);
  }

  /** Commits all calls in one transaction; one result per call. */
  async commit(calls: readonly (readonly PricedStep[])[]): Promise<InsertResult[]> {
    const results = calls.map((steps) => ({ inserted: 0, duplicates: steps.length }));
    const unique = uniqueSteps(calls);
    if (unique.size === 0) return results;
    const rows = decideWithinBatch(unique);
    await this.connection.run('BEGIN TRANSACTION');
    try {
      await this.connection.run('DELETE FROM step_staging; DELETE FROM trace_staging;');
      await this.append('step_staging', STEP_COLUMN_TYPES, toStepColumns(rows));
      const inserted = await this.connection.runAndReadAll(
        `INSERT INTO steps SELECT * FROM step_staging ON CONFLICT DO NOTHING
         RETURNING trace_id, span_id`,
      );
      const insertedSteps: PricedStep[] = [];
      for (const [traceId, spanId] of inserted.getRows()) {
        const staged = unique.get(stepKey(String(traceId), String(spanId)));
        if (!staged) throw new Error(`insert returned an unknown step ${traceId}/${spanId}`);
        const result = results[staged.call];
        if (result) {
          result.inserted += 1;
          result.duplicates -= 1;
        }
        insertedSteps.push(staged.step);
      }
      await redecideTraces(this.connection, await this.upsertTraces(insertedSteps));
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
    return results;
  }

  /** Adds the inserted steps to their traces' summaries and returns the touched traces. */
  private async upsertTraces(steps: readonly PricedStep[]): Promise<TouchedTrace[]> {
    const batch = new Map<string, { first: bigint; last: bigint; steps: number; usage: number }>();
    for (const step of steps) {
      const trace = batch.get(step.traceId);
      const usage = hasUsage(step.usage) ? 1 : 0;
      const start = step.startTimeUnixNano;
      if (!trace) {
        batch.set(step.traceId, { first: start, last: start, steps: 1, usage });
        continue;
      }
      if (start < trace.first) trace.first = start;
      if (start > trace.last) trace.last = start;
      trace.steps += 1;
      trace.usage += usage;
    }
    if (batch.size === 0) return [];
    const entries = [...batch];
    await this.append('trace_staging', TRACE_STAGING_TYPES, [
      entries.map(([traceId]) => traceId),
      entries.map(([, trace]) => timestampNanosValue(trace.first)),
      entries.map(([, trace]) => timestampNanosValue(trace.last)),
      entries.map(([, trace]) => BigInt(trace.steps)),
      entries.map(([, trace]) => BigInt(trace.usage)),
    ]);
    const reader = await this.connection.runAndReadAll(`
      INSERT INTO traces SELECT * FROM trace_staging ON CONFLICT (trace_id) DO UPDATE SET
        first_start_time = least(traces.first_start_time, excluded.first_start_time),
        last_start_time = greatest(traces.last_start_time, excluded.last_start_time),
        steps = traces.steps + excluded.steps,
        usage_steps = traces.usage_steps + excluded.usage_steps
      RETURNING trace_id, epoch_ns(first_start_time), epoch_ns(last_start_time), steps, usage_steps`);
    return reader.getRows().map(([traceId, first, last, total, usage]) => ({
      traceId: String(traceId),
      firstStartUnixNano: BigInt(first as bigint),
      lastStartUnixNano: BigInt(last as bigint),
      preExisting: Number(total) > (batch.get(String(traceId))?.steps ?? 0),
      usageSteps: Number(usage),
    }));
  }

  private async append(
    table: string,
    types: readonly DuckDBType[],
    columns: readonly DuckDBValue[][],
  ): Promise<void> {
    const appender: DuckDBAppender = await this.connection.createAppender(table, 'main', 'temp');
    const rowCount = columns[0]?.length ?? 0;
    for (let offset = 0; offset < rowCount; offset += CHUNK_ROWS) {
      const chunk = DuckDBDataChunk.create([...types]);
      chunk.setColumns(columns.map((column) => column.slice(offset, offset + CHUNK_ROWS)));
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
  }
}

function stepKey(traceId: string, spanId: string): string {
  return `${traceId}/${spanId}`;
}

/** The first copy of each (traceId, spanId) across the merged calls, with the call it came from. */
function uniqueSteps(calls: readonly (readonly PricedStep[])[]): Map<string, Staged> {
  const unique = new Map<string, Staged>();
  calls.forEach((steps, call) => {
    for (const step of steps) {
      const key = stepKey(step.traceId, step.spanId);
      if (!unique.has(key)) unique.set(key, { call, step });
    }
  });
  return unique;
}

/**
 * Decides counting from the batch alone, which is final for traces wholly inside the batch;
 * traces with earlier steps are re-decided after the insert.
 */
function decideWithinBatch(unique: Map<string, Staged>): StepRowInput[] {
  const byTrace = new Map<string, PricedStep[]>();
  for (const { step } of unique.values()) {
    const steps = byTrace.get(step.traceId);
    if (steps) steps.push(step);
    else byTrace.set(step.traceId, [step]);
  }
  const rows: StepRowInput[] = [];
  for (const steps of byTrace.values()) {
    const decisions: Map<string, UsageExclusion | null> =
      steps.length > 1 ? decideUsageCounting(steps.map(toUsageNode)) : new Map();
    for (const step of steps) {
      rows.push({ step, usageExclusion: decisions.get(step.spanId) ?? null });
    }
  }
  return rows;
}

function toUsageNode(step: PricedStep) {
  return {
    spanId: step.spanId,
    parentSpanId: step.parentSpanId,
    hasUsage: hasUsage(step.usage),
    responseId: step.responseId,
  };
}
