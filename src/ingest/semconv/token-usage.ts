/**
 * Turns raw counts into tokenledger's one inclusive convention (input includes cache read and
 * write; output includes reasoning), converting from exclusive emitters where a mapper says so.
 */
import type { TokenUsage } from '../../domain/index.js';

export interface RawUsage {
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  cacheWrite1h?: number | null;
  reasoning: number | null;
}

export interface UsageBasis {
  /** `input` excludes cache read and write (Anthropic raw, Langfuse buckets). */
  inputExcludesCache: boolean;
  /** `output` excludes reasoning (Langfuse buckets). */
  outputExcludesReasoning: boolean;
}

const INCLUSIVE: UsageBasis = { inputExcludesCache: false, outputExcludesReasoning: false };

/**
 * Applies the mapper's basis, then the sanity rule of telemetry-mapping.md §4: an "inclusive"
 * input smaller than its cache counts can only be exclusive, so the cache is added rather than
 * letting the uncached remainder go negative (Langfuse #13724).
 */
export function toInclusiveUsage(raw: RawUsage, basis: UsageBasis = INCLUSIVE): TokenUsage {
  const cache = (raw.cacheRead ?? 0) + (raw.cacheWrite ?? 0);
  let input = raw.input;
  if (input !== null && (basis.inputExcludesCache || cache > input)) input += cache;
  if (input === null && basis.inputExcludesCache && cache > 0) input = cache;
  let output = raw.output;
  if (output !== null && raw.reasoning !== null) {
    if (basis.outputExcludesReasoning || raw.reasoning > output) output += raw.reasoning;
  }
  return {
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: raw.cacheRead,
    cacheWriteTokens: raw.cacheWrite,
    cacheWrite1hTokens: raw.cacheWrite1h ?? null,
    reasoningTokens: raw.reasoning,
  };
}
