/**
 * The trajectory reports the API and the CLI serve: one unit's trajectory, a page of a workflow's
 * units matching a search, and the success/failure comparison of a workflow.
 */
import { type FemtoUsd, femtoToUsdNumber, femtoToUsdString } from '../../domain/index.js';
import { createPriceBook, type PriceBook } from '../../pricing/index.js';
import type { CompareQuery, Store } from '../../store/index.js';
import { shapeTrajectory, type Trajectory, type TrajectoryOptions } from './build-trajectory.js';
import { compareOutcomeCounts, type OutcomeComparison } from './compare-findings.js';
import { encodeCursor } from './search-params.js';
import { narrowToWaste, type SearchRequest } from './search-waste.js';
import { nanosToIso } from './trajectory-step.js';

export interface WorkUnitSearchView {
  workflow: string;
  matched: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  units: {
    workUnitId: string;
    /** The outcome status, or `pending`. */
    status: string;
    resolvedBy: string | null;
    overridden: boolean;
    attempts: number;
    tokenCostUsd: number;
    tokenCostUsdExact: string;
    unknownCostSteps: number;
    models: string[];
    tools: string[];
    rules: string[];
    firstActivity: string;
    lastActivity: string;
    /** With `wasteClass=`: the unit's dollars of that class (see the waste report's rules). */
    waste?: { class: string; usd: number; usdExact: string };
  }[];
}

export async function buildTrajectory(
  store: Store,
  workUnitId: string,
  workflow: string | undefined,
  options: TrajectoryOptions = {},
): Promise<Trajectory | null> {
  const { steps, outcome } = await store.getWorkUnit(workUnitId, workflow);
  if (steps.length === 0 && outcome === null) return null;
  const trajectory = shapeTrajectory(workUnitId, steps, outcome, options);
  return trajectory.workflow === null && workflow !== undefined
    ? { ...trajectory, workflow }
    : trajectory;
}

export async function searchWorkUnits(
  store: Store,
  request: SearchRequest,
  book: PriceBook = createPriceBook(),
): Promise<WorkUnitSearchView> {
  const { waste: filter, ...search } = request;
  const narrowed = filter ? await narrowToWaste(store, book, search, filter) : null;
  const page = await store.searchWorkUnits(narrowed?.search ?? search);
  const wasteOf = (
    unit: string,
  ): { waste?: NonNullable<WorkUnitSearchView['units'][0]['waste']> } => {
    const femto: FemtoUsd | undefined = narrowed?.wasteOf.get(unit);
    if (!filter || femto === undefined) return {};
    return {
      waste: {
        class: filter.wasteClass,
        usd: femtoToUsdNumber(femto),
        usdExact: femtoToUsdString(femto),
      },
    };
  };
  return {
    workflow: search.workflow,
    matched: page.matched,
    nextCursor: page.next === null ? null : encodeCursor(page.next),
    units: page.units.map((u) => ({
      workUnitId: u.workUnitId,
      status: u.status ?? 'pending',
      resolvedBy: u.resolvedBy,
      overridden: u.overridden,
      attempts: u.attempts,
      tokenCostUsd: femtoToUsdNumber(u.tokenCostFemto),
      tokenCostUsdExact: femtoToUsdString(u.tokenCostFemto),
      unknownCostSteps: u.unknownCostSteps,
      models: u.models,
      tools: u.tools,
      rules: u.rules,
      firstActivity: nanosToIso(u.firstSeenUnixNano),
      lastActivity: nanosToIso(u.lastSeenUnixNano),
      ...wasteOf(u.workUnitId),
    })),
  };
}

export async function compareWorkflow(
  store: Store,
  query: CompareQuery,
): Promise<OutcomeComparison> {
  const baseline = (await store.listBaselines()).find((b) => b.workflow === query.workflow);
  const counts = await store.compareOutcomes(query);
  return compareOutcomeCounts(query.workflow, counts, { unitName: baseline?.unitName ?? 'unit' });
}
