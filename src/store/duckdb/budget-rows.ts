/**
 * Budgets, delivered budget alerts and the daily spend per workflow that budgets burn, in DuckDB.
 * A workflow's spend is the cost of the steps of traces linked to its work units (the link may sit
 * on any span of the trace, as in unit-report.ts), bucketed by the step's UTC day.
 */
import { type DuckDBConnection, decimalValue } from '@duckdb/node-api';
import type {
  Budget,
  BudgetPeriod,
  DailyWorkflowSpend,
  SentBudgetAlert,
} from '../../domain/index.js';
import { decimalToFemto } from './step-rows.js';

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

export async function writeBudgets(
  connection: DuckDBConnection,
  budgets: readonly Budget[],
): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  try {
    for (const b of budgets) {
      await connection.run('DELETE FROM budgets WHERE id = $1', [b.id]);
      await connection.run(
        'INSERT INTO budgets VALUES ($1, $2, $3, $4, $5, $6, $7, current_timestamp::TIMESTAMP)',
        [
          b.id,
          b.team,
          b.workflow,
          b.period,
          decimalValue(b.amountFemto, 38, 15),
          JSON.stringify(b.thresholds),
          b.webhookUrl,
        ],
      );
    }
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

export async function removeBudget(connection: DuckDBConnection, id: string): Promise<boolean> {
  const reader = await connection.runAndReadAll('DELETE FROM budgets WHERE id = $1 RETURNING id', [
    id,
  ]);
  return reader.getRows().length > 0;
}

export async function readBudgets(connection: DuckDBConnection): Promise<Budget[]> {
  const reader = await connection.runAndReadAll(
    'SELECT id, team, workflow, period, amount_usd, thresholds, webhook_url FROM budgets ORDER BY id',
  );
  return reader.getRows().map((r) => ({
    id: String(r[0]),
    team: text(r[1]),
    workflow: text(r[2]),
    period: String(r[3]) as BudgetPeriod,
    amountFemto: decimalToFemto(r[4] ?? null) ?? 0n,
    thresholds: (JSON.parse(String(r[5])) as unknown[]).map(Number),
    webhookUrl: text(r[6]),
  }));
}

export async function readSentAlerts(connection: DuckDBConnection): Promise<SentBudgetAlert[]> {
  const reader = await connection.runAndReadAll(
    'SELECT budget_id, epoch_ms(period_start), threshold FROM budget_alerts',
  );
  return reader.getRows().map((r) => ({
    budgetId: String(r[0]),
    periodStartUnixMs: Number(r[1]),
    threshold: String(r[2]),
  }));
}

export async function writeSentAlert(
  connection: DuckDBConnection,
  alert: SentBudgetAlert,
): Promise<void> {
  await connection.run(
    'INSERT INTO budget_alerts VALUES ($1, make_timestamp($2::BIGINT * 1000), $3, current_timestamp::TIMESTAMP)',
    [alert.budgetId, alert.periodStartUnixMs, alert.threshold],
  );
}

/** Priced, counted spend per UTC day and linked workflow for steps in [from, to), with the unpriced calls. */
export async function readDailyWorkflowSpend(
  connection: DuckDBConnection,
  fromUnixMs: number,
  toUnixMs: number,
): Promise<DailyWorkflowSpend[]> {
  const reader = await connection.runAndReadAll(
    `WITH spent AS (
       SELECT trace_id, start_time, cost_usd, pricing_status FROM steps
       WHERE usage_counted AND pricing_status IN ('priced', 'unpriced', 'usage_unknown')
         AND start_time >= make_timestamp_ns($1::BIGINT * 1000000)
         AND start_time < make_timestamp_ns($2::BIGINT * 1000000)
     ),
     links AS (
       SELECT trace_id, arg_min(workflow, start_time) FILTER (WHERE workflow IS NOT NULL) AS workflow
       FROM steps WHERE trace_id IN (SELECT trace_id FROM spent)
       GROUP BY trace_id HAVING bool_or(work_unit_id IS NOT NULL)
     )
     SELECT strftime(s.start_time, '%Y-%m-%d') AS day, coalesce(l.workflow, '(no workflow)'),
       coalesce(sum(s.cost_usd) FILTER (WHERE s.pricing_status = 'priced'), 0)::DECIMAL(38, 15),
       count(*) FILTER (WHERE s.pricing_status <> 'priced')
     FROM spent s JOIN links l USING (trace_id) GROUP BY ALL ORDER BY ALL`,
    [fromUnixMs, toUnixMs],
  );
  return reader.getRows().map((r) => ({
    day: String(r[0]),
    workflow: String(r[1]),
    costFemto: decimalToFemto(r[2] ?? null) ?? 0n,
    unpricedSteps: Number(r[3] ?? 0),
  }));
}
