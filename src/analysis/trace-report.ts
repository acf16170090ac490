/**
 * The captured trace as the API and CLI show it: every step with its tokens and cost, and totals
 * over the steps whose usage counts. Amounts are summed exactly, then rendered as JSON numbers.
 */
import {
  type FemtoUsd,
  femtoToUsdNumber,
  femtoToUsdString,
  type StoredStep,
} from '../domain/index.js';
import type { Store } from '../store/index.js';

export interface TraceStepView {
  spanId: string;
  parentSpanId: string | null;
  kind: string;
  name: string;
  model: string | null;
  requestModel: string | null;
  provider: string | null;
  responseId: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  /** null when the model has no known price. */
  costUsd: number | null;
  providedCostUsd: number | null;
  priced: boolean;
  pricingStatus: string;
  priceSource: string | null;
  priceId: string | null;
  priceVersion: string | null;
  /** false when this step's usage repeats usage counted on other steps (see `usageExclusion`). */
  usageCounted: boolean;
  usageExclusion: string | null;
  convention: string;
  startTime: string;
  durationMs: number;
  status: string;
  statusMessage: string;
  serviceName: string | null;
  sessionId: string | null;
  toolName: string | null;
  attributes: Record<string, string>;
}

export interface TraceReport {
  traceId: string;
  steps: TraceStepView[];
  totals: {
    inputTokens: number;
    outputTokens: number;
    cacheReadTokens: number;
    cacheWriteTokens: number;
    reasoningTokens: number;
    /** Cost of the priced steps whose usage counts. */
    costUsd: number;
    /** The same amount as an exact decimal string. */
    costUsdExact: string;
    /** Counted steps with usage but no price: their cost is missing from `costUsd`. */
    unpricedSteps: number;
    /** Model calls that reported no token counts (often streamed calls): cost unknown. */
    usageUnknownSteps: number;
  };
}

export async function buildTraceReport(store: Store, traceId: string): Promise<TraceReport | null> {
  const steps = await store.getTrace(traceId.toLowerCase());
  if (steps.length === 0) return null;
  let cost: FemtoUsd = 0n;
  const totals = {
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
  };
  let unpricedSteps = 0;
  let usageUnknownSteps = 0;
  for (const step of steps) {
    if (!step.usageCounted) continue;
    totals.inputTokens += step.usage.inputTokens ?? 0;
    totals.outputTokens += step.usage.outputTokens ?? 0;
    totals.cacheReadTokens += step.usage.cacheReadTokens ?? 0;
    totals.cacheWriteTokens += step.usage.cacheWriteTokens ?? 0;
    totals.reasoningTokens += step.usage.reasoningTokens ?? 0;
    if (step.cost.pricingStatus === 'unpriced') unpricedSteps += 1;
    if (step.cost.pricingStatus === 'usage_unknown') usageUnknownSteps += 1;
    cost += step.cost.costFemto ?? 0n;
  }
  return {
    traceId: traceId.toLowerCase(),
    steps: steps.map(toStepView),
    totals: {
      ...totals,
      costUsd: femtoToUsdNumber(cost),
      costUsdExact: femtoToUsdString(cost),
      unpricedSteps,
      usageUnknownSteps,
    },
  };
}

export function toStepView(step: StoredStep): TraceStepView {
  return {
    spanId: step.spanId,
    parentSpanId: step.parentSpanId,
    kind: step.kind,
    name: step.name,
    model: step.model,
    requestModel: step.requestModel,
    provider: step.provider,
    responseId: step.responseId,
    inputTokens: step.usage.inputTokens,
    outputTokens: step.usage.outputTokens,
    cacheReadTokens: step.usage.cacheReadTokens,
    cacheWriteTokens: step.usage.cacheWriteTokens,
    reasoningTokens: step.usage.reasoningTokens,
    costUsd: step.cost.costFemto === null ? null : femtoToUsdNumber(step.cost.costFemto),
    providedCostUsd: step.providedCostUsd === null ? null : Number(step.providedCostUsd),
    priced: step.cost.pricingStatus === 'priced',
    pricingStatus: step.cost.pricingStatus,
    priceSource: step.cost.priceSource,
    priceId: step.cost.priceId,
    priceVersion: step.cost.priceVersion,
    usageCounted: step.usageCounted,
    usageExclusion: step.usageExclusion,
    convention: step.convention,
    startTime: nanosToIso(step.startTimeUnixNano),
    durationMs: Number(step.durationNano) / 1e6,
    status: step.status,
    statusMessage: step.statusMessage,
    serviceName: step.serviceName,
    sessionId: step.sessionId,
    toolName: step.toolName,
    attributes: step.attributes,
  };
}

function nanosToIso(nanos: bigint): string {
  const millis = nanos / 1_000_000n;
  const iso = new Date(Number(millis)).toISOString();
  const subMilli = (nanos % 1_000_000n).toString().padStart(6, '0');
  return `${iso.slice(0, 23)}${subMilli}Z`;
}
