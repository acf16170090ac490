/** Workflow baselines in DuckDB: the latest row per workflow wins; money exact. */
import { type DuckDBConnection, decimalValue } from '@duckdb/node-api';
import type { WorkflowBaseline } from '../../domain/index.js';
import { decimalToFemto } from './step-rows.js';

const money = (v: bigint | null) => (v === null ? null : decimalValue(v, 38, 15));

export async function writeBaselines(
  connection: DuckDBConnection,
  baselines: readonly WorkflowBaseline[],
): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  try {
    for (const b of baselines) {
      await connection.run('DELETE FROM workflow_baselines WHERE workflow = $1', [b.workflow]);
      await connection.run(
        `INSERT INTO workflow_baselines VALUES ($1, $2, $3, $4, $5, $6, $7, $8, current_timestamp::TIMESTAMP)`,
        [
          b.workflow,
          b.team,
          b.unitName,
          money(b.bpoPricePerUnitFemto),
          b.laborMinutesPerUnit,
          money(b.loadedHourlyRateFemto),
          money(b.valuePerResolvedFemto),
          money(b.fixedCostPerAttemptFemto),
        ],
      );
    }
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

export async function readBaselines(connection: DuckDBConnection): Promise<WorkflowBaseline[]> {
  const reader = await connection.runAndReadAll(
    `SELECT workflow, team, unit_name, bpo_price_per_unit_usd, labor_minutes_per_unit, loaded_hourly_rate_usd,
            value_per_resolved_usd, fixed_cost_per_attempt_usd FROM workflow_baselines ORDER BY workflow`,
  );
  return reader.getRows().map((r) => ({
    workflow: String(r[0]),
    team: r[1] === null ? null : String(r[1]),
    unitName: String(r[2]),
    bpoPricePerUnitFemto: decimalToFemto(r[3] ?? null),
    laborMinutesPerUnit: r[4] === null ? null : Number(r[4]),
    loadedHourlyRateFemto: decimalToFemto(r[5] ?? null),
    valuePerResolvedFemto: decimalToFemto(r[6] ?? null),
    fixedCostPerAttemptFemto: decimalToFemto(r[7] ?? null) ?? 0n,
  }));
}
