/**
 * One group-commit transaction on DuckDB: record the merged calls' traces, append the steps of
 * new traces directly, insert the steps of known traces first-copy-wins through a staging table,
 * then re-decide usage counting for the known traces that need it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  decideUsageCounting,
  hasUsage,
  type PricedStep,
  type UsageExclusion,
} from '../../domain/index.js';
import type { InsertResult } from '../store.js';
import { appendColumns } from './append-columns.js';
import {
  STEP_COLUMN_LIST,
  STEP_COLUMN_TYPES,
  type StepRowInput,
  toStepColumns,
} from './step-rows.js';
import { summarizeTraces, type TraceSummary, upsertTraceSummaries } from './trace-summaries.js';
import { createRedecisionTables, redecideTraces, type TouchedTrace } from './usage-redecision.js';

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
    const summaries = summarizeTraces(rows.map((row) => row.step));
    await this.connection.run('BEGIN TRANSACTION');
    try {
      const touched = await upsertTraceSummaries(this.connection, summaries);
      const known = new Set(touched.filter((t) => t.preExisting).map((t) => t.traceId));
      const fresh = rows.filter((row) => !known.has(row.step.traceId));
      // A trace first seen in this transaction cannot hold a stored copy of any of its steps.
      await appendColumns(this.connection, 'steps', STEP_COLUMN_TYPES, toStepColumns(fresh), false);
      const inserted = [...fresh.map((row) => row.step), ...(await this.insertKnown(rows, known))];
      for (const step of inserted) {
        const result = results[unique.get(stepKey(step.traceId, step.spanId))?.call ?? -1];
        if (!result) throw new Error(`inserted an unknown step ${step.traceId}/${step.spanId}`);
        result.inserted += 1;
        result.duplicates -= 1;
      }
      const corrected = await this.takeBackDuplicates(summaries, inserted, touched);
      await redecideTraces(this.connection, corrected);
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
    return results;
  }

  /** Inserts the steps of already-known traces, skipping stored ones; returns those inserted. */
  private async insertKnown(
    rows: readonly StepRowInput[],
    known: ReadonlySet<string>,
  ): Promise<PricedStep[]> {
    const staged = rows.filter((row) => known.has(row.step.traceId));
    if (staged.length === 0) return [];
    const byKey = new Map(staged.map((row) => [stepKey(row.step.traceId, row.step.spanId), row]));
    await this.connection.run('DELETE FROM step_staging');
    await appendColumns(
      this.connection,
      'step_staging',
      STEP_COLUMN_TYPES,
      toStepColumns(staged),
      true,
    );
    const reader = await this.connection.runAndReadAll(
      `INSERT INTO steps SELECT * FROM step_staging ON CONFLICT DO NOTHING
       RETURNING trace_id, span_id`,
    );
    return reader.getRows().map(([traceId, spanId]) => {
      const row = byKey.get(stepKey(String(traceId), String(spanId)));
      if (!row) throw new Error(`insert returned an unknown step ${traceId}/${spanId}`);
      return row.step;
    });
  }

  /** Removes duplicates from the trace counts added up front; returns the corrected traces. */
  private async takeBackDuplicates(
    summaries: ReadonlyMap<string, TraceSummary>,
    inserted: readonly PricedStep[],
    touched: readonly TouchedTrace[],
  ): Promise<TouchedTrace[]> {
    const stored = summarizeTraces(inserted);
    const deltas = new Map<string, TraceSummary>();
    for (const [traceId, offered] of summaries) {
      const kept = stored.get(traceId);
      const steps = (kept?.steps ?? 0) - offered.steps;
      if (steps === 0) continue;
      const usageSteps = (kept?.usageSteps ?? 0) - offered.usageSteps;
      deltas.set(traceId, { first: offered.first, last: offered.last, steps, usageSteps });
    }
    if (deltas.size === 0) return [...touched];
    const updated = new Map(
      (await upsertTraceSummaries(this.connection, deltas)).map((t) => [t.traceId, t.usageSteps]),
    );
    return touched.map((t) => ({ ...t, usageSteps: updated.get(t.traceId) ?? t.usageSteps }));
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
 * Decides counting from the batch alone, which is final for traces first seen in this batch;
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
