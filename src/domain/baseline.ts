/**
 * What a unit of a workflow costs by other means and is worth: the baselines every AI figure is
 * compared with. Held in the config file and in the store (updatable through the API).
 */
import type { FemtoUsd } from './money.js';

export interface WorkflowBaseline {
  workflow: string;
  /** Owning team, for per-team reports and budgets. */
  team: string | null;
  /** What one unit is called in sentences (`claim`, `ticket`); `unit` when not set. */
  unitName: string;
  /** Price per finished unit under the outsourcing (BPO) contract. */
  bpoPricePerUnitFemto: FemtoUsd | null;
  /** Minutes of internal labour one unit takes when people do it. */
  laborMinutesPerUnit: number | null;
  /** Loaded hourly rate of that labour (wage × benefits and overhead). */
  loadedHourlyRateFemto: FemtoUsd | null;
  /** Business value of one resolved outcome. */
  valuePerResolvedFemto: FemtoUsd | null;
  /** Fixed or tool cost per AI attempt, beyond tokens. */
  fixedCostPerAttemptFemto: FemtoUsd;
}
