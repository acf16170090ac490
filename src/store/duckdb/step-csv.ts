/**
 * `PricedStep` rows → CSV text for DuckDB's `read_csv`, and the SQL that appends that file to
 * `steps`. Every non-null string is quoted and quoted fields never read as NULL, so the empty
 * unquoted field is a NULL no string can produce. Money crosses as integer femto-dollars.
 */
import { LINK_KEYS, type PricedStep, type UsageExclusion, usdToFemto } from '../../domain/index.js';
import type { PlannedRow } from '../insert-plan.js';

interface CsvColumn {
  /** The column read from the file. */
  name: string;
  type: string;
  /** Its value and column in `steps` (the file's column by default). */
  select?: string;
  target?: string;
}

/** Money crosses as integer femto-dollars, scaled exactly in SQL (cheaper than decimal text). */
const MONEY = 'HUGEINT';
const money = (name: string): CsvColumn => ({
  name,
  type: MONEY,
  select: `(${name}::DECIMAL(38, 0) * 0.000000000000001::DECIMAL(16, 15))::DECIMAL(38, 15)`,
});

/** File columns in order; `usage_counted` is derived from `usage_exclusion` in SQL. */
const CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'trace_id', type: 'VARCHAR' },
  { name: 'span_id', type: 'VARCHAR' },
  { name: 'parent_span_id', type: 'VARCHAR' },
  { name: 'kind', type: 'VARCHAR' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'convention', type: 'VARCHAR' },
  { name: 'model', type: 'VARCHAR' },
  { name: 'request_model', type: 'VARCHAR' },
  { name: 'provider', type: 'VARCHAR' },
  { name: 'response_id', type: 'VARCHAR' },
  { name: 'input_tokens', type: 'BIGINT' },
  { name: 'output_tokens', type: 'BIGINT' },
  { name: 'cache_read_tokens', type: 'BIGINT' },
  { name: 'cache_write_tokens', type: 'BIGINT' },
  { name: 'cache_write_1h_tokens', type: 'BIGINT' },
  { name: 'reasoning_tokens', type: 'BIGINT' },
  { name: 'usage_is_rollup', type: 'BOOLEAN' },
  money('provided_cost_usd'),
  { name: 'service_tier', type: 'VARCHAR' },
  { name: 'start_ns', type: 'BIGINT', select: 'make_timestamp_ns(start_ns)', target: 'start_time' },
  { name: 'duration_ns', type: 'BIGINT' },
  { name: 'status', type: 'VARCHAR' },
  { name: 'status_message', type: 'VARCHAR' },
  { name: 'service_name', type: 'VARCHAR' },
  { name: 'session_id', type: 'VARCHAR' },
  { name: 'tool_name', type: 'VARCHAR' },
  { name: 'work_unit_id', type: 'VARCHAR' },
  { name: 'workflow', type: 'VARCHAR' },
  { name: 'attempt', type: 'VARCHAR' },
  { name: 'attributes', type: 'VARCHAR' },
  { name: 'pricing_status', type: 'VARCHAR' },
  money('cost_usd'),
  money('input_cost_usd'),
  money('output_cost_usd'),
  { name: 'price_source', type: 'VARCHAR' },
  { name: 'price_id', type: 'VARCHAR' },
  { name: 'price_version', type: 'VARCHAR' },
  { name: 'step_name', type: 'VARCHAR' },
  { name: 'fingerprint', type: 'VARCHAR' },
  { name: 'argument_bytes', type: 'INTEGER' },
  { name: 'documents', type: 'VARCHAR' },
  { name: 'usage_exclusion', type: 'VARCHAR' },
];

export const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** How every file this module writes is read: a NULL is the empty unquoted field only. */
export const CSV_FORMAT = `quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, new_line = '\\n'`;

/** DuckDB's default `max_line_size`; a longer row needs the limit raised for that file. */
const DEFAULT_MAX_LINE = 2_000_000;

/**
 * The INSERT that appends the CSV file at `path`. `longestRow` (bytes) only raises DuckDB's line
 * limit when a row exceeds the default, keeping its buffers small.
 */
export function insertFromCsvSql(path: string, longestRow: number): string {
  const columns = CSV_COLUMNS.map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(', ');
  const selected = CSV_COLUMNS.map((c) => c.select ?? c.name).join(', ');
  const maxBytes = longestRow + 1;
  const limits =
    maxBytes < DEFAULT_MAX_LINE
      ? ''
      : `, max_line_size = ${maxBytes}, buffer_size = ${Math.max(maxBytes * 2, 32 * 2 ** 20)}`;
  const targets = CSV_COLUMNS.map((c) => c.target ?? c.name).join(', ');
  return `INSERT INTO steps (${targets}, usage_counted)
    SELECT ${selected}, usage_exclusion IS NULL
    FROM read_csv(${sqlString(path)}, header = false, auto_detect = false, delim = ',',
      ${CSV_FORMAT}, columns = {${columns}}${limits})`;
}

