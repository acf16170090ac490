/**
 * `PricedStep` rows → CSV text for DuckDB's `read_csv`, and the SQL that appends that file to
 * `steps`. Every non-null string is quoted and quoted fields never read as NULL, so the empty
 * unquoted field is a NULL no string can produce. Money is written exactly from femto bigints.
 */
import { type FemtoUsd, usdToFemto } from '../../domain/index.js';
import type { PlannedRow } from '../insert-plan.js';

interface CsvColumn {
  /** The column read from the file. */
  name: string;
  type: string;
  /** Its value and column in `steps` (the file's column by default). */
  select?: string;
  target?: string;
}

const MONEY = 'DECIMAL(38,15)';

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
  { name: 'provided_cost_usd', type: MONEY },
  { name: 'service_tier', type: 'VARCHAR' },
  { name: 'start_ns', type: 'BIGINT', select: 'make_timestamp_ns(start_ns)', target: 'start_time' },
  { name: 'duration_ns', type: 'BIGINT' },
  { name: 'status', type: 'VARCHAR' },
  { name: 'status_message', type: 'VARCHAR' },
  { name: 'service_name', type: 'VARCHAR' },
  { name: 'session_id', type: 'VARCHAR' },
  { name: 'tool_name', type: 'VARCHAR' },
  { name: 'attributes', type: 'VARCHAR' },
  { name: 'pricing_status', type: 'VARCHAR' },
  { name: 'cost_usd', type: MONEY },
  { name: 'input_cost_usd', type: MONEY },
  { name: 'output_cost_usd', type: MONEY },
  { name: 'price_source', type: 'VARCHAR' },
  { name: 'price_id', type: 'VARCHAR' },
  { name: 'price_version', type: 'VARCHAR' },
  { name: 'usage_exclusion', type: 'VARCHAR' },
];

const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** DuckDB's default `max_line_size`; a longer row needs the limit raised for that file. */
const DEFAULT_MAX_LINE = 2_000_000;

/**
 * The INSERT that appends the CSV file at `path`. `longestRow` (UTF-16 units, ≤ bytes / 1) only
 * raises DuckDB's line limit when a row could exceed the default, keeping its buffers small.
 */
export function insertFromCsvSql(path: string, longestRow: number): string {
  const columns = CSV_COLUMNS.map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(', ');
  const selected = CSV_COLUMNS.map((c) => c.select ?? c.name).join(', ');
  // A UTF-16 unit becomes at most 3 UTF-8 bytes.
  const maxBytes = longestRow * 3 + 1;
  const limits =
    maxBytes < DEFAULT_MAX_LINE
      ? ''
      : `, max_line_size = ${maxBytes}, buffer_size = ${Math.max(maxBytes * 2, 32 * 2 ** 20)}`;
  const targets = CSV_COLUMNS.map((c) => c.target ?? c.name).join(', ');
  return `INSERT INTO steps (${targets}, usage_counted)
    SELECT ${selected}, usage_exclusion IS NULL
    FROM read_csv(${sqlString(path)}, header = false, auto_detect = false, delim = ',',
      quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, new_line = '\\n',
      columns = {${columns}}${limits})`;
}

/** A quoted CSV field; null is the empty unquoted field. */
export function csvString(value: string | null): string {
  if (value === null) return '';
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

const csvInt = (value: number | bigint | null): string => (value === null ? '' : String(value));

/** Exact DECIMAL(38,15) text of femto-dollars. */
export function csvMoney(femto: FemtoUsd | null): string {
  if (femto === null) return '';
  const negative = femto < 0n;
  const digits = (negative ? -femto : femto).toString().padStart(16, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -15)}.${digits.slice(-15)}`;
}

/** CSV text of the rows, one line each, and the longest line (UTF-16 units). */
export function toCsv(rows: readonly PlannedRow[]): { text: string; longestRow: number } {
  let text = '';
  let longestRow = 0;
  for (const { step, exclusion } of rows) {
    const { usage, cost } = step;
    const provided = step.providedCostUsd === null ? null : usdToFemto(step.providedCostUsd);
    const line =
      `${csvString(step.traceId)},${csvString(step.spanId)},${csvString(step.parentSpanId)},` +
      `${csvString(step.kind)},${csvString(step.name)},${csvString(step.convention)},` +
      `${csvString(step.model)},${csvString(step.requestModel)},${csvString(step.provider)},` +
      `${csvString(step.responseId)},${csvInt(usage.inputTokens)},${csvInt(usage.outputTokens)},` +
      `${csvInt(usage.cacheReadTokens)},${csvInt(usage.cacheWriteTokens)},` +
      `${csvInt(usage.cacheWrite1hTokens)},${csvInt(usage.reasoningTokens)},` +
      `${step.usageIsRollup},${csvMoney(provided)},${csvString(step.serviceTier)},` +
      `${step.startTimeUnixNano},${step.durationNano},${csvString(step.status)},` +
      `${csvString(step.statusMessage)},${csvString(step.serviceName)},` +
      `${csvString(step.sessionId)},${csvString(step.toolName)},` +
      `${csvString(JSON.stringify(step.attributes))},${csvString(cost.pricingStatus)},` +
      `${csvMoney(cost.costFemto)},${csvMoney(cost.inputCostFemto)},` +
      `${csvMoney(cost.outputCostFemto)},${csvString(cost.priceSource)},` +
      `${csvString(cost.priceId)},${csvString(cost.priceVersion)},${csvString(exclusion)}\n`;
    if (line.length > longestRow) longestRow = line.length;
    text += line;
  }
  return { text, longestRow };
}
