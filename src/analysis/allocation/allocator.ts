/**
 * Spreads an inference budget across workflows and their attempt levers so that it buys the most
 * outcome value, and sends what it does not cover to people or the BPO at their cost.
 *
 * Lever i of workflow w gives the units that reach attempt i one more AI attempt: it costs
 * V·reachᵢ·cᵢ and saves V·reachᵢ·sᵢ·F of fallback cost (F = the cheaper of people and BPO), so its
 * value per dollar is sᵢ·F/cᵢ. Levers are bought in attempt order; where a later lever is worth
 * more per dollar than an earlier one, the two are pooled into one block (the concave hull of the
 * workflow's value curve). Each workflow's value is then a concave, piecewise-linear function of
 * its spend, and maximising a sum of concave functions under one budget is solved exactly by
 * spending in decreasing order of slope (the fractional knapsack; KKT: every funded slope ≥ λ ≥
 * every unfunded one). A block is bought only while it saves more than it costs (value per
 * dollar > 1); the last block bought may be funded for a share of its units.
 */
import { assertNonNegative, assertProbability } from '../economics/assert-input.js';

export interface AllocationInput {
  workflow: string;
  /** Expected units in the period. */
  volume: number;
  /** Observed P(attempt i succeeds | earlier failed), i = 1..K. */
  conditionalSuccessRates: readonly number[];
  /** USD per attempt i. */
  attemptCostUsd: readonly number[];
  /** USD per unit at the cheaper fallback. */
  fallbackCostUsd: number;
}

export interface WorkflowPlan {
  workflow: string;
  volume: number;
  /** Share of units funded for attempt i (non-increasing in i). */
  fundedShare: number[];
  /** Attempts fully funded for every unit (the retry cap the plan sets). */
  retryCap: number;
  aiCostUsd: number;
  aiResolvedUnits: number;
  unitsElsewhere: number;
  fallbackCostUsd: number;
}

export interface Allocation {
  plans: WorkflowPlan[];
  spentUsd: number;
  unspentUsd: number;
}

interface Block {
  workflow: string;
  /** Attempt indexes (0-based) the block funds together. */
  from: number;
  to: number;
  costUsd: number;
  savingUsd: number;
}

function blocksOf(input: AllocationInput): Block[] {
  const blocks: Block[] = [];
  let reach = 1;
  for (let i = 0; i < input.conditionalSuccessRates.length; i++) {
    const s = input.conditionalSuccessRates[i] ?? 0;
    const c = input.attemptCostUsd[i] ?? 0;
    let block: Block = {
      workflow: input.workflow,
      from: i,
      to: i,
      costUsd: input.volume * reach * c,
      savingUsd: input.volume * reach * s * input.fallbackCostUsd,
    };
    reach *= 1 - s;
    for (let last = blocks.at(-1); last && slope(block) > slope(last); last = blocks.at(-1)) {
      blocks.pop();
      block = {
        workflow: input.workflow,
        from: last.from,
        to: block.to,
        costUsd: last.costUsd + block.costUsd,
        savingUsd: last.savingUsd + block.savingUsd,
      };
    }
    blocks.push(block);
  }
  return blocks;
}

function slope(block: Block): number {
  if (block.costUsd === 0) return block.savingUsd > 0 ? Number.POSITIVE_INFINITY : 0;
  return block.savingUsd / block.costUsd;
}

export function allocateBudget(budgetUsd: number, inputs: readonly AllocationInput[]): Allocation {
  assertNonNegative('budgetUsd', budgetUsd);
  for (const w of inputs) {
    assertNonNegative(`${w.workflow}.volume`, w.volume);
    assertNonNegative(`${w.workflow}.fallbackCostUsd`, w.fallbackCostUsd);
    for (const [i, s] of w.conditionalSuccessRates.entries())
      assertProbability(`${w.workflow}.conditionalSuccessRates[${i}]`, s);
  }
  const order = inputs.flatMap(blocksOf).filter((b) => slope(b) > 1);
  order.sort(
    (a, b) => slope(b) - slope(a) || a.workflow.localeCompare(b.workflow) || a.from - b.from,
  );
  const funded = new Map(inputs.map((w) => [w.workflow, w.conditionalSuccessRates.map(() => 0)]));
  let remaining = budgetUsd;
  for (const block of order) {
    if (remaining <= 0) break;
    const share = block.costUsd <= remaining ? 1 : remaining / block.costUsd;
    remaining -= block.costUsd * share;
    const shares = funded.get(block.workflow) ?? [];
    for (let i = block.from; i <= block.to; i++) shares[i] = share;
  }
  const plans = inputs.map((w) => planOf(w, funded.get(w.workflow) ?? []));
  const spent = plans.reduce((sum, p) => sum + p.aiCostUsd, 0);
  return { plans, spentUsd: spent, unspentUsd: Math.max(0, budgetUsd - spent) };
}

function planOf(input: AllocationInput, shares: number[]): WorkflowPlan {
  let reach = 1;
  let aiCost = 0;
  let resolved = 0;
  for (const [i, share] of shares.entries()) {
    const s = input.conditionalSuccessRates[i] ?? 0;
    aiCost += input.volume * share * reach * (input.attemptCostUsd[i] ?? 0);
    resolved += input.volume * share * reach * s;
    reach *= 1 - s;
  }
  const elsewhere = input.volume - resolved;
  const cap = shares.findIndex((share) => share < 1);
  return {
    workflow: input.workflow,
    volume: input.volume,
    fundedShare: shares,
    retryCap: cap < 0 ? shares.length : cap,
    aiCostUsd: aiCost,
    aiResolvedUnits: resolved,
    unitsElsewhere: elsewhere,
    fallbackCostUsd: elsewhere * input.fallbackCostUsd,
  };
}