/** A quoted CSV field; null is the empty unquoted field. */
export function csvString(value: string | null): string {
  if (value === null) return '';
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

export const csvInt = (value: number | bigint | null): string =>
  value === null ? '' : String(value);

const field = (value: string | null): string => `${csvString(value)},`;
const intField = (value: number | bigint | null): string => `${csvInt(value)},`;

/**
 * Every field of a step's line but the last (its usage decision), each followed by a comma. Built
 * by concatenation: an array of 41 strings joined per row cost a third more, mostly in GC.
 */
function linePrefix(step: PricedStep): string {
  const { usage, cost, attributes } = step;
  const provided = step.providedCostUsd === null ? null : usdToFemto(step.providedCostUsd);
  return (
    field(step.traceId) +
    field(step.spanId) +
    field(step.parentSpanId) +
    field(step.kind) +
    field(step.name) +
    field(step.convention) +
    field(step.model) +
    field(step.requestModel) +
    field(step.provider) +
    field(step.responseId) +
    intField(usage.inputTokens) +
    intField(usage.outputTokens) +
    intField(usage.cacheReadTokens) +
    intField(usage.cacheWriteTokens) +
    intField(usage.cacheWrite1hTokens) +
    intField(usage.reasoningTokens) +
    (step.usageIsRollup ? 'true,' : 'false,') +
    intField(provided) +
    field(step.serviceTier) +
    intField(step.startTimeUnixNano) +
    intField(step.durationNano) +
    field(step.status) +
    field(step.statusMessage) +
    field(step.serviceName) +
    field(step.sessionId) +
    field(step.toolName) +
    field(attributes[LINK_KEYS.workUnitId] ?? null) +
    field(attributes[LINK_KEYS.workflow] ?? null) +
    field(attributes[LINK_KEYS.attempt] ?? null) +
    field(JSON.stringify(attributes)) +
    field(cost.pricingStatus) +
    intField(cost.costFemto) +
    intField(cost.inputCostFemto) +
    intField(cost.outputCostFemto) +
    field(cost.priceSource) +
    field(cost.priceId) +
    field(cost.priceVersion) +
    field(step.stepName) +
    field(step.fingerprint) +
    intField(step.argumentBytes) +
    field(step.documents === null ? null : JSON.stringify(step.documents))
  );
}

/**
 * UTF-8 line prefixes (all fields but the decision) of the steps, as views into one buffer. Each
 * line is copied into the buffer as soon as it is built: keeping thousands of lines alive as
 * strings until a join made the garbage collector cost 5x the encoding itself.
 */
export function encodeLinePrefixes(steps: readonly PricedStep[]): Buffer[] {
  let buffer = Buffer.allocUnsafe(Math.max(4096, steps.length * 512));
  const ends: number[] = [];
  let length = 0;
  for (const step of steps) {
    const line = linePrefix(step);
    const most = line.length * 3;
    if (length + most > buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, length + most));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    length += buffer.write(line, length);
    ends.push(length);
  }
  return ends.map((end, index) => buffer.subarray(ends[index - 1] ?? 0, end));
}

const LINE_ENDS: Record<UsageExclusion | 'counted', Buffer> = {
  counted: Buffer.from('\n'),
  rolled_up: Buffer.from('"rolled_up"\n'),
  stacked_duplicate: Buffer.from('"stacked_duplicate"\n'),
  duplicate_response: Buffer.from('"duplicate_response"\n'),
};

/** A planned row with its encoded line prefix. */
export interface EncodedRow {
  prefix: Buffer;
  exclusion: UsageExclusion | null;
}

/** The CSV file: each row's prefix and decision; `longestRow` in bytes. */
export function assembleCsv(rows: readonly EncodedRow[]): { bytes: Buffer; longestRow: number } {
  let size = 0;
  let longestRow = 0;
  for (const row of rows) {
    const bytes = row.prefix.length + LINE_ENDS[row.exclusion ?? 'counted'].length;
    size += bytes;
    if (bytes > longestRow) longestRow = bytes;
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const row of rows) {
    at += row.prefix.copy(out, at);
    at += LINE_ENDS[row.exclusion ?? 'counted'].copy(out, at);
  }
  return { bytes: out, longestRow };
}

/** The CSV file of planned rows, encoding every line now. */
export function toCsv(rows: readonly PlannedRow[]): { bytes: Buffer; longestRow: number } {
  const prefixes = encodeLinePrefixes(rows.map((row) => row.step));
  return assembleCsv(
    rows.map((row, index) => ({ prefix: prefixes[index] as Buffer, exclusion: row.exclusion })),
  );
}
