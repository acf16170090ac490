/**
 * Writes back re-decided usage counting for stored steps. Without an index, each UPDATE is bounded
 * by the changed rows' start_time range so zone maps skip the rest of `steps`; rows far apart in
 * time go in separate UPDATEs rather than one range spanning the whole table. The cost each change
 * moves is recorded in the trace roll-up as a minus part before and a plus part after.
 */
import {
  type DuckDBConnection,
  LIST,
  listValue,
  TIMESTAMP_NS,
  timestampNanosValue,
  VARCHAR,
} from '@duckdb/node-api';
import type { ChangedRow } from '../insert-plan.js';
import { decisionDeltaSql } from './trace-part-sql.js';

/** Changed rows closer in start time than this share one UPDATE (one hour). */
const CLUSTER_GAP_NS = 3_600_000_000_000n;

export async function updateDecisions(
  connection: DuckDBConnection,
  changed: readonly ChangedRow[],
): Promise<void> {
  const sorted = [...changed].sort((a, b) =>
    a.startTimeUnixNano < b.startTimeUnixNano
      ? -1
      : a.startTimeUnixNano > b.startTimeUnixNano
        ? 1
        : 0,
  );
  let cluster: ChangedRow[] = [];
  for (const row of sorted) {
    const last = cluster[cluster.length - 1];
    if (last && row.startTimeUnixNano - last.startTimeUnixNano > CLUSTER_GAP_NS) {
      await updateCluster(connection, cluster);
      cluster = [];
    }
    cluster.push(row);
  }
  if (cluster.length > 0) await updateCluster(connection, cluster);
}

async function updateCluster(connection: DuckDBConnection, rows: readonly ChangedRow[]) {
  const first = rows[0]?.startTimeUnixNano ?? 0n;
  const last = rows[rows.length - 1]?.startTimeUnixNano ?? first;
  const matched = `FROM steps s
     JOIN (SELECT unnest($1) AS trace_id, unnest($2) AS span_id, unnest($3) AS exclusion) c
       ON s.trace_id = c.trace_id AND s.span_id = c.span_id
     WHERE s.start_time BETWEEN $4 AND $5`;
  const values = [
    listValue(rows.map((row) => row.traceId)),
    listValue(rows.map((row) => row.spanId)),
    listValue(rows.map((row) => row.exclusion)),
    timestampNanosValue(first),
    timestampNanosValue(last),
  ];
  const types = [LIST(VARCHAR), LIST(VARCHAR), LIST(VARCHAR), TIMESTAMP_NS, TIMESTAMP_NS];
  await connection.run(decisionDeltaSql(-1, matched), values, types);
  await connection.run(
    `UPDATE steps SET usage_exclusion = c.exclusion, usage_counted = c.exclusion IS NULL
     FROM (SELECT unnest($1) AS trace_id, unnest($2) AS span_id, unnest($3) AS exclusion) c
     WHERE steps.trace_id = c.trace_id AND steps.span_id = c.span_id
       AND steps.start_time BETWEEN $4 AND $5`,
    values,
    types,
  );
  await connection.run(decisionDeltaSql(1, matched), values, types);
}
