/**
 * Planned `steps` rows → DuckDB data chunks for the appender, column by column in the table's
 * order (chunk-columns.ts fills them). Money crosses as exact femto-dollars, DECIMAL(38,15)'s
 * unscaled integer, so no text or float ever carries it.
 */

import type { DuckDBDataChunk } from '@duckdb/node-api';
import { LINK_KEYS, type PricedStep, usdToFemto } from '../../domain/index.js';
import type { PlannedRow } from '../insert-plan.js';
import {
  type ChunkColumn,
  type ColumnKind,
  type ColumnValue,
  fillChunks,
} from './chunk-columns.js';

/**
 * Steps' attribute JSON as UTF-8, encoded when they are enqueued, off the transaction's serial
 * path. The bytes live in one buffer per call, outside the JS heap: kept as strings (~1 KB each)
 * until their transaction committed, they outlived young-generation collections and piled up in
 * the old generation (the JS heap peak doubled when this replaced the CSV path's buffers).
 */
const attributeJson = new WeakMap<PricedStep, Uint8Array>();

export function preEncodeAttributes(steps: readonly PricedStep[]): void {
  let buffer = Buffer.allocUnsafe(Math.max(4096, steps.length * 1024));
  let length = 0;
  const ends: number[] = [];
  for (const step of steps) {
    const json = JSON.stringify(step.attributes);
    const most = json.length * 3;
    if (length + most > buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, length + most));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    length += buffer.write(json, length);
    ends.push(length);
  }
  steps.forEach((step, index) => {
    attributeJson.set(step, buffer.subarray(ends[index - 1] ?? 0, ends[index]));
  });
}

/** The `steps` table's columns in order, each with its kind and reader. */
export type StepChunkLayout = readonly ChunkColumn<PlannedRow>[];

const column = (
  kind: ColumnKind,
  read: (row: PlannedRow) => ColumnValue,
): ChunkColumn<PlannedRow> => ({ kind, read });

/** Each `steps` column the writer fills: how it is stored and how a planned row yields it. */
export const STEP_CHUNK_COLUMNS: ReadonlyMap<string, ChunkColumn<PlannedRow>> = new Map([
  ['trace_id', column('unique', (r) => r.step.traceId)],
  ['span_id', column('unique', (r) => r.step.spanId)],
  ['parent_span_id', column('unique', (r) => r.step.parentSpanId)],
  ['kind', column('text', (r) => r.step.kind)],
  ['name', column('text', (r) => r.step.name)],
  ['convention', column('text', (r) => r.step.convention)],
  ['model', column('text', (r) => r.step.model)],
  ['request_model', column('text', (r) => r.step.requestModel)],
  ['provider', column('text', (r) => r.step.provider)],
  ['response_id', column('unique', (r) => r.step.responseId)],
  ['input_tokens', column('bigint', (r) => r.step.usage.inputTokens)],
  ['output_tokens', column('bigint', (r) => r.step.usage.outputTokens)],
  ['cache_read_tokens', column('bigint', (r) => r.step.usage.cacheReadTokens)],
  ['cache_write_tokens', column('bigint', (r) => r.step.usage.cacheWriteTokens)],
  ['cache_write_1h_tokens', column('bigint', (r) => r.step.usage.cacheWrite1hTokens)],
  ['reasoning_tokens', column('bigint', (r) => r.step.usage.reasoningTokens)],
  ['usage_is_rollup', column('boolean', (r) => r.step.usageIsRollup)],
  [
    'provided_cost_usd',
    column('money', (r) =>
      r.step.providedCostUsd === null ? null : usdToFemto(r.step.providedCostUsd),
    ),
  ],
  ['service_tier', column('text', (r) => r.step.serviceTier)],
  ['start_time', column('timestamp_ns', (r) => r.step.startTimeUnixNano)],
  ['duration_ns', column('bigint', (r) => r.step.durationNano)],
  ['status', column('text', (r) => r.step.status)],
  ['status_message', column('text', (r) => r.step.statusMessage)],
  ['service_name', column('text', (r) => r.step.serviceName)],
  ['session_id', column('text', (r) => r.step.sessionId)],
  ['tool_name', column('text', (r) => r.step.toolName)],
  ['work_unit_id', column('unique', (r) => r.step.attributes[LINK_KEYS.workUnitId] ?? null)],
  ['workflow', column('text', (r) => r.step.attributes[LINK_KEYS.workflow] ?? null)],
  ['attempt', column('unique', (r) => r.step.attributes[LINK_KEYS.attempt] ?? null)],
  [
    'attributes',
    column('unique', (r) => attributeJson.get(r.step) ?? JSON.stringify(r.step.attributes)),
  ],
  ['pricing_status', column('text', (r) => r.step.cost.pricingStatus)],
  ['cost_usd', column('money', (r) => r.step.cost.costFemto)],
  ['input_cost_usd', column('money', (r) => r.step.cost.inputCostFemto)],
  ['output_cost_usd', column('money', (r) => r.step.cost.outputCostFemto)],
  ['price_source', column('text', (r) => r.step.cost.priceSource)],
  ['price_id', column('text', (r) => r.step.cost.priceId)],
  ['price_version', column('text', (r) => r.step.cost.priceVersion)],
  ['usage_counted', column('boolean', (r) => r.exclusion === null)],
  ['usage_exclusion', column('text', (r) => r.exclusion)],
  ['step_name', column('text', (r) => r.step.stepName)],
  ['fingerprint', column('unique', (r) => r.step.fingerprint)],
  ['argument_bytes', column('integer', (r) => r.step.argumentBytes)],
  [
    'documents',
    column('unique', (r) => (r.step.documents === null ? null : JSON.stringify(r.step.documents))),
  ],
]);

/** The readers of the table's columns in its order; a column the writer cannot fill is an error. */
export function chunkLayout(tableColumns: readonly string[]): StepChunkLayout {
  return tableColumns.map((name) => {
    const known = STEP_CHUNK_COLUMNS.get(name);
    if (!known) throw new Error(`steps column ${name} has no value in the step writer`);
    return known;
  });
}

/** The rows as data chunks in the layout's column order. */
export function stepChunks(
  rows: readonly PlannedRow[],
  layout: StepChunkLayout,
  pool: DuckDBDataChunk[],
): DuckDBDataChunk[] {
  return fillChunks(rows, layout, pool);
}
