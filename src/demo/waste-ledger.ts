/**
 * Planted waste in dollars per class, by the rules in `WASTE_DEFINITIONS`: each dollar in at most
 * one class. Context bloat needs each step's median input over the whole run, so its candidates
 * are kept as token histograms and settled at the end.
 */
import { waste } from '../analysis/index.js';
import { divideHalfEven, type FemtoUsd } from '../domain/index.js';
import type { PriceBook } from '../pricing/index.js';
import { inputRates, priceCall } from './call-pricing.js';
import type { SimAttempt, SimCall, SimUnit } from './sim-types.js';

export const WASTE_CLASSES = waste.WASTE_CLASSES;
export type WasteClass = waste.WasteClass;

export const WASTE_DEFINITIONS: Readonly<Record<WasteClass | 'general' | 'pricing', string>> = {
  general:
    'Each model call is in at most one class. Units whose latest outcome is abandoned go to `abandoned`; other attempts that are not the successful (last) attempt of an AI-resolved unit go to `failedAttempts`; calls of successful attempts are tried in the order loops, overPoweredRouting, contextBloat, cacheMisses. A step is identified by `tokenledger.step.name`; model calls are llm and embedding steps. `productive` = total − all classes.',
  pricing:
    'Every cost is computed with the product catalog (createPriceBook(), bundled genai-prices) at each call’s start time, exactly as the receiver prices the normalised span; money summed in femto-dollars.',
  abandoned: 'All token cost of units whose latest outcome has status `abandoned`.',
  failedAttempts:
    'All token cost of attempts that did not produce the outcome: every attempt of units resolved by human or BPO, failed or escalated, and every attempt but the last of AI-resolved units (abandoned units excluded).',
  loops:
    'In a successful attempt, a tool call with the same tool name and arguments as an earlier tool call of the same attempt is a repeat; the cost of the model call immediately before each repeat (the call that requested it) is loop waste. A model call sending the same prompt as an earlier model call of the attempt is loop waste itself (the simulator sends no prompts, so none is planted).',
  overPoweredRouting:
    'In a successful attempt, a model call on a step that the same workflow also runs on a cheaper catalog model whose attempt success rate on that step is not lower by more than 10 points: cost − cost of the same tokens on that cheaper model at the same time. Planted: sales-lead-research classify-lead on claude-opus-4-1 where claude-haiku-4-5 succeeds as often. The product also flags classification-shaped steps (≥ 20 calls, ≥ 90% with ≤ 16 output tokens) when the workflow runs a cheaper model of the same provider; the simulator plants none (its short-answer step, classify-lead on claude-haiku-4-5, is already the workflow’s cheapest Anthropic model), so the ledger has nothing to add.',
  contextBloat:
    'Reference = the median input tokens (nearest rank, the ⌈n/2⌉-th smallest) of the model calls of the same workflow, step and model in successful attempts. A call of a successful attempt whose input exceeds 2 × reference is bloated; waste = (input − reference) × the input price per token at the call. Planted: contract-review retrieval_profile=wide (40 clauses retrieved, 8 needed) and support-tickets agent_version=2.3 (history re-sent each turn).',
  cacheMisses:
    'In a successful attempt, every call of a step after its first call in the attempt, on a model whose catalog price has a cache-read rate, reporting no cache read, with input ≥ 8,192 tokens: the repeated prefix is the smallest input among that step’s calls in the attempt; waste = prefix × (input price − cache-read price) per token (the first call’s cache-write premium is not counted). Planted: contract-review draft-redlines sends a 10,000-token playbook uncached.',
};

const CACHE_MIN_INPUT = 8_192;
const MTOK = 1_000_000n;
const isModelCall = (c: SimCall) => c.kind === 'llm' || c.kind === 'embedding';

interface BloatHistogram {
  /** input tokens → calls, every model call of the step in successful attempts (for the median). */
  all: Map<number, number>;
  /** `input|rate` → calls not already in another class (the ones that can be bloated). */
  eligible: Map<string, number>;
  /** `input` → cache-miss waste of calls that count as cache misses unless they are bloated. */
  cacheMiss: Map<number, FemtoUsd>;
}

export class WasteLedger {
  readonly #book: PriceBook;
  readonly #classes = new Map<string, Record<WasteClass, FemtoUsd>>();
  readonly #bloat = new Map<string, BloatHistogram>();

  constructor(book: PriceBook) {
    this.#book = book;
  }

  /** `attemptCosts[i]` is the token cost of `unit.attempts[i]`. */
  addUnit(unit: SimUnit, attemptCosts: readonly FemtoUsd[]): void {
    const classes = this.#of(unit.workflow);
    const aiResolved = unit.outcome.status === 'resolved' && unit.outcome.resolvedBy === 'ai';
    unit.attempts.forEach((attempt, i) => {
      const cost = attemptCosts[i] ?? 0n;
      if (unit.outcome.status === 'abandoned') classes.abandoned += cost;
      else if (!(aiResolved && i === unit.attempts.length - 1)) classes.failedAttempts += cost;
      else this.#successful(unit.workflow, attempt, classes);
    });
  }

