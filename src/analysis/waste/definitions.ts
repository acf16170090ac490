/**
 * The waste classes and their rules over stored steps. They are the demo ledger's rules
 * (src/demo/waste-ledger.ts), stated for real data: where stored telemetry needs interpretation
 * the choice is written here and in docs/metrics.md.
 */

export const WASTE_CLASSES = [
  'failedAttempts',
  'loops',
  'overPoweredRouting',
  'contextBloat',
  'cacheMisses',
  'abandoned',
] as const;
export type WasteClass = (typeof WASTE_CLASSES)[number];

/** A cheaper model qualifies when its attempt success rate is at most this much lower. */
export const SUCCESS_RATE_TOLERANCE = 0.1;
/** The shape trigger of over-powered routing: at least this many calls of the step on the model… */
export const SHAPE_MIN_CALLS = 20;
/** …of which at least this share (percent) answer in ≤ SHORT_OUTPUT_TOKENS (16) output tokens. */
export const SHAPE_SHORT_SHARE_PERCENT = 90;
/** A call is bloated when its input exceeds this multiple of the step's reference. */
export const BLOAT_FACTOR = 2;
/** Smallest input for which an uncached repeat counts as a cache miss (waste-sql.ts uses 8192). */
export const CACHE_MIN_INPUT = 8_192;

export const WASTE_RULES: Readonly<Record<WasteClass | 'general', string>> = {
  general:
    'Each dollar is in at most one class. A work unit is linked to traces by any span of the trace; an attempt is a trace (or the traces sharing tokenledger.work_unit.attempt). Units whose latest outcome is abandoned → abandoned; other attempts that are not the successful attempt (the latest-starting attempt of an AI-resolved unit) → failedAttempts; model calls (priced llm/embedding steps whose usage counts) of successful attempts are tried in the order loops, overPoweredRouting, contextBloat, cacheMisses. Units with no outcome yet are not judged (awaitingOutcome). productive = total − classes − awaitingOutcome.',
  abandoned: 'All token cost of units whose latest outcome has status abandoned.',
  failedAttempts:
    'All token cost of attempts that did not produce the outcome: every attempt of units resolved by a human or BPO, failed or escalated, and every attempt but the last of AI-resolved units.',
  loops:
    'In a successful attempt, a tool call with the same fingerprint (tool name + arguments) as an earlier tool call of the attempt is a repeat; the previous model call by start time (the call that requested it) is loop waste, its whole cost. A model call with the same prompt fingerprint as an earlier model call of the attempt is the same request sent again: its whole cost is loop waste.',
  overPoweredRouting:
    'In a successful attempt, a model call on a step that the same workflow also runs on a cheaper catalog model whose attempt success rate on that step (successful attempts ÷ judged attempts with a call of the step on that model) is not lower by more than 10 points: cost − cost of the same token counts on that model, priced with the catalog on the call’s UTC day. The cheaper model is the one with the lowest input + output price among those qualifying. Shape trigger, where no cheaper model has that evidence: a step whose llm calls on the model are classification-like (at least 20 calls, ≥ 90% of them with ≤ 16 output tokens) is simple, and the cheaper model is the cheapest (input and output price both no higher, sum lower) of the same provider that the workflow already runs on any step; the saving is priced the same way. Evidence: the basis (successRate or shape), both models’ attempts and successes, the short-output calls.',
  contextBloat:
    'Reference = the median input tokens (nearest rank, the ⌈n/2⌉-th smallest) of the model calls of the same workflow, step and model in successful attempts. A call whose input exceeds 2 × reference is bloated; waste = (input − reference) × the base input price per token in force on the call’s day. Evidence: the reference, calls whose input grew over the previous call of the step in the attempt (history re-sent), calls above a price tier.',
  cacheMisses:
    'In a successful attempt, an llm call of a step after its first call in the attempt, on a model whose catalog price has a cache-read rate, reporting no cache read, with input ≥ 8,192 tokens: the repeated prefix is the smallest llm input among the step’s calls in the attempt; waste = prefix × (input price − cache-read price) per token.',
};
