/**
 * How one workflow's work units spread over token cost: geometric cost bands between the cheapest
 * and the dearest unit, each with its units by outcome and their exact cost. The bands are what a
 * monthly bill averages away (docs/metrics.md, "Cost distribution").
 */
import type { FemtoUsd } from '../domain/index.js';

export interface CostDistributionQuery {
  workflow: string;
  /** Bands wanted (1–100); fewer when the costs span too narrow a range to split. */
  bands: number;
  fromUnixNano?: bigint;
  toUnixNano?: bigint;
  /** Only units whose business attribute `key` is `value` (as `UnitQuery.attribute`). */
  attribute?: { key: string; value: string };
}

export interface CostBand {
  /** Inclusive lower edge; the upper edge is exclusive except on the last band. */
  fromFemto: FemtoUsd;
  toFemto: FemtoUsd;
  units: number;
  resolvedUnits: number;
  /** Units whose current outcome is failed, escalated or abandoned. */
  unresolvedUnits: number;
  awaitingOutcomeUnits: number;
  costFemto: FemtoUsd;
}

export interface CostDistribution {
  workflow: string;
  units: number;
  /** Units with no priced token cost (outcome only, or unpriced steps); not in any band. */
  zeroCostUnits: number;
  bands: CostBand[];
}

/**
 * Band edges from `min` to `max` growing by a constant factor, rounded to whole femto-dollars and
 * strictly increasing (equal neighbours are merged, so narrow ranges get fewer bands).
 */
export function geometricEdges(min: FemtoUsd, max: FemtoUsd, bands: number): FemtoUsd[] {
  if (min <= 0n || max < min) throw new RangeError('cost edges need 0 < min ≤ max');
  if (min === max) return [min, max];
  const ratio = Number(max) / Number(min);
  const edges: FemtoUsd[] = [min];
  for (let i = 1; i < bands; i++) {
    const edge = BigInt(Math.round(Number(min) * ratio ** (i / bands)));
    const last = edges[edges.length - 1] ?? min;
    if (edge > last && edge < max) edges.push(edge);
  }
  edges.push(max);
  return edges;
}
