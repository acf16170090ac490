/**
 * The `steps` row ↔ `StoredStep` mapping: column order and types for appending, and conversion
 * of DuckDB values back to domain values. Money crosses as scaled bigints, never floats.
 */
import {
  BIGINT,
  BOOLEAN,
  DECIMAL,
  DuckDBDecimalValue,
  DuckDBMapValue,
  DuckDBTimestampNanosecondsValue,
  type DuckDBType,
  type DuckDBValue,
  decimalValue,
  MAP,
  mapValue,
  TIMESTAMP_NS,
  timestampNanosValue,
  VARCHAR,
} from '@duckdb/node-api';
import {
  type FemtoUsd,
  femtoToUsdString,
  type PricedStep,
  type StoredStep,
  type UsageExclusion,
  usdToFemto,
} from '../../domain/index.js';

const MONEY = DECIMAL(38, 15);
const MONEY_SCALE = 15;

/** A step on its way in: the priced step plus the usage decision taken before it is stored. */
export interface StepRowInput {
  step: PricedStep;
  usageExclusion: UsageExclusion | null;
}

interface Column {
  name: string;
  type: DuckDBType;
  write: (input: StepRowInput) => DuckDBValue;
}

const int = (value: number | null): bigint | null => (value === null ? null : BigInt(value));
const money = (femto: FemtoUsd | null): DuckDBValue =>
  femto === null ? null : decimalValue(femto, 38, MONEY_SCALE);

/** The columns of `steps` in table order; staging tables are created with the same shape. */
export const STEP_COLUMNS: readonly Column[] = [
  { name: 'trace_id', type: VARCHAR, write: ({ step }) => step.traceId },
  { name: 'span_id', type: VARCHAR, write: ({ step }) => step.spanId },
  { name: 'parent_span_id', type: VARCHAR, write: ({ step }) => step.parentSpanId },
  { name: 'kind', type: VARCHAR, write: ({ step }) => step.kind },
  { name: 'name', type: VARCHAR, write: ({ step }) => step.name },
  { name: 'convention', type: VARCHAR, write: ({ step }) => step.convention },
  { name: 'model', type: VARCHAR, write: ({ step }) => step.model },
  { name: 'request_model', type: VARCHAR, write: ({ step }) => step.requestModel },
  { name: 'provider', type: VARCHAR, write: ({ step }) => step.provider },
  { name: 'response_id', type: VARCHAR, write: ({ step }) => step.responseId },
  { name: 'input_tokens', type: BIGINT, write: ({ step }) => int(step.usage.inputTokens) },
  { name: 'output_tokens', type: BIGINT, write: ({ step }) => int(step.usage.outputTokens) },
  { name: 'cache_read_tokens', type: BIGINT, write: ({ step }) => int(step.usage.cacheReadTokens) },
  {
    name: 'cache_write_tokens',
    type: BIGINT,
    write: ({ step }) => int(step.usage.cacheWriteTokens),
  },
  {
    name: 'cache_write_1h_tokens',
    type: BIGINT,
    write: ({ step }) => int(step.usage.cacheWrite1hTokens),
  },
  { name: 'reasoning_tokens', type: BIGINT, write: ({ step }) => int(step.usage.reasoningTokens) },
  { name: 'usage_is_rollup', type: BOOLEAN, write: ({ step }) => step.usageIsRollup },
  {
    name: 'provided_cost_usd',
    type: MONEY,
    write: ({ step }) =>
      step.providedCostUsd === null ? null : money(usdToFemto(step.providedCostUsd)),
  },
  { name: 'service_tier', type: VARCHAR, write: ({ step }) => step.serviceTier },
  {
    name: 'start_time',
    type: TIMESTAMP_NS,
    write: ({ step }) => timestampNanosValue(step.startTimeUnixNano),
  },
  { name: 'duration_ns', type: BIGINT, write: ({ step }) => step.durationNano },
  { name: 'status', type: VARCHAR, write: ({ step }) => step.status },
  { name: 'status_message', type: VARCHAR, write: ({ step }) => step.statusMessage },
  { name: 'service_name', type: VARCHAR, write: ({ step }) => step.serviceName },
  { name: 'session_id', type: VARCHAR, write: ({ step }) => step.sessionId },
  { name: 'tool_name', type: VARCHAR, write: ({ step }) => step.toolName },
  {
    name: 'attributes',
    type: MAP(VARCHAR, VARCHAR),
    write: ({ step }) =>
      mapValue(Object.entries(step.attributes).map(([key, value]) => ({ key, value }))),
  },
  { name: 'pricing_status', type: VARCHAR, write: ({ step }) => step.cost.pricingStatus },
  { name: 'cost_usd', type: MONEY, write: ({ step }) => money(step.cost.costFemto) },
  { name: 'input_cost_usd', type: MONEY, write: ({ step }) => money(step.cost.inputCostFemto) },
  { name: 'output_cost_usd', type: MONEY, write: ({ step }) => money(step.cost.outputCostFemto) },
  { name: 'price_source', type: VARCHAR, write: ({ step }) => step.cost.priceSource },
  { name: 'price_id', type: VARCHAR, write: ({ step }) => step.cost.priceId },
  { name: 'price_version', type: VARCHAR, write: ({ step }) => step.cost.priceVersion },
  { name: 'usage_counted', type: BOOLEAN, write: (input) => input.usageExclusion === null },
  { name: 'usage_exclusion', type: VARCHAR, write: (input) => input.usageExclusion },
];

