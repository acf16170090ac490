/**
 * The `traces` table: per-trace time bounds and step counts, upserted in each transaction. Its
 * answer tells which touched traces already had steps (so may hold duplicates) and which need
 * their usage counting re-decided.
 */
import {
  BIGINT,
  type DuckDBConnection,
  TIMESTAMP_NS,
  timestampNanosValue,
  VARCHAR,
} from '@duckdb/node-api';
import { hasUsage, type PricedStep } from '../../domain/index.js';
import { appendColumns } from './append-columns.js';
import type { TouchedTrace } from './usage-redecision.js';

export interface TraceSummary {
  first: bigint;
  last: bigint;
  steps: number;
  usageSteps: number;
}

const TYPES = [VARCHAR, TIMESTAMP_NS, TIMESTAMP_NS, BIGINT, BIGINT];

export function summarizeTraces(steps: Iterable<PricedStep>): Map<string, TraceSummary> {
  const summaries = new Map<string, TraceSummary>();
  for (const step of steps) {
    const usage = hasUsage(step.usage) ? 1 : 0;
    const start = step.startTimeUnixNano;
    const trace = summaries.get(step.traceId);
    if (!trace) {
      summaries.set(step.traceId, { first: start, last: start, steps: 1, usageSteps: usage });
      continue;
    }
    if (start < trace.first) trace.first = start;
    if (start > trace.last) trace.last = start;
    trace.steps += 1;
    trace.usageSteps += usage;
  }
  return summaries;
}

/**
 * Adds the summaries (negative counts take back duplicates) and returns each trace's new state.
 * Time bounds only widen, so they always cover the trace's stored steps.
 */
export async function upsertTraceSummaries(
  connection: DuckDBConnection,
  summaries: ReadonlyMap<string, TraceSummary>,
): Promise<TouchedTrace[]> {
  if (summaries.size === 0) return [];
  const entries = [...summaries];
  await connection.run('DELETE FROM trace_staging');
  await appendColumns(
    connection,
    'trace_staging',
    TYPES,
    [
      entries.map(([traceId]) => traceId),
      entries.map(([, trace]) => timestampNanosValue(trace.first)),
      entries.map(([, trace]) => timestampNanosValue(trace.last)),
      entries.map(([, trace]) => BigInt(trace.steps)),
      entries.map(([, trace]) => BigInt(trace.usageSteps)),
    ],
    true,
  );
  const reader = await connection.runAndReadAll(`
    INSERT INTO traces SELECT * FROM trace_staging ON CONFLICT (trace_id) DO UPDATE SET
      first_start_time = least(traces.first_start_time, excluded.first_start_time),
      last_start_time = greatest(traces.last_start_time, excluded.last_start_time),
      steps = traces.steps + excluded.steps,
      usage_steps = traces.usage_steps + excluded.usage_steps
    RETURNING trace_id, epoch_ns(first_start_time), epoch_ns(last_start_time), steps, usage_steps`);
  return reader.getRows().map(([traceId, first, last, steps, usageSteps]) => ({
    traceId: String(traceId),
    firstStartUnixNano: BigInt(first as bigint),
    lastStartUnixNano: BigInt(last as bigint),
    preExisting: Number(steps) > (summaries.get(String(traceId))?.steps ?? 0),
    usageSteps: Number(usageSteps),
  }));
}
