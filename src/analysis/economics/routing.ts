/**
 * F7 (economics.md §9): the cost of routing work between models, of a small-then-large cascade,
 * and of a route mix per success. Plain USD expectations.
 */
import { assertNonNegative, assertProbability } from './assert-input.js';

export interface Route {
  /** Share of requests sent this way; shares sum to 1. */
  share: number;
  /** USD per request on this route. */
  costUsd: number;
}

export interface RouteWithSuccess extends Route {
  /** Success probability of a request on this route. */
  successRate: number;
}

const SHARE_SUM_TOLERANCE = 1e-9;

/** Σ shareᵣ·Cᵣ; for two routes f_small·C_small + (1 − f_small)·C_large. */
export function blendedRoutingCost(routes: readonly Route[]): number {
  assertShares(routes);
  return routes.reduce((sum, r) => sum + r.share * r.costUsd, 0);
}

export interface CascadeInput {
  smallCostUsd: number;
  largeCostUsd: number;
  /** a: share of the small model's answers accepted, so the large model is not called. */
  acceptanceRate: number;
}

/** E[USD] = C_small + (1 − a)·C_large: the small model always runs. */
export function cascadeCost(input: CascadeInput): number {
  assertNonNegative('smallCostUsd', input.smallCostUsd);
  assertNonNegative('largeCostUsd', input.largeCostUsd);
  assertProbability('acceptanceRate', input.acceptanceRate);
  return input.smallCostUsd + (1 - input.acceptanceRate) * input.largeCostUsd;
}

/**
 * The acceptance rate above which the cascade is cheaper than always calling the large model:
 * C_small/C_large. null when the large model is free (the cascade never wins).
 */
export function cascadeBreakEvenAcceptance(
  smallCostUsd: number,
  largeCostUsd: number,
): number | null {
  assertNonNegative('smallCostUsd', smallCostUsd);
  assertNonNegative('largeCostUsd', largeCostUsd);
  return largeCostUsd === 0 ? null : smallCostUsd / largeCostUsd;
}

/**
 * Quality-adjusted USD per success = Σ shareᵣ·Cᵣ/pᵣ. null when a route that receives requests
 * never succeeds: its cost per success has no finite value.
 */
export function qualityAdjustedCostPerSuccess(routes: readonly RouteWithSuccess[]): number | null {
  assertShares(routes);
  let sum = 0;
  for (const [i, r] of routes.entries()) {
    assertProbability(`routes[${i}].successRate`, r.successRate);
    if (r.share === 0) continue;
    if (r.successRate === 0) return null;
    sum += (r.share * r.costUsd) / r.successRate;
  }
  return sum;
}

function assertShares(routes: readonly Route[]): void {
  let total = 0;
  for (const [i, r] of routes.entries()) {
    assertProbability(`routes[${i}].share`, r.share);
    assertNonNegative(`routes[${i}].costUsd`, r.costUsd);
    total += r.share;
  }
  if (Math.abs(total - 1) > SHARE_SUM_TOLERANCE) {
    throw new RangeError(`route shares must sum to 1, got ${total}`);
  }
}
