/**
 * F5 (economics.md §9, Erol et al.): cost-of-pass, the expected spend per correct answer, and its
 * frontier over models and the human baseline. Plain USD.
 */
import { assertNonNegative } from './assert-input.js';

/**
 * v = E[cost] ÷ R: expected USD per attempt over its success rate, or, estimated from data,
 * Σcost ÷ Σsuccesses (a ratio of means). null when nothing succeeds (the paper's ∞).
 */
export function costOfPass(costUsd: number, successes: number): number | null {
  assertNonNegative('costUsd', costUsd);
  assertNonNegative('successes', successes);
  return successes === 0 ? null : costUsd / successes;
}

/**
 * The frontier: per task, the cheapest cost-of-pass among its candidates (models and the human
 * baseline), averaged over tasks as the reference code does. null candidates never passed; a
 * task none of whose candidates passed makes the frontier null.
 */
export function frontierCostOfPass(tasks: readonly (readonly (number | null)[])[]): number | null {
  if (tasks.length === 0) return null;
  let sum = 0;
  for (const candidates of tasks) {
    let best: number | null = null;
    for (const v of candidates) if (v !== null && (best === null || v < best)) best = v;
    if (best === null) return null;
    sum += best;
  }
  return sum / tasks.length;
}
