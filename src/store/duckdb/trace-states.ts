/**
 * The DuckDB read behind the TraceIndex's LRU: the stored usage-counting state of traces missing
 * from it, in one batched scan per transaction (its Bloom filter: trace-bloom.ts).
 */
import {
  type DuckDBConnection,
  type DuckDBValue,
  LIST,
  listValue,
  VARCHAR,
} from '@duckdb/node-api';
import type { StepKind, UsageExclusion } from '../../domain/index.js';
import { emptyTraceState, type TraceState } from '../trace-index.js';

/** Same test as the domain's `hasUsage`, evaluated in SQL. */
const HAS_USAGE = `(input_tokens IS NOT NULL OR output_tokens IS NOT NULL
  OR cache_read_tokens IS NOT NULL OR cache_write_tokens IS NOT NULL)`;

const text = (value: DuckDBValue | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

/** Stored state of each trace (empty for a Bloom false positive), read in one scan. */
export async function loadTraceStates(
  connection: DuckDBConnection,
  traceIds: readonly string[],
): Promise<Map<string, TraceState>> {
  const states = new Map<string, TraceState>();
  for (const traceId of traceIds) states.set(traceId, emptyTraceState());
  const reader = await connection.runAndReadAll(
    `SELECT trace_id, span_id, parent_span_id, response_id, ${HAS_USAGE}, usage_exclusion,
            epoch_ns(start_time), kind, input_tokens, output_tokens,
            (cache_read_tokens IS NOT NULL)::INT + (cache_write_tokens IS NOT NULL)::INT
              + (reasoning_tokens IS NOT NULL)::INT
     FROM steps WHERE trace_id IN (SELECT unnest($1))`,
    [listValue([...traceIds])],
    [LIST(VARCHAR)],
  );
  for (const [
    traceId,
    spanId,
    parentSpanId,
    responseId,
    usage,
    exclusion,
    start,
    kind,
    inputTokens,
    outputTokens,
    detail,
  ] of reader.getRows()) {
    const state = states.get(String(traceId));
    if (!state) continue;
    const hasUsage = usage === true;
    state.spans.set(String(spanId), {
      // The same field order as insert-plan.ts's spans, so both share one hidden class.
      spanId: String(spanId),
      parentSpanId: text(parentSpanId),
      kind: String(kind) as StepKind,
      hasUsage,
      inputTokens: inputTokens === null ? null : Number(inputTokens),
      outputTokens: outputTokens === null ? null : Number(outputTokens),
      usageDetail: Number(detail),
      responseId: text(responseId),
      startTimeUnixNano: BigInt(start as bigint),
      exclusion: text(exclusion) as UsageExclusion | null,
    });
    if (hasUsage) state.usageSpans += 1;
  }
  return states;
}
