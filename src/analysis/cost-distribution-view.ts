/**
 * The cost distribution of one workflow's units as the API and dashboard show it: each band's
 * edges and cost as exact decimal strings beside numbers, and the share of units and spend it holds.
 */
import { femtoToUsdNumber, femtoToUsdString } from '../domain/index.js';
import type { CostBand, Store } from '../store/index.js';
import { RangeError400 } from './parse-range.js';
import type { ReportRange } from './workflow-report.js';

export interface CostBandView {
  fromUsd: number;
  toUsd: number;
  fromUsdExact: string;
  toUsdExact: string;
  units: number;
  resolvedUnits: number;
  unresolvedUnits: number;
  awaitingOutcomeUnits: number;
  tokenCostUsd: number;
  tokenCostUsdExact: string;
  /** Of the units with a cost; null when none has one. */
  unitShare: number | null;
  costShare: number | null;
}

export interface CostDistributionView {
  workflow: string;
  units: number;
  zeroCostUnits: number;
  tokenCostUsdExact: string;
  bands: CostBandView[];
}

/** `bands` from a query string: a whole number 1–100, 20 when absent. */
export function parseBands(value: string | undefined): number {
  if (value === undefined || value === '') return 20;
  const bands = Number(value);
  if (!Number.isInteger(bands) || bands < 1 || bands > 100)
    throw new RangeError400(
      `bands must be a whole number from 1 to 100; got ${JSON.stringify(value)}`,
    );
  return bands;
}

export async function buildCostDistribution(
  store: Store,
  workflow: string,
  range: ReportRange,
  bands: number,
): Promise<CostDistributionView> {
  const d = await store.unitCostDistribution({ workflow, bands, ...range });
  const costed = d.bands.reduce((n, b) => n + b.units, 0);
  const total = d.bands.reduce((sum, b) => sum + b.costFemto, 0n);
  const band = (b: CostBand): CostBandView => ({
    fromUsd: femtoToUsdNumber(b.fromFemto),
    toUsd: femtoToUsdNumber(b.toFemto),
    fromUsdExact: femtoToUsdString(b.fromFemto),
    toUsdExact: femtoToUsdString(b.toFemto),
    units: b.units,
    resolvedUnits: b.resolvedUnits,
    unresolvedUnits: b.unresolvedUnits,
    awaitingOutcomeUnits: b.awaitingOutcomeUnits,
    tokenCostUsd: femtoToUsdNumber(b.costFemto),
    tokenCostUsdExact: femtoToUsdString(b.costFemto),
    unitShare: costed === 0 ? null : b.units / costed,
    costShare: total === 0n ? null : Number((b.costFemto * 1_000_000n) / total) / 1_000_000,
  });
  return {
    workflow,
    units: d.units,
    zeroCostUnits: d.zeroCostUnits,
    tokenCostUsdExact: femtoToUsdString(total),
    bands: d.bands.map(band),
  };
}
