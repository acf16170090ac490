import { describe, expect, it } from 'vitest';
import { usdToFemto } from '../../domain/index.js';
import { coefficientOfVariation, nearestRank, spreadOfAmounts } from './percentiles.js';

const usd = (...values: string[]) => values.map((v) => usdToFemto(v));

describe('nearestRank', () => {
  it('picks rank ⌈P/100·N⌉ of 1..20', () => {
    const sorted = Array.from({ length: 20 }, (_, i) => BigInt(i + 1));
    // p50: ⌈10⌉ = 10; p95: ⌈19⌉ = 19; p1: ⌈0.2⌉ = 1; p100: 20
    expect(nearestRank(sorted, 50)).toBe(10n);
    expect(nearestRank(sorted, 95)).toBe(19n);
    expect(nearestRank(sorted, 1)).toBe(1n);
    expect(nearestRank(sorted, 100)).toBe(20n);
    expect(nearestRank([], 50)).toBeNull();
    expect(() => nearestRank(sorted, 0)).toThrow(RangeError);
  });
});

describe('spreadOfAmounts', () => {
  it('sorts, picks percentiles and computes max/min and CV', () => {
    // sorted $1..$5: p50 rank ⌈2.5⌉ = 3 → $3; p95 rank ⌈4.75⌉ = 5 → $5; max/min = 5
    // mean 3, population variance (4 + 1 + 0 + 1 + 4)/5 = 2, CV = √2/3 = 0.471404520791
    const s = spreadOfAmounts(usd('5', '1', '4', '2', '3'));
    expect(s.count).toBe(5);
    expect(s.min).toBe(usdToFemto('1'));
    expect(s.p50).toBe(usdToFemto('3'));
    expect(s.p95).toBe(usdToFemto('5'));
    expect(s.max).toBe(usdToFemto('5'));
    expect(s.maxOverMin).toBe(5);
    expect(s.coefficientOfVariation).toBeCloseTo(Math.SQRT2 / 3, 12);
  });

  it('keeps amounts beyond 2⁵³ femto-dollars exact', () => {
    // 9007.199254740993 USD = 9,007,199,254,740,993,000 femto: not a double
    const big = usdToFemto('9007.199254740993');
    const s = spreadOfAmounts([big, big + 1n, big + 2n]);
    expect(s.p50).toBe(big + 1n);
    expect(s.max).toBe(big + 2n);
  });

  it('is all null when empty; max/min null when min is 0; CV 0 for equal amounts', () => {
    expect(spreadOfAmounts([])).toEqual({
      count: 0,
      min: null,
      p50: null,
      p95: null,
      max: null,
      maxOverMin: null,
      coefficientOfVariation: null,
    });
    expect(spreadOfAmounts(usd('0', '2')).maxOverMin).toBeNull();
    expect(coefficientOfVariation(usd('0.3', '0.3', '0.3'))).toBe(0);
  });
});
