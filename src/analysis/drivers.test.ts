import { describe, expect, it } from 'vitest';
import { aggregate } from '../../test/support/unit-aggregate.js';
import { usdToFemto, type WorkflowBaseline } from '../domain/index.js';
import { rankDrivers } from './drivers.js';
import { computeWorkflowEconomics } from './workflow-economics.js';

const BASELINE: WorkflowBaseline = {
  workflow: 'claims-adjudication',
  team: 'claims-ops',
  unitName: 'claim',
  bpoPricePerUnitFemto: usdToFemto('3.50'),
  laborMinutesPerUnit: null,
  loadedHourlyRateFemto: null,
  valuePerResolvedFemto: null,
  fixedCostPerAttemptFemto: 0n,
};

function view(
  group: string,
  units: number,
  resolved: number,
  aiResolved: number,
  attempts: number,
  cost: string,
) {
  const row = aggregate({
    group,
    units,
    unitsWithOutcome: units,
    resolvedUnits: resolved,
    aiResolvedUnits: aiResolved,
    humanResolvedUnits: resolved - aiResolved,
    handedOffUnits: resolved - aiResolved,
    attempts,
    tokenCostFemto: usdToFemto(cost),
    outcomeCostFemto: usdToFemto(cost),
  });
  return computeWorkflowEconomics(row, BASELINE, null);
}

describe('rankDrivers', () => {
  // Workflow: 1,000 claims, 950 resolved, $1,000 of tokens → $1.0526 per resolved claim.
  // unusual_documents=yes: 180 claims (18%), $470 (47%), 160 resolved (140 by AI) over 406 attempts:
  //   406 / 140 = 2.9 attempts per AI-resolved claim; $470 / 160 = $2.9375 per resolved claim;
  //   excess (2.9375 − 1.052631…) × 180 = $339.26; failure 20/180 = 11% against 50/1,000 = 5%.
  const workflow = view('claims-adjudication', 1000, 950, 900, 1500, '1000');
  const yes = view('unusual_documents=yes', 180, 160, 140, 406, '470');
  const no = view('unusual_documents=no', 820, 790, 760, 1094, '530');
  const tiny = view('region=antarctica', 3, 0, 0, 9, '30');

  it('ranks the segment that costs more per resolved claim first, with a sentence built from its numbers', () => {
    const [cost, failure, ...rest] = rankDrivers(workflow, [no, yes, tiny], { unitName: 'claim' });
    expect(rest).toEqual([]);
    expect(cost).toMatchObject({
      kind: 'cost',
      attribute: 'unusual_documents',
      value: 'yes',
      shareOfUnits: 0.18,
      shareOfTokenCost: 0.47,
      attemptsPerResolved: 2.9,
      costPerResolvedUsd: 2.9375,
    });
    expect(cost?.excess).toBeCloseTo((2.9375 - 1000 / 950) * 180, 9);
    expect(cost?.sentence).toBe(
      'Claims with unusual_documents=yes: 18% of volume, 47% of token spend; 2.9 attempts per resolved claim; $2.94 per resolved claim against a BPO price of $3.50.',
    );
    expect(failure?.sentence).toBe(
      'Claims with unusual_documents=yes fail 11% of the time against 5% overall: 20 of 180 claims not resolved.',
    );
    expect(failure?.excess).toBeCloseTo((20 / 180 - 0.05) * 180, 9);
  });

  it('leaves out segments too small to plan on', () => {
    expect(rankDrivers(workflow, [tiny], { unitName: 'claim' })).toEqual([]);
    // Nothing resolved: no cost per resolved claim to compare, only the failure finding.
    expect(
      rankDrivers(workflow, [tiny], { unitName: 'claim', minUnits: 1 }).map((f) => [
        f.kind,
        f.value,
      ]),
    ).toEqual([['failure', 'antarctica']]);
  });
});
