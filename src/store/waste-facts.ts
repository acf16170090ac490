/**
 * What the store hands the waste analysis: per-workflow attempt verdicts and loop sums, the
 * attempt success rate of every (workflow, step, model), and the over-powered, bloat and cache-miss
 * calls priced at the rates the price book gives (`WastePricing`). Engines compute these in SQL;
 * analysis/waste turns them into each workflow's split with its evidence.
 */
import type { FemtoUsd } from '../domain/index.js';

export interface WasteQuery {
  workflow?: string;
  fromUnixNano?: bigint;
  toUnixNano?: bigint;
  /** Narrows every output to one work unit (references and rates still use the whole workflow). */
  workUnitId?: string;
  /**
   * Only units whose business attribute has this value: the latest outcome's, else the linking
   * span's of the unit's earliest trace.
   */
  attribute?: { key: string; value: string };
  /**
   * Splits the sums and call groups per work unit as well (`workUnitId` set on each row), for the
   * per-unit split a `wasteClass=` search needs; references and rates stay per workflow.
   */
  byUnit?: boolean;
  /** False: no examples (a read of the split alone, the overview's; they cost a quarter of it). */
  examples?: boolean;
}

/** Attempt success rate of one model on one step of a workflow, over judged attempts. */
export interface StepModelRate {
  workflow: string;
  step: string;
  model: string;
  provider: string | null;
  /** Attempts with a call of this step on this model whose unit has an outcome. */
  attempts: number;
  successfulAttempts: number;
  calls: number;
  /** Of these calls, llm calls whose output was at most `SHORT_OUTPUT_TOKENS` (a label, a yes/no). */
  shortOutputCalls: number;
  lastSeenUnixNano: bigint;
}

/** An llm call answering in at most this many output tokens has a classification-like shape. */
export const SHORT_OUTPUT_TOKENS = 16;

/** A step on a model that a cheaper model with evidence could run instead. */
export interface OverPoweredRoute {
  workflow: string;
  step: string;
  model: string;
  cheaperModel: string;
  cheaperProvider: string | null;
  /**
   * `successRate`: the cheaper model runs the same step and succeeds as often; `shape`: the step's
   * calls are classification-like and the cheaper model is one the workflow already runs.
   */
  basis: 'successRate' | 'shape';
}

export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number | null;
  cacheWrite: number | null;
  cacheWrite1h: number | null;
  reasoning: number | null;
}

export interface WasteExample {
  workUnitId: string;
  traceId: string;
  step: string | null;
  model: string | null;
  costFemto: FemtoUsd;
  detail: string;
}

export interface WorkflowWasteSums {
  workflow: string;
  /** The unit these sums are for when read `byUnit`, else null. */
  workUnitId: string | null;
  totalFemto: FemtoUsd;
  units: number;
  attempts: number;
  pendingFemto: FemtoUsd;
  pendingUnits: number;
  abandonedFemto: FemtoUsd;
  abandonedUnits: number;
  failedFemto: FemtoUsd;
  failedAttempts: number;
  successfulAttempts: number;
  loopFemto: FemtoUsd;
  /** Tool calls repeating an earlier call's fingerprint in the same attempt. */
  loopRepeats: number;
  /** Model calls in the loops class (requesters of a repeat, or repeats of a prompt). */
  loopCalls: number;
  /** Model calls sending the same prompt fingerprint as an earlier model call of the attempt. */
  loopPromptRepeats: number;
}

/** A (model, provider, UTC day) whose input rates a waste read asks for. */
export interface RateKey {
  model: string;
  provider: string | null;
  dayUnixNano: bigint;
}

export interface InputRates {
  /** Femto-dollars per million input tokens. */
  input: FemtoUsd;
  cacheRead: FemtoUsd | null;
  /** Input above which a higher tier applies; null when the price has no tiers. */
  lowestTier: number | null;
}

/** What a waste read needs from the price book, asked once the store knows which keys matter. */
export interface WastePricing {
  /** Receives every (workflow, step, model)'s attempt success rate; names the over-powered routes. */
  decideRoutes(rates: StepModelRate[]): OverPoweredRoute[];
  /** The input rates at a model's price that day; null when the catalog has no price for it. */
  inputRates(key: RateKey): InputRates | null;
  /** Every rate a call on a model is billed at that day; null when no price is known. */
  callRates(key: RateKey): CallRates | null;
}

/**
 * A price as the store's SQL applies it, in femto-dollars per million tokens, with the fallbacks
 * already taken (a cache kind without its own rate billed as input, a 1-hour write at twice the
 * input rate, reasoning as output unless `reasoningApart`). One band per cliff tier.
 */
