/**
 * The `steps` row → `StoredStep` mapping: the selected column list and conversion of DuckDB
 * values back to domain values. Money crosses as scaled bigints, never floats.
 */
import {
  DuckDBDecimalValue,
  DuckDBTimestampNanosecondsValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  type FemtoUsd,
  femtoToUsdString,
  type RetrievedDocument,
  type StoredStep,
  type UsageExclusion,
} from '../../domain/index.js';

const MONEY_SCALE = 15;

const STEP_COLUMNS = [
  'trace_id',
  'span_id',
  'parent_span_id',
  'kind',
  'name',
  'convention',
  'model',
  'request_model',
  'provider',
  'response_id',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'cache_write_1h_tokens',
  'reasoning_tokens',
  'usage_is_rollup',
  'provided_cost_usd',
  'service_tier',
  'start_time',
  'duration_ns',
  'status',
  'status_message',
  'service_name',
  'session_id',
  'tool_name',
  'step_name',
  'fingerprint',
  'argument_bytes',
  'documents',
  'attributes',
  'pricing_status',
  'cost_usd',
  'input_cost_usd',
  'output_cost_usd',
  'price_source',
  'price_id',
  'price_version',
  'usage_counted',
  'usage_exclusion',
] as const;

/** The columns `fromStepRow` reads, in order. */
export const STEP_COLUMN_LIST = STEP_COLUMNS.join(', ');

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
  const parsed: unknown = JSON.parse(requiredText(value));
  if (typeof parsed !== 'object' || parsed === null)
    throw new TypeError('attributes not an object');
  return parsed as Record<string, string>;
}

function documents(value: DuckDBValue): RetrievedDocument[] | null {
  const json = text(value);
  if (json === null) return null;
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new TypeError('documents not a list');
  return parsed as RetrievedDocument[];
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
    stepName: text(at('step_name')) ?? requiredText(at('name')),
    fingerprint: text(at('fingerprint')),
    argumentBytes: toNumber(at('argument_bytes')),
    documents: documents(at('documents')),
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

const COLUMN_INDEX = new Map<string, number>(STEP_COLUMNS.map((name, index) => [name, index]));
