/** Reads one work unit: the steps of every trace linked to it, and its latest outcome. */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { Outcome, StoredStep } from '../../domain/index.js';
import { decimalToFemto, fromStepRow, STEP_COLUMN_LIST } from './step-rows.js';

const text = (v: DuckDBValue | undefined) => (v === null || v === undefined ? null : String(v));

export async function readWorkUnit(
  connection: DuckDBConnection,
  workUnitId: string,
  workflow: string | undefined,
): Promise<{ steps: StoredStep[]; outcome: Outcome | null }> {
  const filter = workflow === undefined ? '' : ' AND workflow = $2';
  const params = workflow === undefined ? [workUnitId] : [workUnitId, workflow];
  const steps = await connection.runAndReadAll(
    `SELECT ${STEP_COLUMN_LIST} FROM steps
     WHERE trace_id IN (SELECT trace_id FROM steps WHERE work_unit_id = $1${filter})
     ORDER BY start_time, span_id`,
    params,
  );
  const outcome = await connection.runAndReadAll(
    `SELECT work_unit_id, workflow, status, resolved_by, human_minutes, review_minutes, correction_minutes,
            overridden, value_usd, attributes, epoch_ns(occurred_at)
     FROM latest_outcomes WHERE work_unit_id = $1${filter} ORDER BY occurred_at DESC LIMIT 1`,
    params,
  );
  const row = outcome.getRows()[0];
  return {
    steps: steps.getRows().map(fromStepRow),
    outcome: row
      ? {
          workUnitId: String(row[0]),
          workflow: String(row[1]),
          status: String(row[2]) as Outcome['status'],
          resolvedBy: text(row[3]) as Outcome['resolvedBy'],
          humanMinutes: Number(row[4]),
          reviewMinutes: row[5] === null ? null : Number(row[5]),
          correctionMinutes: row[6] === null ? null : Number(row[6]),
          overridden: row[7] === true,
          valueFemto: decimalToFemto(row[8] ?? null),
          attributes: JSON.parse(String(row[9])) as Record<string, string>,
          occurredAtUnixNano: BigInt(row[10] as bigint),
        }
      : null,
  };
}