export const STEP_COLUMN_TYPES: readonly DuckDBType[] = STEP_COLUMNS.map((column) => column.type);
export const STEP_COLUMN_LIST = STEP_COLUMNS.map((column) => column.name).join(', ');

/** Column-major values for one data chunk of rows. */
export function toStepColumns(rows: readonly StepRowInput[]): DuckDBValue[][] {
  return STEP_COLUMNS.map((column) => rows.map(column.write));
}

/** Exact femto-dollars from a DECIMAL value of any scale (DuckDB may widen or narrow a sum). */
export function decimalToFemto(value: DuckDBValue): FemtoUsd | null {
  if (value === null) return null;
  if (!(value instanceof DuckDBDecimalValue)) throw new TypeError(`not a DECIMAL: ${value}`);
  const shift = MONEY_SCALE - value.scale;
  return shift >= 0 ? value.value * 10n ** BigInt(shift) : value.value / 10n ** BigInt(-shift);
}

export function toNumber(value: DuckDBValue): number | null {
  if (value === null) return null;
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
  if (value instanceof DuckDBDecimalValue) return Number(value.value / 10n ** BigInt(value.scale));
  throw new TypeError(`not a number: ${value}`);
}

function text(value: DuckDBValue): string | null {
  if (value === null) return null;
  if (typeof value !== 'string') throw new TypeError(`not a VARCHAR: ${value}`);
  return value;
}

function requiredText(value: DuckDBValue): string {
  const result = text(value);
  if (result === null) throw new TypeError('unexpected NULL');
  return result;
}

function nanos(value: DuckDBValue): bigint {
  if (value instanceof DuckDBTimestampNanosecondsValue) return value.nanos;
  if (typeof value === 'bigint') return value;
  throw new TypeError(`not nanoseconds: ${value}`);
}

function attributes(value: DuckDBValue): Record<string, string> {
  if (!(value instanceof DuckDBMapValue)) throw new TypeError(`not a MAP: ${value}`);
  const result: Record<string, string> = {};
  for (const entry of value.entries) result[String(entry.key)] = String(entry.value);
  return result;
}

/** Reads a row selected as `SELECT ${STEP_COLUMN_LIST} FROM steps`. */
export function fromStepRow(row: readonly DuckDBValue[]): StoredStep {
  const at = (name: string): DuckDBValue => row[COLUMN_INDEX.get(name) ?? -1] ?? null;
  const providedCost = decimalToFemto(at('provided_cost_usd'));
  return {
    traceId: requiredText(at('trace_id')),
    spanId: requiredText(at('span_id')),
    parentSpanId: text(at('parent_span_id')),
    kind: requiredText(at('kind')) as StoredStep['kind'],
    name: requiredText(at('name')),
    convention: requiredText(at('convention')),
    model: text(at('model')),
    requestModel: text(at('request_model')),
    provider: text(at('provider')),
    responseId: text(at('response_id')),
    usage: {
      inputTokens: toNumber(at('input_tokens')),
      outputTokens: toNumber(at('output_tokens')),
      cacheReadTokens: toNumber(at('cache_read_tokens')),
      cacheWriteTokens: toNumber(at('cache_write_tokens')),
      cacheWrite1hTokens: toNumber(at('cache_write_1h_tokens')),
      reasoningTokens: toNumber(at('reasoning_tokens')),
    },
    usageIsRollup: at('usage_is_rollup') === true,
    providedCostUsd: providedCost === null ? null : femtoToUsdString(providedCost),
    serviceTier: text(at('service_tier')),
    startTimeUnixNano: nanos(at('start_time')),
    durationNano: nanos(at('duration_ns')),
    status: requiredText(at('status')) as StoredStep['status'],
    statusMessage: requiredText(at('status_message')),
    serviceName: text(at('service_name')),
    sessionId: text(at('session_id')),
    toolName: text(at('tool_name')),
    attributes: attributes(at('attributes')),
    cost: {
      pricingStatus: requiredText(at('pricing_status')) as StoredStep['cost']['pricingStatus'],
      costFemto: decimalToFemto(at('cost_usd')),
      inputCostFemto: decimalToFemto(at('input_cost_usd')),
      outputCostFemto: decimalToFemto(at('output_cost_usd')),
      priceSource: text(at('price_source')) as StoredStep['cost']['priceSource'],
      priceId: text(at('price_id')),
      priceVersion: text(at('price_version')),
    },
    usageCounted: at('usage_counted') === true,
    usageExclusion: text(at('usage_exclusion')) as UsageExclusion | null,
  };
}

const COLUMN_INDEX = new Map(STEP_COLUMNS.map((column, index) => [column.name, index]));
