import { describe, expect, it } from 'vitest';
import {
  agentLoopCost,
  cacheHitRatio,
  contextTaxRatio,
  cumulativeUncachedInput,
} from './context-tax.js';
import { ratio, relativeChange } from './ratios.js';

const LOOP = {
  prefixTokens: 8000,
  newTokensPerTurn: 1500,
  outputTokensPerTurn: 500,
  inputUsdPerMillionTokens: 3,
  outputUsdPerMillionTokens: 15,
};
const ANTHROPIC_5M = { writeMultiplier: 1.25, readMultiplier: 0.1 };

describe('cumulativeUncachedInput (economics.md §10 "Agent loop")', () => {
  it('20 → 40 turns, S = 8k, Δ = 1.5k: 445,000 → 1,490,000 (×3.348, source rounds to 3 decimals)', () => {
    // 20·8000 + 1500·20·19/2 = 160,000 + 285,000 = 445,000
    // 40·8000 + 1500·40·39/2 = 320,000 + 1,170,000 = 1,490,000
    const at20 = cumulativeUncachedInput(20, 8000, 1500);
    const at40 = cumulativeUncachedInput(40, 8000, 1500);
    expect(at20).toBe(445_000);
    expect(at40).toBe(1_490_000);
    expect(ratio(at40, at20)).toBeCloseTo(3.348, 3);
  });

  it('context-tax ratio: cumulative over distinct input', () => {
    // distinct = 8000 + 19·1500 = 36,500; 445,000 / 36,500 = 12.19178…
    expect(contextTaxRatio(445_000, 36_500)).toBeCloseTo(12.191780821918, 12);
    expect(contextTaxRatio(1, 0)).toBeNull();
  });
});

describe('cacheHitRatio', () => {
  it('cache-read tokens over all input tokens', () => {
    expect(cacheHitRatio(8000, 9500)).toBeCloseTo(0.842105263158, 12);
    expect(cacheHitRatio(0, 0)).toBeNull();
  });
});

describe('agentLoopCost', () => {
  it('two turns by hand, cached and uncached', () => {
    // uncached: (8000 + 9500)·3/1e6 + 1000·15/1e6 = 0.0525 + 0.015 = 0.0675
    expect(agentLoopCost({ ...LOOP, turns: 2 })).toBeCloseTo(0.0675, 12);
    // cached: turn 1 writes 8000·1.25 = 10,000; turn 2 reads 8000·0.1 + writes 1500·1.25 = 2,675
    // 12,675·3/1e6 + 0.015 = 0.038025 + 0.015 = 0.053025
    expect(agentLoopCost({ ...LOOP, turns: 2, cache: ANTHROPIC_5M })).toBeCloseTo(0.053025, 12);
  });

  it('uncached input matches T·S + Δ·T(T − 1)/2', () => {
    // 20 turns: 445,000·3/1e6 + 10,000·15/1e6 = 1.335 + 0.15 = 1.485
    expect(agentLoopCost({ ...LOOP, turns: 20 })).toBeCloseTo(1.485, 12);
  });

  it('caching saves 62.6% at 10 turns and 79.5% at 40 (source rounds to 0.1%)', () => {
    // 10 turns uncached: 147,500·3/1e6 + 5,000·15/1e6 = 0.4425 + 0.075 = 0.5175
    // cached: 10,000 + 0.1·(9·8000 + 1500·36) + 9·1875 = 10,000 + 12,600 + 16,875 = 39,475 units
    // → 0.118425 + 0.075 = 0.193425; 0.193425/0.5175 − 1 = −0.62623
    const saving = (turns: number) =>
      relativeChange(
        agentLoopCost({ ...LOOP, turns }),
        agentLoopCost({ ...LOOP, turns, cache: ANTHROPIC_5M }),
      );
    expect(saving(10)).toBeCloseTo(-0.626, 3);
    expect(saving(40)).toBeCloseTo(-0.795, 3);
  });
});
