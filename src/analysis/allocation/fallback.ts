/**
 * Where a unit goes when the AI does not handle it: people at labour minutes × loaded hourly rate,
 * or the BPO at its price, whichever is cheaper per unit (stated, with both figures).
 */
import { type FemtoUsd, femtoToUsdString, type WorkflowBaseline } from '../../domain/index.js';
import { laborCost } from '../workflow-economics.js';

export interface FallbackChoice {
  /** The cheaper of the two; `human` on a tie (no contract needed). */
  kind: 'human' | 'bpo';
  /** Exact decimal USD (usdToFemto gives back the exact amount). */
  costPerUnitUsd: string;
  humanCostPerUnitUsd: string | null;
  bpoPricePerUnitUsd: string | null;
  statement: string;
}

export function humanCostPerUnit(baseline: WorkflowBaseline | null): FemtoUsd | null {
  if (baseline?.laborMinutesPerUnit == null || baseline.loadedHourlyRateFemto === null) return null;
  return laborCost(baseline.laborMinutesPerUnit, baseline.loadedHourlyRateFemto);
}

/** Null when the baseline prices neither labour nor the BPO. */
export function chooseFallback(baseline: WorkflowBaseline | null): FallbackChoice | null {
  const human = humanCostPerUnit(baseline);
  const bpo = baseline?.bpoPricePerUnitFemto ?? null;
  if (human === null && bpo === null) return null;
  const kind = bpo === null || (human !== null && human <= bpo) ? 'human' : 'bpo';
  const cost = (kind === 'human' ? human : bpo) ?? 0n;
  const humanUsd = human === null ? null : femtoToUsdString(human);
  const bpoUsd = bpo === null ? null : femtoToUsdString(bpo);
  const other =
    kind === 'human'
      ? bpoUsd === null
        ? 'no BPO price is set'
        : `cheaper than the BPO price of $${bpoUsd}`
      : humanUsd === null
        ? 'no in-house labour cost is set'
        : `cheaper than in-house labour at $${humanUsd}`;
  const who =
    kind === 'human'
      ? `in-house people (${baseline?.laborMinutesPerUnit} minutes at the loaded hourly rate)`
      : 'the BPO';
  return {
    kind,
    costPerUnitUsd: femtoToUsdString(cost),
    humanCostPerUnitUsd: humanUsd,
    bpoPricePerUnitUsd: bpoUsd,
    statement: `Units the AI does not resolve go to ${who} at $${femtoToUsdString(cost)} each, ${other}.`,
  };
}