export interface CallRates {
  /** Lowest first; the first has `aboveInputTokens` -1 (every request). */
  bands: CallRateBand[];
  /** Reasoning tokens (at most the output) are billed at their own rate, not as output. */
  reasoningApart: boolean;
  perRequestFemto: FemtoUsd;
  /** What a discount leaves of every amount, as a fraction; 1/1 without one. */
  kept: { numerator: bigint; denominator: bigint };
}

/** The rates of a request whose total input (cache included) exceeds `aboveInputTokens`. */
export interface CallRateBand {
  aboveInputTokens: number;
  input: bigint;
  cacheRead: bigint;
  cacheWrite: bigint;
  cacheWrite1h: bigint;
  output: bigint;
  reasoning: bigint;
}

/**
 * Over-powered calls of one (workflow, step, model) — or unit, read `byUnit` — priced in the store
 * at `WastePricing.callRates` of the route's cheaper model: calls grouped by everything that
 * prices them (provider, day, token counts); a group's saving is its cost less the cheaper
 * model's price of the same calls, and only groups that would save are counted. Calls whose
 * cheaper model has no price that day are counted in `unpricedCalls`.
 */
export interface RoutePricedSums {
  workflow: string;
  workUnitId: string | null;
  step: string;
  model: string;
  savingFemto: FemtoUsd;
  calls: number;
  unpricedCalls: number;
}

/**
 * One of the three groups saving most per workflow (ties by step, model, provider, day, then
 * token counts); the example is its costliest call (ties: the larger trace id, then span id).
 */
export interface RoutePricedGroup {
  workflow: string;
  step: string;
  model: string;
  cheaperModel: string;
  calls: number;
  input: number;
  /** The cheaper model's price of the group's calls. */
  cheaperFemto: FemtoUsd;
  savingFemto: FemtoUsd;
  example: { workUnitId: string; traceId: string };
}

/**
 * Context bloat or cache misses of a workflow (or unit, read `byUnit`), priced per call in the
 * store at `WastePricing.inputRates` — bloat (input − reference) × input rate, a cache miss
 * prefix × (input − cache-read rate), each call rounded half-even to the femto-dollar. Calls whose
 * model has no price that day (for cache misses: no cache-read price) are left out, counted in
 * `unpricedCalls`.
 */
export interface InputPricedSums {
  workflow: string;
  workUnitId: string | null;
  wasteClass: 'contextBloat' | 'cacheMisses';
  wasteFemto: FemtoUsd;
  calls: number;
  unpricedCalls: number;
  /** Bloat: calls whose input grew over the previous call of the step in the attempt. */
  historyResent: number;
  /** Bloat: calls whose input is above the price's lowest tier threshold. */
  tierCrossing: number;
}

/**
 * One of the costliest groups of calls of those two classes per workflow (up to three each, ranked
 * by waste, ties by step, model, provider, day, then tokens): calls of a step and model on a day
 * with the same input and reference (bloat) or prefix (cache misses). The example is the group's
 * costliest call (ties: the larger trace id, then span id).
 */
export interface InputPricedGroup {
  workflow: string;
  wasteClass: 'contextBloat' | 'cacheMisses';
  step: string;
  model: string;
  calls: number;
  wasteFemto: FemtoUsd;
  /** Bloat: the calls' input and reference; cache misses: the uncached prefix. */
  input: number | null;
  reference: number | null;
  prefix: number | null;
  example: { workUnitId: string; traceId: string };
}

export interface StepReference {
  workflow: string;
  step: string;
  model: string;
  reference: number;
  calls: number;
}

export interface WasteFacts {
  workflows: WorkflowWasteSums[];
  rates: StepModelRate[];
  routes: OverPoweredRoute[];
  references: StepReference[];
  routePriced: RoutePricedSums[];
  /** Empty when read `byUnit` or without examples. */
  routePricedTop: RoutePricedGroup[];
  inputPriced: InputPricedSums[];
  /** Empty when read `byUnit` or without examples. */
  inputPricedTop: InputPricedGroup[];
  /** Top examples per workflow of the classes settled in SQL. */
  examples: {
    workflow: string;
    wasteClass: 'failedAttempts' | 'loops' | 'abandoned';
    example: WasteExample;
  }[];
}

/** Calls of one step of a workflow, by model and token counts (routing counterfactual). */
export interface StepCallGroup {
  model: string | null;
  provider: string | null;
  dayUnixNano: bigint;
  tokens: TokenCounts;
  calls: number;
  costFemto: FemtoUsd;
}

export interface RoutingFacts {
  workflow: string;
  step: string;
  calls: StepCallGroup[];
  rates: StepModelRate[];
  /** Judged attempts of the workflow, and their token cost. */
  attempts: number;
  successfulAttempts: number;
  costFemto: FemtoUsd;
  /** Judged attempts with at least one call of the step. */
  attemptsWithStep: number;
}
