import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../test/support/unit-aggregate.js';
import { usdToFemto, type WorkflowBaseline } from '../../domain/index.js';
import { rankDrivers } from '../drivers.js';
import { computeWorkflowEconomics } from '../workflow-economics.js';
import { workflowRecommendations } from './recommendations.js';

const BASELINE: WorkflowBaseline = {
  workflow: 'tickets',
  team: null,
  unitName: 'ticket',
  bpoPricePerUnitFemto: usdToFemto('2'),
  laborMinutesPerUnit: null,
  loadedHourlyRateFemto: null,
  valuePerResolvedFemto: null,
  fixedCostPerAttemptFemto: 0n,
};

function economics(group: string, units: number, resolved: number, cost: string) {
  return computeWorkflowEconomics(
    aggregate({
      group,
      workflow: 'tickets',
      units,
      unitsWithOutcome: units,
      resolvedUnits: resolved,
      aiResolvedUnits: resolved,
      attempts: units,
      tokenCostFemto: usdToFemto(cost),
      outcomeCostFemto: usdToFemto(cost),
    }),
    BASELINE,
    null,
  );
}

describe('workflowRecommendations', () => {
  it('asks to investigate a segment failing at least twice as often as its workflow', () => {
    // Workflow: 100 tickets, 80 resolved (20% fail). lang=fi: 20 tickets, 10 resolved (50% fail,
    // 2.5× the workflow). lang=en: 80 tickets, 70 resolved (12.5%, below).
    const workflow = economics('tickets', 100, 80, '10');
    const segments = [economics('lang=fi', 20, 10, '2'), economics('lang=en', 80, 70, '8')];
    const drivers = rankDrivers(workflow, segments, { unitName: 'ticket', minUnits: 10 });
    const found = workflowRecommendations({
      economics: workflow,
      marginal: null,
      drivers,
      unitName: 'ticket',
      monthFactor: 1,
    }).filter((r) => r.kind === 'investigate');
    expect(found).toEqual([
      {
        workflow: 'tickets',
        kind: 'investigate',
        explanation:
          'Tickets with lang=fi fail 50% of the time against 20% overall: 10 of 20 tickets not resolved; find out why before planning on this workflow.',
        figures: {
          attribute: 'lang',
          value: 'fi',
          failureRate: 0.5,
          workflowFailureRate: 0.2,
          threshold: 2,
        },
        perMonthUsd: null,
      },
    ]);
  });

  it('recommends nothing it cannot justify: no baseline figures, no value, no history', () => {
    const bare = computeWorkflowEconomics(
      aggregate({ group: 'x', workflow: 'x', units: 5, unitsWithOutcome: 5, resolvedUnits: 5 }),
      null,
      null,
    );
    expect(
      workflowRecommendations({
        economics: bare,
        marginal: null,
        drivers: [],
        unitName: 'unit',
        monthFactor: 30,
      }),
    ).toEqual([]);
  });
});
