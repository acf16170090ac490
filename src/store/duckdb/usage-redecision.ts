/**
 * Re-decides usage counting over all stored steps of the traces a transaction touched, for the
 * traces whose decision can have changed, and writes back only the steps whose decision changed.
 */
import {
  BOOLEAN,
  type DuckDBConnection,
  type DuckDBValue,
  TIMESTAMP_NS,
  timestampNanosValue,
  VARCHAR,
} from '@duckdb/node-api';
import { decideUsageCounting, hasUsage, type UsageNode } from '../../domain/index.js';
import { appendColumns } from './append-columns.js';
import { toNumber } from './step-rows.js';

export interface TouchedTrace {
  traceId: string;
  firstStartUnixNano: bigint;
  lastStartUnixNano: bigint;
  /** The trace had steps stored before this transaction. */
  preExisting: boolean;
  usageSteps: number;
}

interface StoredNode extends UsageNode {
  traceId: string;
  exclusion: string | null;
  startTime: bigint;
}

/** The per-connection scratch tables the re-decision stages its keys and changes in. */
export async function createRedecisionTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE redecide_traces (trace_id VARCHAR);
    CREATE OR REPLACE TEMP TABLE usage_changes (trace_id VARCHAR, span_id VARCHAR,
      start_time TIMESTAMP_NS, usage_exclusion VARCHAR, usage_counted BOOLEAN);`);
}

/**
 * A trace wholly inside the batch was decided before the insert, and a trace with fewer than two
 * usage-bearing steps has nothing to exclude; only the rest are read back.
 */
export function needsRedecision(trace: TouchedTrace): boolean {
  return trace.preExisting && trace.usageSteps >= 2;
}

export async function redecideTraces(
  connection: DuckDBConnection,
  touched: readonly TouchedTrace[],
): Promise<number> {
  const traces = touched.filter(needsRedecision);
  if (traces.length === 0) return 0;
  let from = traces[0]?.firstStartUnixNano ?? 0n;
  let to = from;
  for (const trace of traces) {
    if (trace.firstStartUnixNano < from) from = trace.firstStartUnixNano;
    if (trace.lastStartUnixNano > to) to = trace.lastStartUnixNano;
  }
  await connection.run('DELETE FROM redecide_traces; DELETE FROM usage_changes;');
  await appendColumns(
    connection,
    'redecide_traces',
    [VARCHAR],
    [traces.map((trace) => trace.traceId)],
    true,
  );
  // The time bounds are exact (from `traces`) and let zone maps skip most of `steps`.
  const reader = await connection.runAndReadAll(
    `SELECT s.trace_id, s.span_id, s.parent_span_id, s.response_id, s.usage_exclusion,
            s.input_tokens, s.output_tokens, s.cache_read_tokens, s.cache_write_tokens,
            epoch_ns(s.start_time)
     FROM steps s SEMI JOIN redecide_traces r ON s.trace_id = r.trace_id
     WHERE s.start_time BETWEEN $1 AND $2`,
    [timestampNanosValue(from), timestampNanosValue(to)],
    [TIMESTAMP_NS, TIMESTAMP_NS],
  );
  const changes = decideChanges(reader.getRows().map(toStoredNode));
  if (changes.length === 0) return 0;
  await writeChanges(connection, changes);
  return changes.length;
}

function toStoredNode(row: readonly DuckDBValue[]): StoredNode {
  const [traceId, spanId, parentSpanId, responseId, exclusion, input, output, read, write, start] =
    row;
  return {
    traceId: String(traceId),
    spanId: String(spanId),
    parentSpanId: parentSpanId === null ? null : String(parentSpanId),
    responseId: responseId === null ? null : String(responseId),
    exclusion: exclusion === null ? null : String(exclusion),
    hasUsage: hasUsage({
      inputTokens: toNumber(input ?? null),
      outputTokens: toNumber(output ?? null),
      cacheReadTokens: toNumber(read ?? null),
      cacheWriteTokens: toNumber(write ?? null),
      cacheWrite1hTokens: null,
      reasoningTokens: null,
    }),
    startTime: BigInt(start as bigint),
  };
}

function decideChanges(nodes: readonly StoredNode[]): StoredNode[] {
  const byTrace = new Map<string, StoredNode[]>();
  for (const node of nodes) {
    const list = byTrace.get(node.traceId);
    if (list) list.push(node);
    else byTrace.set(node.traceId, [node]);
  }
  const changes: StoredNode[] = [];
  for (const traceNodes of byTrace.values()) {
    const decisions = decideUsageCounting(traceNodes);
    for (const node of traceNodes) {
      const exclusion = decisions.get(node.spanId) ?? null;
      if (exclusion !== node.exclusion) changes.push({ ...node, exclusion });
    }
  }
  return changes;
}

async function writeChanges(
  connection: DuckDBConnection,
  changes: readonly StoredNode[],
): Promise<void> {
  let from = changes[0]?.startTime ?? 0n;
  let to = from;
  for (const change of changes) {
    if (change.startTime < from) from = change.startTime;
    if (change.startTime > to) to = change.startTime;
  }
  await appendColumns(
    connection,
    'usage_changes',
    [VARCHAR, VARCHAR, TIMESTAMP_NS, VARCHAR, BOOLEAN],
    [
      changes.map((change) => change.traceId),
      changes.map((change) => change.spanId),
      changes.map((change) => timestampNanosValue(change.startTime)),
      changes.map((change) => change.exclusion),
      changes.map((change) => change.exclusion === null),
    ],
    true,
  );
  await connection.run(
    `UPDATE steps SET usage_exclusion = c.usage_exclusion, usage_counted = c.usage_counted
     FROM usage_changes c
     WHERE steps.trace_id = c.trace_id AND steps.span_id = c.span_id
       AND steps.start_time BETWEEN $1 AND $2`,
    [timestampNanosValue(from), timestampNanosValue(to)],
    [TIMESTAMP_NS, TIMESTAMP_NS],
  );
}
