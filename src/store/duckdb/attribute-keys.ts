/**
 * The business attribute keys a workflow's units carry, from its outcome records and its traces'
 * linking spans (read from the trace roll-up: one JSON object per trace, not one per step).
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Keys that identify or name rather than segment (the unit, its workflow under an
 * instrumentation's own name, the step, the session): never offered as a segment or compared.
 */
export const IDENTITY_KEY_NAMES: readonly string[] = [
  'tokenledger.work_unit.id',
  'tokenledger.workflow',
  'tokenledger.attempt',
  'service.name',
  'service.version',
  'session.id',
  'user.id',
  'gen_ai.conversation.id',
  'traceloop.workflow.name',
  'gen_ai.workflow.name',
  'gen_ai.agent.name',
  'ai.telemetry.functionId',
  'langfuse.session.id',
  'langfuse.user.id',
  'tokenledger.step.name',
  'tokenledger.step.kind',
  'tokenledger.human.minutes',
];

const quoted = IDENTITY_KEY_NAMES.map((key) => `'${key}'`).join(', ');

/** The identity keys as an SQL list for `IN`. */
export const IDENTITY_KEYS = `(${quoted})`;

/** The identity keys as an SQL list literal, for a lambda. */
export const IDENTITY_LIST = `[${quoted}]`;

export async function listAttributeKeys(
  connection: DuckDBConnection,
  workflow: string,
): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `SELECT DISTINCT key FROM (
       SELECT unnest(json_keys(attributes)) AS key FROM outcomes WHERE workflow = $1
       UNION ALL
       SELECT unnest(json_keys(link_attributes)) AS key FROM trace_parts
       WHERE workflow = $1 AND link_attributes IS NOT NULL
     ) WHERE key NOT IN ${IDENTITY_KEYS} AND key NOT LIKE 'tokenledger.decision.%' ORDER BY key LIMIT 50`,
    [workflow],
  );
  return reader.getRows().map((row) => String(row[0]));
}
