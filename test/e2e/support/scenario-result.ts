/**
 * What a scenario reports back: its trace ids and, per provider call, exactly what the stub
 * answered (inclusive usage), plus what the instrumentation leaves off its spans.
 */
import type { StubReply } from './stub-reply.js';

/** A fact about a call that the instrumentation does not put on any span attribute. */
export type OffSpanFact =
  /** No span at all for the call. */
  | 'call'
  | 'inputTokens'
  | 'outputTokens'
  | 'cacheReadTokens'
  | 'reasoningTokens'
  /** Only inside a JSON payload attribute (`output.value`), not as an attribute of its own. */
  | 'responseId'
  /** Only the request model is recorded. */
  | 'responseModel'
  /** Overwritten by the response model; the requested alias is only in `input.value` JSON. */
  | 'requestModel';

export interface ScenarioCall {
  kind: 'chat' | 'embeddings';
  /** The model the client requested (an alias such as `gpt-4o-mini`). */
  model: string;
  /** The model the provider answered with (a dated snapshot). */
  responseModel: string;
  inputTokens: number;
  /** Includes reasoning tokens. */
  outputTokens: number;
  /** Subset of `inputTokens`. */
  cacheReadTokens: number;
  /** Subset of `outputTokens`. */
  reasoningTokens: number;
  /** Null for embeddings: the OpenAI embeddings response carries no id. */
  responseId: string | null;
  /** Facts a receiver cannot learn from this scenario's spans, however exact its mapper. */
  offSpan: OffSpanFact[];
}

export interface ScenarioResult {
  traceIds: string[];
  calls: ScenarioCall[];
}

export function callFromReply(
  model: string,
  reply: StubReply,
  offSpan: OffSpanFact[] = [],
): ScenarioCall {
  return {
    kind: reply.endpoint === 'embeddings' ? 'embeddings' : 'chat',
    model,
    responseModel: reply.model,
    inputTokens: reply.usage.inputTokens,
    outputTokens: reply.usage.outputTokens,
    cacheReadTokens: reply.usage.cacheReadTokens ?? 0,
    reasoningTokens: reply.usage.reasoningTokens ?? 0,
    responseId: reply.endpoint === 'embeddings' ? null : reply.id,
    offSpan,
  };
}
