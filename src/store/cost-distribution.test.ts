import { describe, expect, it } from 'vitest';
import { usdToFemto } from '../domain/index.js';
import { geometricEdges } from './cost-distribution.js';

describe('geometricEdges', () => {
  it('grows by a constant factor from the cheapest to the dearest unit', () => {
    // $0.01 → $10 in 3 bands: a factor of 10 each.
    expect(geometricEdges(usdToFemto('0.01'), usdToFemto('10'), 3)).toEqual(
      ['0.01', '0.1', '1', '10'].map(usdToFemto),
    );
  });

  it('keeps one band when every unit costs the same', () => {
    expect(geometricEdges(5n, 5n, 20)).toEqual([5n, 5n]);
  });

  it('merges edges that round onto each other, so narrow spans get fewer bands', () => {
    // 10 → 12 femto-dollars in 10 bands: only 11 lies strictly between.
    expect(geometricEdges(10n, 12n, 10)).toEqual([10n, 11n, 12n]);
  });

  it('refuses a non-positive minimum', () => {
    expect(() => geometricEdges(0n, 5n, 3)).toThrow('0 < min');
  });
});
