/**
 * Trace roll-up parts → a data chunk appended to a temporary staging table, moved into
 * `trace_parts` by one INSERT that names its columns (so columns a later migration adds fill from
 * their defaults); plus the signed parts that move a changed usage decision's cost between traces'
 * totals. Money crosses as exact femto-dollars (DECIMAL(38,15)'s unscaled integer), never a float.
 */
import {
  BIGINT,
  BOOLEAN,
  DECIMAL,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBDecimalValue,
  DuckDBTimestampNanosecondsValue,
  type DuckDBType,
  type DuckDBValue,
  TIMESTAMP_NS,
  UHUGEINT,
  VARCHAR,
} from '@duckdb/node-api';
import type { LinkSeen, TracePart } from '../trace-rollup.js';
import { unitKeyOf } from './unit-key.js';

const nanos = (value: bigint | null | undefined): DuckDBValue =>
  value === null || value === undefined ? null : new DuckDBTimestampNanosecondsValue(value);
const value = (seen: LinkSeen | null): string | null => seen?.value ?? null;

const COLUMNS: readonly (readonly [string, DuckDBType, (part: TracePart) => DuckDBValue])[] = [
  ['trace_id', VARCHAR, (p) => p.traceId],
  ['continued', BOOLEAN, (p) => p.continued],
  ['unit_start', TIMESTAMP_NS, (p) => nanos(p.workUnit?.startUnixNano)],
  ['work_unit_id', VARCHAR, (p) => value(p.workUnit)],
  ['link_attributes', VARCHAR, (p) => p.linkAttributes],
  ['workflow_start', TIMESTAMP_NS, (p) => nanos(p.workflow?.startUnixNano)],
  ['workflow', VARCHAR, (p) => value(p.workflow)],
  ['attempt_start', TIMESTAMP_NS, (p) => nanos(p.attempt?.startUnixNano)],
  ['attempt', VARCHAR, (p) => value(p.attempt)],
  ['started', TIMESTAMP_NS, (p) => nanos(p.startedUnixNano)],
  ['last_seen', TIMESTAMP_NS, (p) => nanos(p.lastSeenUnixNano)],
  ['cost', DECIMAL(38, 15), (p) => new DuckDBDecimalValue(p.costFemto, 38, 15)],
  ['step_minutes', DOUBLE, (p) => p.stepMinutes],
  ['unpriced', BIGINT, (p) => BigInt(p.unpriced)],
  ['usage_unknown', BIGINT, (p) => BigInt(p.usageUnknown)],
  [
    'unit_key',
    UHUGEINT,
    (p) => (p.workUnit === null ? null : unitKeyOf(p.workflow?.value ?? null, p.workUnit.value)),
  ],
];

const NAMES = COLUMNS.map(([name]) => name).join(', ');

/** The staging table (temporary: never in the WAL, one per connection). */
export const TRACE_PARTS_STAGING = 'trace_parts_in';

export const CREATE_TRACE_PARTS_STAGING_SQL = `CREATE TEMP TABLE IF NOT EXISTS ${TRACE_PARTS_STAGING} (${COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})`;

/** Moves the staged parts into `trace_parts` and empties the staging table. */
export const MOVE_STAGED_TRACE_PARTS_SQL = `INSERT INTO trace_parts (${NAMES}) SELECT ${NAMES} FROM ${TRACE_PARTS_STAGING};
  DELETE FROM ${TRACE_PARTS_STAGING}`;

/** DuckDB's vector size: the most rows one data chunk holds. */
export const CHUNK_ROWS = 2048;

/** The parts as data chunks in the staging table's column order. */
export function tracePartChunks(parts: readonly TracePart[]): DuckDBDataChunk[] {
  const chunks: DuckDBDataChunk[] = [];
  for (let from = 0; from < parts.length; from += CHUNK_ROWS) {
    const slice = parts.slice(from, from + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(
      COLUMNS.map(([, type]) => type),
      slice.length,
    );
    COLUMNS.forEach(([, , read], index) => {
      chunk.setColumnValues(index, slice.map(read));
    });
    chunks.push(chunk);
  }
  return chunks;
}

/**
 * Appends, per trace, minus (`sign` -1) or plus (+1) what the matched stored steps count now:
 * run before and after their decisions change, the two parts move exactly the changed cost.
 * `matched` is a FROM-clause fragment selecting the changed rows of `steps` aliased `s`.
 */
export function decisionDeltaSql(sign: 1 | -1, matched: string): string {
  return `INSERT INTO trace_parts (trace_id, continued, cost, step_minutes, unpriced, usage_unknown)
    SELECT s.trace_id, true,
      ${sign} * coalesce(sum(s.cost_usd) FILTER (WHERE s.usage_counted AND s.pricing_status = 'priced'), 0),
      0,
      ${sign} * count(*) FILTER (WHERE s.usage_counted AND s.pricing_status = 'unpriced'),
      ${sign} * count(*) FILTER (WHERE s.usage_counted AND s.pricing_status = 'usage_unknown')
    ${matched}
    GROUP BY s.trace_id`;
}
