/**
 * What the store aggregates per group of work units (a workflow, a team, a segment, a time
 * bucket) before analysis applies baselines. Money is exact femto-dollars; see docs/metrics.md.
 */
import type { FemtoUsd } from '../domain/index.js';

export interface UnitAggregate {
  /** The group's key: workflow name, team, `key=value` segment or bucket start (ISO). */
  group: string;
  /** The workflow when the group lies within one (always for per-workflow groups). */
  workflow: string | null;
  units: number;
  unitsWithOutcome: number;
  resolvedUnits: number;
  aiResolvedUnits: number;
  humanResolvedUnits: number;
  bpoResolvedUnits: number;
  /** Units `escalated`, or resolved by a human or the BPO. */
  handedOffUnits: number;
  /** Units AI-resolved on their first attempt. */
  firstPassUnits: number;
  attempts: number;
  tokenCostFemto: FemtoUsd;
  /** Token cost of attempts after each unit's first. */
  retryCostFemto: FemtoUsd;
  /** Token cost of units whose outcome is not `resolved`. */
  failedCostFemto: FemtoUsd;
  /** Token cost of units that have an outcome. */
  outcomeCostFemto: FemtoUsd;
  /** Outcome minutes plus `human` step minutes. */
  humanMinutes: number;
  /** Sum of the values outcome records state, over resolved units that state one. */
  statedValueFemto: FemtoUsd;
  /** Resolved units whose outcome states no value (valued at the baseline). */
  resolvedWithoutValue: number;
  /** Per-unit token cost over units with cost > 0 (nearest rank); null when there are none. */
  unitCostP50Femto: FemtoUsd | null;
  unitCostP95Femto: FemtoUsd | null;
  unitCostMaxFemto: FemtoUsd | null;
  unitCostMinFemto: FemtoUsd | null;
  unpricedSteps: number;
  usageUnknownSteps: number;
  firstSeenUnixNano: bigint | null;
  lastSeenUnixNano: bigint | null;
}
