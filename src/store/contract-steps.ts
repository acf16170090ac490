/** Builders of `PricedStep`s for the shared store contract suite. */
import {
  emptyUsage,
  LINK_KEYS,
  type Outcome,
  type PricedStep,
  type StepCost,
  usdToFemto,
} from '../domain/index.js';

let sequence = 0;

/** A linking span's attributes: work unit `unit` of workflow claims, with `extra` attributes. */
export const claimsLink = (unit: string, extra: Record<string, string> = {}) => ({
  [LINK_KEYS.workUnitId]: unit,
  [LINK_KEYS.workflow]: 'claims',
  ...extra,
});

/** A hex id of the given length, unique within the process. */
export function uniqueId(length: 16 | 32): string {
  sequence += 1;
  return sequence.toString(16).padStart(length, '0');
}

export function pricedCost(costUsd: string): StepCost {
  const femto = usdToFemto(costUsd);
  return {
    pricingStatus: 'priced',
    costFemto: femto,
    inputCostFemto: femto,
    outputCostFemto: 0n,
    priceSource: 'catalog',
    priceId: 'openai/gpt-4o',
    priceVersion: '0.1.8',
  };
}

export const UNPRICED: StepCost = {
  pricingStatus: 'unpriced',
  costFemto: null,
  inputCostFemto: null,
  outputCostFemto: null,
  priceSource: null,
  priceId: null,
  priceVersion: null,
};

export const NO_USAGE: StepCost = { ...UNPRICED, pricingStatus: 'no_usage' };

/** An LLM step with usage; override anything. */
export function llmStep(overrides: Partial<PricedStep> = {}): PricedStep {
  return {
    traceId: uniqueId(32),
    spanId: uniqueId(16),
    parentSpanId: null,
    kind: 'llm',
    name: 'chat gpt-4o',
    convention: 'gen-ai',
    model: 'gpt-4o',
    requestModel: 'gpt-4o',
    provider: 'openai',
    responseId: null,
    usage: {
      inputTokens: 100,
      outputTokens: 20,
      cacheReadTokens: null,
      cacheWriteTokens: null,
      cacheWrite1hTokens: null,
      reasoningTokens: null,
    },
    usageIsRollup: false,
    providedCostUsd: null,
    serviceTier: null,
    startTimeUnixNano: 1_750_000_000_000_000_000n,
    durationNano: 1_000_000n,
    status: 'ok',
    statusMessage: '',
    serviceName: 'svc',
    sessionId: null,
    toolName: null,
    stepName: 'chat',
    fingerprint: null,
    argumentBytes: null,
    documents: null,
    attributes: {},
    cost: pricedCost('0.001'),
    ...overrides,
  };
}

/** A step without usage (a tool call); override anything. */
export function toolStep(overrides: Partial<PricedStep> = {}): PricedStep {
  return llmStep({
    kind: 'tool',
    name: 'execute_tool search',
    model: null,
    requestModel: null,
    provider: null,
    usage: emptyUsage(),
    toolName: 'search',
    cost: NO_USAGE,
    ...overrides,
  });
}

/** An outcome resolved by AI for workflow `claims` at 10 h after the suites' T0; override anything. */
export function contractOutcome(workUnitId: string, fields: Partial<Outcome> = {}): Outcome {
  return {
    workUnitId,
    workflow: 'claims',
    status: 'resolved',
    resolvedBy: 'ai',
    humanMinutes: 0,
    reviewMinutes: null,
    correctionMinutes: null,
    overridden: false,
    valueFemto: null,
    attributes: {},
    occurredAtUnixNano: 1_764_000_000_000_000_000n + 10n * 3_600_000_000_000n,
    ...fields,
  };
}
