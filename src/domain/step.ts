/**
 * A step: one span normalised into tokenledger's single model of work, whatever convention
 * emitted it. Token counts follow one inclusive convention (see `TokenUsage`).
 */

export const STEP_KINDS = [
  'llm',
  'embedding',
  'tool',
  'retrieval',
  'agent',
  'human',
  'other',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Minutes a person spent, on a `human` step's attributes. */
export const HUMAN_MINUTES_KEY = 'tokenledger.human.minutes';

export type StepStatus = 'unset' | 'ok' | 'error';

/**
 * Token counts of one span. `inputTokens` is inclusive: uncached + cache read + cache write.
 * `outputTokens` includes reasoning. Cache and reasoning counts are subsets. null = not reported.
 */
export interface TokenUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  /** All cache writes (5-minute and 1-hour). */
  cacheWriteTokens: number | null;
  /** The part of `cacheWriteTokens` written with a 1-hour TTL, where the emitter says so. */
  cacheWrite1hTokens: number | null;
  reasoningTokens: number | null;
}

/** A document a retrieval step returned, as the emitter reported it. */
export interface RetrievedDocument {
  id: string;
  score: number | null;
}

export interface Step {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  kind: StepKind;
  name: string;
  /** Which mapper in `ingest/semconv` understood the span (e.g. `gen-ai`, `openinference`). */
  convention: string;
  /** Response model when reported, else request model. */
  model: string | null;
  requestModel: string | null;
  /** Normalised provider (OTel `gen_ai.provider.name` well-known values where one applies). */
  provider: string | null;
  /** Provider response id; two spans of one trace with the same id describe one call. */
  responseId: string | null;
  usage: TokenUsage;
  /** The mapper knows this span's usage, if any, is a roll-up of its descendants' usage. */
  usageIsRollup: boolean;
  /** Cost the emitter reported, USD as a decimal string; never mixed with computed cost. */
  providedCostUsd: string | null;
  /** Service tier the call ran on, when reported (`batch`, `flex`, `priority`, `default`). */
  serviceTier: string | null;
  startTimeUnixNano: bigint;
  durationNano: bigint;
  status: StepStatus;
  statusMessage: string;
  serviceName: string | null;
  sessionId: string | null;
  toolName: string | null;
  /**
   * The logical step this span performs (`extract`, `classify-lead`): `tokenledger.step.name`,
   * else the instrumentation's entity name, else the span name. Waste and routing compare calls
   * of the same step.
   */
  stepName: string;
  /**
   * What was asked, hashed: tool name and arguments for a tool call, the query for a retrieval,
   * the prompt messages for a model call; null when the span does not report them. Two calls
   * with the same fingerprint in one attempt are the same request repeated.
   */
  fingerprint: string | null;
  /** UTF-8 size of a tool call's arguments (or a retrieval's query), when reported. */
  argumentBytes: number | null;
  /** Documents a retrieval returned (ids and scores), when reported. */
  documents: RetrievedDocument[] | null;
  /** Business attributes from the span, its resource, metadata and baggage; flat strings. */
  attributes: Record<string, string>;
}

export function emptyUsage(): TokenUsage {
  return {
    inputTokens: null,
    outputTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    cacheWrite1hTokens: null,
    reasoningTokens: null,
  };
}

export function hasUsage(usage: TokenUsage): boolean {
  return (
    usage.inputTokens !== null ||
    usage.outputTokens !== null ||
    usage.cacheReadTokens !== null ||
    usage.cacheWriteTokens !== null
  );
}

/** How many of the cache read, cache write and reasoning counts a span reports (0–3). */
export function usageDetail(usage: TokenUsage): number {
  return (
    (usage.cacheReadTokens === null ? 0 : 1) +
    (usage.cacheWriteTokens === null ? 0 : 1) +
    (usage.reasoningTokens === null ? 0 : 1)
  );
}
