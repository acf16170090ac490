import { describe, expect, it } from 'vitest';
import { cacheBreakEven } from './cache-break-even.js';

describe('cacheBreakEven (economics.md §10 "Anthropic cache break-even", source rounds to 4 decimals)', () => {
  it('5-minute cache, w = 1.25, r = 0.1: n > 0.2778, so one read pays', () => {
    // (1.25 − 1)/(1 − 0.1) = 0.25/0.9 = 0.27778
    expect(cacheBreakEven(1.25, 0.1)?.breakEvenReads).toBeCloseTo(0.2778, 4);
    expect(cacheBreakEven(1.25, 0.1)?.minimumPayingReads).toBe(1);
  });

  it('1-hour cache, w = 2.0, r = 0.1: n > 1.1111, so two reads are needed', () => {
    // (2 − 1)/0.9 = 1.11111; one read: 2 + 0.1 = 2.1 > 1 + 1 = 2; two reads: 2.2 < 3
    expect(cacheBreakEven(2, 0.1)?.breakEvenReads).toBeCloseTo(1.1111, 4);
    expect(cacheBreakEven(2, 0.1)?.minimumPayingReads).toBe(2);
  });

  it('no write premium (OpenAI, w = 1) never loses; reads at full price never pay', () => {
    expect(cacheBreakEven(1, 0.5)).toEqual({ breakEvenReads: 0, minimumPayingReads: 0 });
    expect(cacheBreakEven(1.25, 1)).toBeNull();
  });
});
