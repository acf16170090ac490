/**
 * Vercel AI SDK v7 `@ai-sdk/otel` spans (tracer `gen_ai`, telemetry-mapping.md §1 rows 19–23):
 * `invoke_agent {model}` roots and `step {n}` (`agent_step`) spans repeat their `chat {model}`
 * children's usage (H3) and are roll-ups. Usage is inclusive in v7 (§4).
 */
import type { OtlpSpan, Step } from '../../domain/index.js';
import { readString } from './attribute-reader.js';
import { buildStep } from './build-step.js';
import {
  GEN_AI,
  operationKind,
  ROLLUP_OPERATIONS,
  readGenAiModel,
  readGenAiProvider,
  readGenAiUsage,
} from './gen-ai-attributes.js';
import { readTokenCount } from './token-count.js';
import { toInclusiveUsage } from './token-usage.js';

/** v7 has no standard reasoning attribute; only the opt-in supplemental one (H9). */
const SUPPLEMENTAL_REASONING = 'ai.usage.outputTokenDetails.reasoningTokens';

/**
 * `embeddings {model}` roots and inner spans share name and operation (H4) and a single span
 * cannot tell them apart, so both are reported as embeddings; the store's counting rule then
 * drops the root's usage because its inner child carries usage.
 */
export function toVercelAiOtelStep(span: OtlpSpan): Step {
  const attributes = span.attributes;
  const operation = readString(attributes, GEN_AI.OPERATION_NAME);
  const raw = readGenAiUsage(span);
  raw.reasoning ??= readTokenCount(span, attributes, SUPPLEMENTAL_REASONING);
  return buildStep(span, {
    kind: operationKind(operation),
    convention: 'vercel-ai',
    ...readGenAiModel(attributes),
    provider: readGenAiProvider(attributes),
    usage: toInclusiveUsage(raw),
    usageIsRollup: operation !== null && ROLLUP_OPERATIONS.has(operation),
  });
}
