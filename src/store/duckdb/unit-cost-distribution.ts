/**
 * Cost bands of one workflow's units, over the same units (and unit costs) as the report: the
 * cheapest and dearest unit fix the edges, then one pass counts each band by outcome.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { femtoToUsdString } from '../../domain/index.js';
import {
  type CostDistribution,
  type CostDistributionQuery,
  geometricEdges,
} from '../cost-distribution.js';
import { femto, int } from './duckdb-values.js';
import { decimalToFemto } from './step-rows.js';
import { readsKeptAttributes, unitCtes, unitRangeFilter } from './unit-report.js';

/** `attributesKept`: the attribute roll-up is up to date (unit-report.ts `unitCtes`). */
export async function unitCostDistribution(
  connection: DuckDBConnection,
  query: CostDistributionQuery,
  attributesKept = false,
): Promise<CostDistribution> {
  const unitQuery = { groupBy: { kind: 'workflow' } as const, ...query };
  const kept = readsKeptAttributes(unitQuery, attributesKept);
  const units = `${unitCtes(unitQuery, kept)}
SELECT * FROM units WHERE ${unitRangeFilter(unitQuery, kept)}`;
  const span = (
    await connection.runAndReadAll(
      `SELECT count(*), count(*) FILTER (WHERE cost <= 0), min(cost) FILTER (WHERE cost > 0),
         max(cost) FROM (${units})`,
    )
  ).getRows()[0];
  const min = decimalToFemto(span?.[2] ?? null);
  const max = decimalToFemto(span?.[3] ?? null);
  const result: CostDistribution = {
    workflow: query.workflow,
    units: int(span?.[0]),
    zeroCostUnits: int(span?.[1]),
    bands: [],
  };
  if (min === null || max === null) return result;
  const edges = geometricEdges(min, max, query.bands);
  const inner = edges.slice(1, -1);
  // The band of a cost is how many inner edges it has reached.
  const band =
    inner.length === 0
      ? '0'
      : inner.map((e) => `(cost >= ${femtoToUsdString(e)}::DECIMAL(38, 15))::INTEGER`).join(' + ');
  const rows = (
    await connection.runAndReadAll(
      `SELECT ${band} AS band, count(*),
         count(*) FILTER (WHERE status = 'resolved'),
         count(*) FILTER (WHERE status IS NOT NULL AND status <> 'resolved'),
         count(*) FILTER (WHERE status IS NULL), sum(cost)::DECIMAL(38, 15)
       FROM (${units}) WHERE cost > 0 GROUP BY band ORDER BY band`,
    )
  ).getRows();
  const byBand = new Map(rows.map((r) => [int(r[0]), r]));
  for (let i = 0; i + 1 < edges.length; i++) {
    const r = byBand.get(i);
    result.bands.push({
      fromFemto: edges[i] ?? 0n,
      toFemto: edges[i + 1] ?? 0n,
      units: int(r?.[1]),
      resolvedUnits: int(r?.[2]),
      unresolvedUnits: int(r?.[3]),
      awaitingOutcomeUnits: int(r?.[4]),
      costFemto: femto(r?.[5]),
    });
  }
  return result;
}