  #successful(workflow: string, attempt: SimAttempt, classes: Record<WasteClass, FemtoUsd>): void {
    const seenTools = new Set<string>();
    const minInput = new Map<string, number>();
    const stepSeen = new Set<string>();
    for (const call of attempt.calls) {
      if (call.kind === 'llm' && call.usage) {
        minInput.set(call.step, Math.min(minInput.get(call.step) ?? Infinity, call.usage.input));
      }
    }
    attempt.calls.forEach((call, i) => {
      if (call.kind === 'tool') {
        const key = `${call.toolName}\u0000${call.toolArgs}`;
        const before = attempt.calls[i - 1];
        if (seenTools.has(key) && before && isModelCall(before)) {
          classes.loops += priceCall(this.#book, before);
        }
        seenTools.add(key);
      }
    });
    attempt.calls.forEach((call, i) => {
      if (!isModelCall(call) || !call.usage) return;
      const firstOfStep = !stepSeen.has(call.step);
      stepSeen.add(call.step);
      const next = attempt.calls[i + 1];
      const requestedRepeat = next?.kind === 'tool' && next.planted?.kind === 'loop';
      const histogram = this.#histogram(`${workflow}|${call.step}|${call.model}`);
      histogram.all.set(call.usage.input, (histogram.all.get(call.usage.input) ?? 0) + 1);
      if (requestedRepeat) return;
      if (call.planted?.kind === 'over-powered') {
        const cheaper = priceCall(
          this.#book,
          call,
          call.usage,
          call.planted.cheaperModel,
          call.planted.cheaperProvider,
        );
        classes.overPoweredRouting += priceCall(this.#book, call) - cheaper;
        return;
      }
      const rates = inputRates(this.#book, call);
      const key = `${call.usage.input}|${rates.input}`;
      histogram.eligible.set(key, (histogram.eligible.get(key) ?? 0) + 1);
      if (
        !firstOfStep &&
        call.kind === 'llm' &&
        rates.cacheRead !== null &&
        call.usage.cacheRead === 0 &&
        call.usage.input >= CACHE_MIN_INPUT
      ) {
        const prefix = BigInt(minInput.get(call.step) ?? 0);
        const waste = divideHalfEven(prefix * (rates.input - rates.cacheRead), MTOK);
        histogram.cacheMiss.set(
          call.usage.input,
          (histogram.cacheMiss.get(call.usage.input) ?? 0n) + waste,
        );
      }
    });
  }

  /** Waste per workflow and class, with context bloat and cache misses settled. */
  settle(): Map<string, Record<WasteClass, FemtoUsd>> {
    const result = new Map<string, Record<WasteClass, FemtoUsd>>();
    for (const [workflow, classes] of this.#classes) result.set(workflow, { ...classes });
    for (const [key, histogram] of this.#bloat) {
      const workflow = key.slice(0, key.indexOf('|'));
      const classes = result.get(workflow);
      if (!classes) continue;
      const reference = median(histogram.all);
      for (const [entry, count] of histogram.eligible) {
        const [input, rate] = entry.split('|').map((part) => BigInt(part)) as [bigint, bigint];
        if (input > 2n * BigInt(reference)) {
          classes.contextBloat +=
            BigInt(count) * divideHalfEven((input - BigInt(reference)) * rate, MTOK);
        }
      }
      for (const [input, waste] of histogram.cacheMiss) {
        if (input <= 2 * reference) classes.cacheMisses += waste;
      }
    }
    return result;
  }

  #of(workflow: string): Record<WasteClass, FemtoUsd> {
    let classes = this.#classes.get(workflow);
    if (!classes) {
      classes = Object.fromEntries(WASTE_CLASSES.map((c) => [c, 0n])) as Record<
        WasteClass,
        FemtoUsd
      >;
      this.#classes.set(workflow, classes);
    }
    return classes;
  }

  #histogram(key: string): BloatHistogram {
    let histogram = this.#bloat.get(key);
    if (!histogram) {
      histogram = { all: new Map(), eligible: new Map(), cacheMiss: new Map() };
      this.#bloat.set(key, histogram);
    }
    return histogram;
  }
}

/** The ⌈n/2⌉-th smallest value of a histogram. */
export function median(histogram: ReadonlyMap<number, number>): number {
  const values = [...histogram.keys()].sort((a, b) => a - b);
  const total = [...histogram.values()].reduce((s, c) => s + c, 0);
  const rank = Math.ceil(total / 2);
  let seen = 0;
  for (const value of values) {
    seen += histogram.get(value) ?? 0;
    if (seen >= rank) return value;
  }
  return 0;
}
