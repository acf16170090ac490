/**
 * F6 (economics.md §9): pass^k, the chance that all k trials of a task succeed, estimated without
 * bias from n trials with c successes per task (τ-bench's comb(c, k) / comb(n, k)).
 */
import { assertInteger } from './assert-input.js';

export interface TaskTrials {
  trials: number;
  successes: number;
}

/**
 * pass^k = mean over tasks of C(cᵢ, k)/C(nᵢ, k); null for no tasks. Never p^k: success is
 * correlated within a task, so p^k understates reliability (economics.md §4).
 * @throws RangeError when a task has fewer than k trials.
 */
export function passHatK(tasks: readonly TaskTrials[], k: number): number | null {
  assertInteger('k', k, 1);
  if (tasks.length === 0) return null;
  let sum = 0;
  for (const [i, t] of tasks.entries()) {
    assertTrials(i, t);
    if (t.trials < k) throw new RangeError(`tasks[${i}] has ${t.trials} trials, fewer than k=${k}`);
    sum += combinationRatio(t.successes, t.trials, k);
  }
  return sum / tasks.length;
}

export interface TaskSuccessSpread {
  /** E[1/pᵢ] over tasks with pᵢ > 0: the real attempts-per-success multiplier; null if none. */
  meanInverseSuccessRate: number | null;
  /** 1 / E[pᵢ]: the naive multiplier, below the real one by Jensen's inequality; null if E = 0. */
  inverseMeanSuccessRate: number | null;
  /** Share of tasks never solved (pᵢ = 0): uncapped retries on them cost without limit. */
  zeroSuccessShare: number | null;
}

/** Per-task heterogeneity that T/p from the average success rate hides. */
export function taskSuccessSpread(tasks: readonly TaskTrials[]): TaskSuccessSpread {
  let inverseSum = 0;
  let solved = 0;
  let rateSum = 0;
  for (const [i, t] of tasks.entries()) {
    assertTrials(i, t);
    if (t.trials === 0) throw new RangeError(`tasks[${i}] has no trials`);
    rateSum += t.successes / t.trials;
    if (t.successes > 0) {
      inverseSum += t.trials / t.successes;
      solved++;
    }
  }
  const n = tasks.length;
  return {
    meanInverseSuccessRate: solved === 0 ? null : inverseSum / solved,
    inverseMeanSuccessRate: rateSum === 0 ? null : n / rateSum,
    zeroSuccessShare: n === 0 ? null : (n - solved) / n,
  };
}

/** C(c, k)/C(n, k) = Πⱼ₌₀..ₖ₋₁ (c − j)/(n − j): no factorials, so no overflow for large n. */
function combinationRatio(c: number, n: number, k: number): number {
  let r = 1;
  for (let j = 0; j < k; j++) {
    if (c - j <= 0) return 0;
    r *= (c - j) / (n - j);
  }
  return r;
}

function assertTrials(index: number, t: TaskTrials): void {
  assertInteger(`tasks[${index}].trials`, t.trials, 0);
  assertInteger(`tasks[${index}].successes`, t.successes, 0);
  if (t.successes > t.trials) {
    throw new RangeError(`tasks[${index}]: successes ${t.successes} > trials ${t.trials}`);
  }
}
