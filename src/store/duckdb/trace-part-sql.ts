/**
 * Trace roll-up parts → a data chunk appended to a temporary staging table, moved into
 * `trace_parts` by one INSERT that names its columns (so columns a later migration adds fill from
 * their defaults); plus the signed parts that move a changed usage decision's cost between traces'
 * totals. Money crosses as exact femto-dollars (DECIMAL(38,15)'s unscaled integer), never a float.
 */
import type { DuckDBDataChunk } from '@duckdb/node-api';
import type { LinkSeen, TracePart } from '../trace-rollup.js';
import { type ChunkColumn, fillChunks } from './chunk-columns.js';
import { unitKeyOf } from './unit-key.js';

const value = (seen: LinkSeen | null): string | null => seen?.value ?? null;

const COLUMNS: readonly (readonly [string, string, ChunkColumn<TracePart>])[] = [
  ['trace_id', 'VARCHAR', { kind: 'unique', read: (p) => p.traceId }],
  ['continued', 'BOOLEAN', { kind: 'boolean', read: (p) => p.continued }],
  [
    'unit_start',
    'TIMESTAMP_NS',
    { kind: 'timestamp_ns', read: (p) => p.workUnit?.startUnixNano ?? null },
  ],
  ['work_unit_id', 'VARCHAR', { kind: 'unique', read: (p) => value(p.workUnit) }],
  ['link_attributes', 'VARCHAR', { kind: 'unique', read: (p) => p.linkAttributes }],
  [
    'workflow_start',
    'TIMESTAMP_NS',
    { kind: 'timestamp_ns', read: (p) => p.workflow?.startUnixNano ?? null },
  ],
  ['workflow', 'VARCHAR', { kind: 'text', read: (p) => value(p.workflow) }],
  [
    'attempt_start',
    'TIMESTAMP_NS',
    { kind: 'timestamp_ns', read: (p) => p.attempt?.startUnixNano ?? null },
  ],
  ['attempt', 'VARCHAR', { kind: 'unique', read: (p) => value(p.attempt) }],
  ['started', 'TIMESTAMP_NS', { kind: 'timestamp_ns', read: (p) => p.startedUnixNano }],
  ['last_seen', 'TIMESTAMP_NS', { kind: 'timestamp_ns', read: (p) => p.lastSeenUnixNano }],
  ['cost', 'DECIMAL(38, 15)', { kind: 'money', read: (p) => p.costFemto }],
  ['step_minutes', 'DOUBLE', { kind: 'double', read: (p) => p.stepMinutes }],
  ['unpriced', 'BIGINT', { kind: 'bigint', read: (p) => p.unpriced }],
  ['usage_unknown', 'BIGINT', { kind: 'bigint', read: (p) => p.usageUnknown }],
  [
    'unit_key',
    'UHUGEINT',
    {
      kind: 'uhugeint',
      read: (p) =>
        p.workUnit === null ? null : unitKeyOf(p.workflow?.value ?? null, p.workUnit.value),
    },
  ],
];

const NAMES = COLUMNS.map(([name]) => name).join(', ');
const PART_COLUMNS = COLUMNS.map(([, , column]) => column);

/** The staging table (temporary: never in the WAL, one per connection). */
export const TRACE_PARTS_STAGING = 'trace_parts_in';

export const CREATE_TRACE_PARTS_STAGING_SQL = `CREATE TEMP TABLE IF NOT EXISTS ${TRACE_PARTS_STAGING} (${COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})`;

/** Moves the staged parts into `trace_parts` and empties the staging table. */
export const MOVE_STAGED_TRACE_PARTS_SQL = `INSERT INTO trace_parts (${NAMES}) SELECT ${NAMES} FROM ${TRACE_PARTS_STAGING};
  DELETE FROM ${TRACE_PARTS_STAGING}`;

/** The parts as data chunks in the staging table's column order. */
export function tracePartChunks(
  parts: readonly TracePart[],
  pool: DuckDBDataChunk[],
): DuckDBDataChunk[] {
  return fillChunks(parts, PART_COLUMNS, pool);
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
