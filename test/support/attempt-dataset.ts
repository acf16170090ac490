/**
 * Builds work units with given attempt histories as priced steps and outcomes, for tests that
 * go through the real store: one trace (one model call) per attempt, attempts an hour apart.
 */
import { LINK_KEYS, type Outcome, type PricedStep } from '../../src/domain/index.js';
import { contractOutcome, llmStep, pricedCost } from '../../src/store/contract-steps.js';

const T0 = 1_764_000_000_000_000_000n;
const HOUR = 3_600_000_000_000n;

export interface CallSpec {
  costUsd: string;
  model?: string;
  step?: string;
  inputTokens?: number;
  outputTokens?: number;
}

export function attemptStep(
  workflow: string,
  unit: string,
  attempt: number,
  call: CallSpec,
  attributes: Record<string, string> = {},
): PricedStep {
  const model = call.model ?? 'gpt-4o';
  const step = llmStep({
    name: `chat ${model}`,
    // As ingest names the step: tokenledger.step.name, else the span name.
    stepName: call.step ?? `chat ${model}`,
    model,
    requestModel: model,
    provider: model.startsWith('claude') ? 'anthropic' : 'openai',
    startTimeUnixNano: T0 + BigInt(attempt) * HOUR,
    cost: pricedCost(call.costUsd),
    attributes: {
      [LINK_KEYS.workUnitId]: unit,
      [LINK_KEYS.workflow]: workflow,
      ...(call.step ? { 'tokenledger.step.name': call.step } : {}),
      ...attributes,
    },
  });
  return {
    ...step,
    usage: {
      ...step.usage,
      inputTokens: call.inputTokens ?? 1000,
      outputTokens: call.outputTokens ?? 100,
    },
  };
}

export function outcomeOf(
  workflow: string,
  unit: string,
  resolvedBy: 'ai' | 'human' | 'bpo' | null,
  humanMinutes = 0,
): Outcome {
  return contractOutcome(unit, {
    workflow,
    status: resolvedBy === null ? 'failed' : 'resolved',
    resolvedBy,
    humanMinutes,
    occurredAtUnixNano: T0 + 24n * HOUR,
  });
}

/**
 * `counts[k]` units are AI-resolved on attempt k + 1; `failedAfter` units fail all of
 * `counts.length` attempts and go to a human who spends `humanMinutes` on each. Every attempt
 * costs `call.costUsd`.
 */
export function unitsWithHistory(
  workflow: string,
  counts: readonly number[],
  failedAfter: number,
  call: CallSpec,
  humanMinutes = 0,
): { steps: PricedStep[]; outcomes: Outcome[] } {
  const steps: PricedStep[] = [];
  const outcomes: Outcome[] = [];
  let n = 0;
  const add = (attempts: number, resolvedBy: 'ai' | 'human') => {
    n += 1;
    const unit = `${workflow}-${n}`;
    for (let k = 1; k <= attempts; k++) steps.push(attemptStep(workflow, unit, k, call));
    outcomes.push(outcomeOf(workflow, unit, resolvedBy, resolvedBy === 'human' ? humanMinutes : 0));
  };
  for (const [i, count] of counts.entries()) for (let u = 0; u < count; u++) add(i + 1, 'ai');
  for (let u = 0; u < failedAfter; u++) add(counts.length, 'human');
  return { steps, outcomes };
}
