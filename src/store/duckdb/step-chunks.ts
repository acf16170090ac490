/**
 * Planned `steps` rows → DuckDB data chunks for the appender, column by column in the table's
 * order. Numbers land in the chunk's own buffers; money crosses as exact femto-dollars, which is
 * DECIMAL(38,15)'s unscaled integer, so no text or float ever carries it.
 */
import {
  BIGINT,
  BOOLEAN,
  DECIMAL,
  DuckDBDataChunk,
  DuckDBDecimalValue,
  DuckDBTimestampNanosecondsValue,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  TIMESTAMP_NS,
  VARCHAR,
} from '@duckdb/node-api';
import { LINK_KEYS, type PricedStep, usdToFemto } from '../../domain/index.js';
import type { PlannedRow } from '../insert-plan.js';
import { CHUNK_ROWS } from './trace-part-sql.js';

const MONEY_TYPE = DECIMAL(38, 15);

const money = (femto: bigint | null): DuckDBValue =>
  femto === null ? null : new DuckDBDecimalValue(femto, 38, 15);
const big = (value: number | bigint | null): DuckDBValue => (value === null ? null : BigInt(value));

type Read = (step: PricedStep, row: PlannedRow) => DuckDBValue;

/** Steps' attribute JSON, encoded when they are enqueued, off the transaction's serial path. */
const attributeJson = new WeakMap<PricedStep, string>();

export function preEncodeAttributes(steps: readonly PricedStep[]): void {
  for (const step of steps) attributeJson.set(step, JSON.stringify(step.attributes));
}

/** The `steps` table's columns in order, each with its chunk type and reader. */
export type StepChunkLayout = readonly { type: DuckDBType; read: Read }[];

/** Each `steps` column the writer fills, its type, and how a planned row yields its value. */
export const STEP_CHUNK_COLUMNS: ReadonlyMap<string, { type: DuckDBType; read: Read }> = new Map<
  string,
  { type: DuckDBType; read: Read }
>([
  ['trace_id', { type: VARCHAR, read: (s) => s.traceId }],
  ['span_id', { type: VARCHAR, read: (s) => s.spanId }],
  ['parent_span_id', { type: VARCHAR, read: (s) => s.parentSpanId }],
  ['kind', { type: VARCHAR, read: (s) => s.kind }],
  ['name', { type: VARCHAR, read: (s) => s.name }],
  ['convention', { type: VARCHAR, read: (s) => s.convention }],
  ['model', { type: VARCHAR, read: (s) => s.model }],
  ['request_model', { type: VARCHAR, read: (s) => s.requestModel }],
  ['provider', { type: VARCHAR, read: (s) => s.provider }],
  ['response_id', { type: VARCHAR, read: (s) => s.responseId }],
  ['input_tokens', { type: BIGINT, read: (s) => big(s.usage.inputTokens) }],
  ['output_tokens', { type: BIGINT, read: (s) => big(s.usage.outputTokens) }],
  ['cache_read_tokens', { type: BIGINT, read: (s) => big(s.usage.cacheReadTokens) }],
  ['cache_write_tokens', { type: BIGINT, read: (s) => big(s.usage.cacheWriteTokens) }],
  ['cache_write_1h_tokens', { type: BIGINT, read: (s) => big(s.usage.cacheWrite1hTokens) }],
  ['reasoning_tokens', { type: BIGINT, read: (s) => big(s.usage.reasoningTokens) }],
  ['usage_is_rollup', { type: BOOLEAN, read: (s) => s.usageIsRollup }],
  [
    'provided_cost_usd',
    {
      type: MONEY_TYPE,
      read: (s) => money(s.providedCostUsd === null ? null : usdToFemto(s.providedCostUsd)),
    },
  ],
  ['service_tier', { type: VARCHAR, read: (s) => s.serviceTier }],
  [
    'start_time',
    { type: TIMESTAMP_NS, read: (s) => new DuckDBTimestampNanosecondsValue(s.startTimeUnixNano) },
  ],
  ['duration_ns', { type: BIGINT, read: (s) => s.durationNano }],
  ['status', { type: VARCHAR, read: (s) => s.status }],
  ['status_message', { type: VARCHAR, read: (s) => s.statusMessage }],
  ['service_name', { type: VARCHAR, read: (s) => s.serviceName }],
  ['session_id', { type: VARCHAR, read: (s) => s.sessionId }],
  ['tool_name', { type: VARCHAR, read: (s) => s.toolName }],
  ['work_unit_id', { type: VARCHAR, read: (s) => s.attributes[LINK_KEYS.workUnitId] ?? null }],
  ['workflow', { type: VARCHAR, read: (s) => s.attributes[LINK_KEYS.workflow] ?? null }],
  ['attempt', { type: VARCHAR, read: (s) => s.attributes[LINK_KEYS.attempt] ?? null }],
  [
    'attributes',
    { type: VARCHAR, read: (s) => attributeJson.get(s) ?? JSON.stringify(s.attributes) },
  ],
  ['pricing_status', { type: VARCHAR, read: (s) => s.cost.pricingStatus }],
  ['cost_usd', { type: MONEY_TYPE, read: (s) => money(s.cost.costFemto) }],
  ['input_cost_usd', { type: MONEY_TYPE, read: (s) => money(s.cost.inputCostFemto) }],
  ['output_cost_usd', { type: MONEY_TYPE, read: (s) => money(s.cost.outputCostFemto) }],
  ['price_source', { type: VARCHAR, read: (s) => s.cost.priceSource }],
  ['price_id', { type: VARCHAR, read: (s) => s.cost.priceId }],
  ['price_version', { type: VARCHAR, read: (s) => s.cost.priceVersion }],
  ['usage_counted', { type: BOOLEAN, read: (_, row) => row.exclusion === null }],
  ['usage_exclusion', { type: VARCHAR, read: (_, row) => row.exclusion }],
  ['step_name', { type: VARCHAR, read: (s) => s.stepName }],
  ['fingerprint', { type: VARCHAR, read: (s) => s.fingerprint }],
  ['argument_bytes', { type: INTEGER, read: (s) => s.argumentBytes }],
  [
    'documents',
    { type: VARCHAR, read: (s) => (s.documents === null ? null : JSON.stringify(s.documents)) },
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
): DuckDBDataChunk[] {
  const chunkRows = CHUNK_ROWS;
  const types = layout.map((column) => column.type);
  const chunks: DuckDBDataChunk[] = [];
  for (let from = 0; from < rows.length; from += chunkRows) {
    const slice = rows.slice(from, from + chunkRows);
    const chunk = DuckDBDataChunk.create(types, slice.length);
    layout.forEach((column, index) => {
      chunk.setColumnValues(
        index,
        slice.map((row) => column.read(row.step, row)),
      );
    });
    chunks.push(chunk);
  }
  return chunks;
}
