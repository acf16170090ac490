/** A workflow baseline naming only its team, for tests about spend rather than economics. */
import type { WorkflowBaseline } from '../../src/domain/index.js';

export function teamBaseline(workflow: string, team: string): WorkflowBaseline {
  return {
    workflow,
    team,
    unitName: 'unit',
    bpoPricePerUnitFemto: null,
    laborMinutesPerUnit: null,
    loadedHourlyRateFemto: null,
    valuePerResolvedFemto: null,
    fixedCostPerAttemptFemto: 0n,
  };
}
