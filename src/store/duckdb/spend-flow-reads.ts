/**
 * The spend flow over DuckDB: the waste analysis's trace → unit → verdict select (waste-sql.ts),
 * joined once with the counted, priced steps and summed per workflow, model and verdict; or the
 * same sums from the waste roll-up's spend per unit and model (waste-rollup-reads.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FlowVerdict, SpendFlowRow } from '../spend-flow.js';
import type { WasteQuery } from '../waste-facts.js';
import { decimalToFemto, toNumber } from './step-rows.js';
import { rolledUpSpendFlowSql } from './waste-rollup-reads.js';
import { tracesSelectSql } from './waste-sql.js';

const VERDICTS: Record<string, FlowVerdict> = {
  success: 'resolved',
  failed: 'failedAttempts',
  abandoned: 'abandoned',
  pending: 'awaitingOutcome',
};

export function spendFlowSql(query: WasteQuery): string {
  return `WITH t AS (${tracesSelectSql(query)})
SELECT t.workflow, s.model, t.verdict, sum(s.cost_usd)::DECIMAL(38, 15), count(*)
FROM steps s JOIN (SELECT trace_id, workflow, verdict FROM t) t USING (trace_id)
WHERE s.usage_counted AND s.pricing_status = 'priced'
GROUP BY ALL ORDER BY ALL`;
}

/**
 * `fromRollup`: read the waste roll-up, and for a business attribute the attribute roll-up (both
 * kept up to date by the caller).
 */
export async function readSpendFlow(
  connection: DuckDBConnection,
  query: WasteQuery,
  fromRollup = false,
): Promise<SpendFlowRow[]> {
  const sql = fromRollup ? rolledUpSpendFlowSql(query) : spendFlowSql(query);
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows().map((r) => {
    const verdict = VERDICTS[String(r[2])];
    if (verdict === undefined) throw new Error(`unknown verdict ${String(r[2])}`);
    return {
      workflow: String(r[0]),
      model: r[1] === null || r[1] === undefined ? null : String(r[1]),
      verdict,
      costFemto: decimalToFemto(r[3] ?? null) ?? 0n,
      steps: toNumber(r[4] ?? null) ?? 0,
    };
  });
}
