/**
 * The CPU half of the write path, with no store: OTLP bytes → decoded spans → steps → priced
 * steps, plus what was rejected and why. Runs on the main thread or in a capture worker.
 */
import {
  type AttributionRules,
  applyAttribution,
  type PricedStep,
  type Step,
  type StepCost,
} from '../domain/index.js';
import {
  type DecodeLimits,
  decodeTraceRequest,
  normalizeSpan,
  type OtlpEncoding,
} from '../ingest/index.js';
import type { PriceBook } from '../pricing/index.js';

const MAX_MESSAGES = 10;

export interface PreparedBatch {
  priced: PricedStep[];
  rejectedSpans: number;
  /** The first few rejection reasons, each naming the span and the rule. */
  rejectionMessages: string[];
}

export interface PrepareContext {
  priceBook: PriceBook;
  limits: Partial<DecodeLimits>;
  attribution: AttributionRules;
}

/** Throws `OtlpDecodeError` when the body cannot be decoded at all. */
export function prepareOtlp(
  body: Uint8Array,
  encoding: OtlpEncoding,
  context: PrepareContext,
): PreparedBatch {
  const decoded = decodeTraceRequest(body, encoding, context.limits);
  const messages = decoded.rejectionMessages.slice(0, MAX_MESSAGES);
  let rejected = decoded.rejectedSpans;
  const priced: PricedStep[] = [];
  for (const span of decoded.spans) {
    const result = normalizeSpan(span);
    if (!result.ok) {
      rejected += 1;
      if (messages.length < MAX_MESSAGES) messages.push(result.error);
      continue;
    }
    const step = result.step;
    const attributes = applyAttribution(step.attributes, context.attribution);
    priced.push(pricedStep(step, attributes, context.priceBook.priceStep(step)));
  }
  return { priced, rejectedSpans: rejected, rejectionMessages: messages };
}

/**
 * One literal with every field, not `{ ...step, attributes, cost }`: V8 gave most spread copies a
 * hidden class of their own, so every read of a step on the write path (chunk filling, planning,
 * roll-up) missed its inline caches, and each step carried its own map and descriptor array.
 */
function pricedStep(step: Step, attributes: Step['attributes'], cost: StepCost): PricedStep {
  return {
    traceId: step.traceId,
    spanId: step.spanId,
    parentSpanId: step.parentSpanId,
    kind: step.kind,
    name: step.name,
    convention: step.convention,
    model: step.model,
    requestModel: step.requestModel,
    provider: step.provider,
    responseId: step.responseId,
    usage: step.usage,
    usageIsRollup: step.usageIsRollup,
    providedCostUsd: step.providedCostUsd,
    serviceTier: step.serviceTier,
    startTimeUnixNano: step.startTimeUnixNano,
    durationNano: step.durationNano,
    status: step.status,
    statusMessage: step.statusMessage,
    serviceName: step.serviceName,
    sessionId: step.sessionId,
    toolName: step.toolName,
    stepName: step.stepName,
    fingerprint: step.fingerprint,
    argumentBytes: step.argumentBytes,
    documents: step.documents,
    attributes,
    cost,
  };
}
