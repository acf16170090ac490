/**
 * Planned `steps` rows → DuckDB data chunks for the appender, column by column in the table's
 * order (chunk-columns.ts fills them). Money crosses as exact femto-dollars, DECIMAL(38,15)'s
 * unscaled integer, so no text or float ever carries it.
 */
import { LINK_KEYS, type PricedStep, usdToFemto } from '../../domain/index.js';
import type { PlannedRow } from '../insert-plan.js';
import {
  type ChunkColumn,
  type ColumnKind,
  type ColumnValue,
  fillChunks,
} from './chunk-columns.js';

/** Steps' attribute JSON, encoded when they are enqueued, off the transaction's serial path. */
const attributeJson = new WeakMap<PricedStep, string>();

export function preEncodeAttributes(steps: readonly PricedStep[]): void {
  for (const step of steps) attributeJson.set(step, JSON.stringify(step.attributes));
}

/** The `steps` table's columns in order, each with its kind and reader. */
export type StepChunkLayout = readonly ChunkColumn<PlannedRow>[];

const column = (
  kind: ColumnKind,
  read: (step: PricedStep, row: PlannedRow) => ColumnValue,
): ChunkColumn<PlannedRow> => ({ kind, read: (row) => read(row.step, row) });

/** Each `steps` column the writer fills: how it is stored and how a planned row yields it. */
export const STEP_CHUNK_COLUMNS: ReadonlyMap<string, ChunkColumn<PlannedRow>> = new Map([
  ['trace_id', column('unique', (s) => s.traceId)],
  ['span_id', column('unique', (s) => s.spanId)],
  ['parent_span_id', column('unique', (s) => s.parentSpanId)],
  ['kind', column('text', (s) => s.kind)],
  ['name', column('text', (s) => s.name)],
  ['convention', column('text', (s) => s.convention)],
  ['model', column('text', (s) => s.model)],
  ['request_model', column('text', (s) => s.requestModel)],
  ['provider', column('text', (s) => s.provider)],
  ['response_id', column('unique', (s) => s.responseId)],
  ['input_tokens', column('bigint', (s) => s.usage.inputTokens)],
  ['output_tokens', column('bigint', (s) => s.usage.outputTokens)],
  ['cache_read_tokens', column('bigint', (s) => s.usage.cacheReadTokens)],
  ['cache_write_tokens', column('bigint', (s) => s.usage.cacheWriteTokens)],
  ['cache_write_1h_tokens', column('bigint', (s) => s.usage.cacheWrite1hTokens)],
  ['reasoning_tokens', column('bigint', (s) => s.usage.reasoningTokens)],
  ['usage_is_rollup', column('boolean', (s) => s.usageIsRollup)],
  [
    'provided_cost_usd',
    column('money', (s) => (s.providedCostUsd === null ? null : usdToFemto(s.providedCostUsd))),
  ],
  ['service_tier', column('text', (s) => s.serviceTier)],
  ['start_time', column('timestamp_ns', (s) => s.startTimeUnixNano)],
  ['duration_ns', column('bigint', (s) => s.durationNano)],
  ['status', column('text', (s) => s.status)],
  ['status_message', column('text', (s) => s.statusMessage)],
  ['service_name', column('text', (s) => s.serviceName)],
  ['session_id', column('text', (s) => s.sessionId)],
  ['tool_name', column('text', (s) => s.toolName)],
  ['work_unit_id', column('unique', (s) => s.attributes[LINK_KEYS.workUnitId] ?? null)],
  ['workflow', column('text', (s) => s.attributes[LINK_KEYS.workflow] ?? null)],
  ['attempt', column('unique', (s) => s.attributes[LINK_KEYS.attempt] ?? null)],
  ['attributes', column('unique', (s) => attributeJson.get(s) ?? JSON.stringify(s.attributes))],
  ['pricing_status', column('text', (s) => s.cost.pricingStatus)],
  ['cost_usd', column('money', (s) => s.cost.costFemto)],
  ['input_cost_usd', column('money', (s) => s.cost.inputCostFemto)],
  ['output_cost_usd', column('money', (s) => s.cost.outputCostFemto)],
  ['price_source', column('text', (s) => s.cost.priceSource)],
  ['price_id', column('text', (s) => s.cost.priceId)],
  ['price_version', column('text', (s) => s.cost.priceVersion)],
  ['usage_counted', column('boolean', (_, row) => row.exclusion === null)],
  ['usage_exclusion', column('text', (_, row) => row.exclusion)],
  ['step_name', column('text', (s) => s.stepName)],
  ['fingerprint', column('unique', (s) => s.fingerprint)],
  ['argument_bytes', column('integer', (s) => s.argumentBytes)],
  [
    'documents',
    column('unique', (s) => (s.documents === null ? null : JSON.stringify(s.documents))),
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
export function stepChunks(rows: readonly PlannedRow[], layout: StepChunkLayout) {
  return fillChunks(rows, layout);
}
