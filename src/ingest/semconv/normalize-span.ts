/**
 * The fixed mapper order and the one entry point that turns an `OtlpSpan` into a `Step`, or an
 * error naming the span and attribute when its usage cannot be right.
 */
import type { OtlpSpan } from '../../domain/index.js';
import { genAiMapper } from './gen-ai.js';
import { genericMapper } from './generic.js';
import { InvalidUsageError } from './invalid-usage-error.js';
import { langfuseMapper } from './langfuse.js';
import { openInferenceMapper } from './openinference.js';
import { pydanticAiMapper } from './pydantic-ai.js';
import type { NormalizeResult, SemconvMapper } from './semconv-mapper.js';
import { createTokenledgerMapper } from './tokenledger.js';
import { traceloopMapper } from './traceloop.js';
import { vercelAiMapper } from './vercel-ai.js';

/**
 * Conventions by specificity. Scope-named SDKs come before attribute-keyed conventions because
 * their spans also carry the latter's attributes (OpenLLMetry stamps `traceloop.*` and
 * OpenInference adds `openinference.span.kind` onto AI SDK spans); plain GenAI is the widest.
 */
const CONVENTIONS: readonly SemconvMapper[] = [
  langfuseMapper,
  pydanticAiMapper,
  vercelAiMapper,
  openInferenceMapper,
  traceloopMapper,
  genAiMapper,
  genericMapper,
];

/**
 * Tried in this order; the first whose `matches` is true maps the span:
 * tokenledger → langfuse → pydantic-ai → vercel-ai → openinference → traceloop → gen-ai → generic.
 */
export const MAPPERS: readonly SemconvMapper[] = [
  createTokenledgerMapper(CONVENTIONS),
  ...CONVENTIONS,
];

export function normalizeSpan(span: OtlpSpan): NormalizeResult {
  for (const mapper of MAPPERS) {
    if (!mapper.matches(span)) continue;
    try {
      return { ok: true, step: mapper.toStep(span) };
    } catch (error) {
      if (error instanceof InvalidUsageError) return { ok: false, error: error.message };
      const cause = error instanceof Error ? error.message : String(error);
      return { ok: false, error: `span ${span.traceId}/${span.spanId}: ${mapper.name}: ${cause}` };
    }
  }
  return { ok: false, error: `span ${span.traceId}/${span.spanId}: no mapper matched` };
}
