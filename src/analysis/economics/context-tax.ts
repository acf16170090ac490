/**
 * F8 (economics.md §9): what an agent loop pays for re-sending its history each turn, with and
 * without prompt caching. Token counts are plain integers; prices and costs are plain USD.
 */
import { assertInteger, assertNonNegative } from './assert-input.js';
import { ratio } from './ratios.js';

/**
 * Input tokens over T turns when turn t sends S + (t − 1)Δ (the first turn's S, then Δ more
 * each turn): T·S + Δ·T(T − 1)/2. Billing is linear; the history makes the sum quadratic.
 */
export function cumulativeUncachedInput(
  turns: number,
  firstTurnInputTokens: number,
  newTokensPerTurn: number,
): number {
  assertInteger('turns', turns, 0);
  assertNonNegative('firstTurnInputTokens', firstTurnInputTokens);
  assertNonNegative('newTokensPerTurn', newTokensPerTurn);
  return turns * firstTurnInputTokens + (newTokensPerTurn * turns * (turns - 1)) / 2;
}

/** Cumulative input ÷ distinct input (S + Σ new tokens): how often each token was paid for. */
export function contextTaxRatio(
  cumulativeInputTokens: number,
  distinctInputTokens: number,
): number | null {
  return ratio(cumulativeInputTokens, distinctInputTokens);
}

/** Cache-read tokens ÷ all input tokens (cached ones included). */
export function cacheHitRatio(cacheReadTokens: number, totalInputTokens: number): number | null {
  return ratio(cacheReadTokens, totalInputTokens);
}

export interface AgentLoopInput {
  turns: number;
  /** S: the first turn's input (system prompt and task). */
  prefixTokens: number;
  /** Δ: input each later turn adds to the history. */
  newTokensPerTurn: number;
  outputTokensPerTurn: number;
  inputUsdPerMillionTokens: number;
  outputUsdPerMillionTokens: number;
  /** Multipliers on the input price; absent means no caching. */
  cache?: { writeMultiplier: number; readMultiplier: number };
}

/**
 * USD for the loop. Turn t costs (prefixₜ·r + newₜ·w)·p_in + out·p_out: with caching, turn 1
 * writes S and each later turn reads the previous turn's input and writes its Δ. As in F8, the
 * model's outputs are not re-sent as history.
 */
export function agentLoopCost(input: AgentLoopInput): number {
  assertInteger('turns', input.turns, 0);
  for (const key of [
    'prefixTokens',
    'newTokensPerTurn',
    'outputTokensPerTurn',
    'inputUsdPerMillionTokens',
    'outputUsdPerMillionTokens',
  ] as const) {
    assertNonNegative(key, input[key]);
  }
  const w = input.cache?.writeMultiplier ?? 1;
  const r = input.cache?.readMultiplier ?? 1;
  assertNonNegative('writeMultiplier', w);
  assertNonNegative('readMultiplier', r);
  let inputUnits = 0;
  let previousInput = 0;
  for (let t = 1; t <= input.turns; t++) {
    const fresh = t === 1 ? input.prefixTokens : input.newTokensPerTurn;
    inputUnits += previousInput * r + fresh * w;
    previousInput += fresh;
  }
  const outputTokens = input.turns * input.outputTokensPerTurn;
  return (
    (inputUnits * input.inputUsdPerMillionTokens + outputTokens * input.outputUsdPerMillionTokens) /
    1_000_000
  );
}
