/**
 * Trace roll-up parts → CSV for `read_csv`, and the SQL that appends them to `trace_parts`; plus
 * the signed parts that move a changed usage decision's cost between traces' totals.
 */
import type { TracePart } from '../trace-rollup.js';
import { CSV_FORMAT, csvInt, csvString, sqlString } from './step-csv.js';
import { unitKeyOf } from './unit-key.js';

const COLUMNS: readonly (readonly [name: string, type: string, select?: string])[] = [
  ['trace_id', 'VARCHAR'],
  ['continued', 'BOOLEAN'],
  ['unit_start', 'BIGINT', 'make_timestamp_ns(unit_start)'],
  ['work_unit_id', 'VARCHAR'],
  ['link_attributes', 'VARCHAR'],
  ['workflow_start', 'BIGINT', 'make_timestamp_ns(workflow_start)'],
  ['workflow', 'VARCHAR'],
  ['attempt_start', 'BIGINT', 'make_timestamp_ns(attempt_start)'],
  ['attempt', 'VARCHAR'],
  ['started', 'BIGINT', 'make_timestamp_ns(started)'],
  ['last_seen', 'BIGINT', 'make_timestamp_ns(last_seen)'],
  [
    'cost',
    'HUGEINT',
    '(cost::DECIMAL(38, 0) * 0.000000000000001::DECIMAL(16, 15))::DECIMAL(38, 15)',
  ],
  ['step_minutes', 'DOUBLE'],
  ['unpriced', 'BIGINT'],
  ['usage_unknown', 'BIGINT'],
  ['unit_key', 'UHUGEINT'],
];

export function tracePartsCsv(parts: readonly TracePart[]): Buffer {
  const lines = parts.map((part) =>
    [
      csvString(part.traceId),
      part.continued ? 'true' : 'false',
      csvInt(part.workUnit?.startUnixNano ?? null),
      csvString(part.workUnit?.value ?? null),
      csvString(part.linkAttributes),
      csvInt(part.workflow?.startUnixNano ?? null),
      csvString(part.workflow?.value ?? null),
      csvInt(part.attempt?.startUnixNano ?? null),
      csvString(part.attempt?.value ?? null),
      String(part.startedUnixNano),
      String(part.lastSeenUnixNano),
      String(part.costFemto),
      String(part.stepMinutes),
      String(part.unpriced),
      String(part.usageUnknown),
      part.workUnit === null
        ? ''
        : String(unitKeyOf(part.workflow?.value ?? null, part.workUnit.value)),
    ].join(','),
  );
  return Buffer.from(`${lines.join('\n')}\n`);
}

export function insertTracePartsSql(path: string): string {
  const columns = COLUMNS.map(([name, type]) => `${sqlString(name)}: ${sqlString(type)}`);
  return `INSERT INTO trace_parts (${COLUMNS.map(([name]) => name).join(', ')})
    SELECT ${COLUMNS.map(([name, , select]) => select ?? name).join(', ')}
    FROM read_csv(${sqlString(path)}, header = false, auto_detect = false, delim = ',',
      ${CSV_FORMAT}, columns = {${columns.join(', ')}}, max_line_size = 16777216)`;
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
