import { describe, expect, it } from 'vitest';
import { usdToFemto } from '../../domain/index.js';
import { divideFemto, femtoRatio, ratio, relativeChange } from './ratios.js';

describe('ratio and relativeChange', () => {
  it('is null for a zero denominator', () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(0, 4)).toBe(0);
    expect(relativeChange(0, 3)).toBeNull();
  });

  it('completion drop 0.9 → 0.7: cost per success ×1.2857142857, +28.5714%', () => {
    // T/p: (1/0.7)/(1/0.9) = 9/7 = 1.285714285714…
    expect(ratio(1 / 0.7, 1 / 0.9)).toBeCloseTo(1.2857142857, 10);
    expect(relativeChange(1 / 0.9, 1 / 0.7)).toBeCloseTo(0.285714, 6);
  });

  it('FrugalGPT Table 3: 98.2%, 73.2%, 59.2% reductions (source rounds to 0.1%)', () => {
    // 0.6/33.1 − 1 = −0.98187; 2.6/9.7 − 1 = −0.73196; 29.6/72.5 − 1 = −0.59172
    expect(relativeChange(33.1, 0.6)).toBeCloseTo(-0.982, 3);
    expect(relativeChange(9.7, 2.6)).toBeCloseTo(-0.732, 3);
    expect(relativeChange(72.5, 29.6)).toBeCloseTo(-0.592, 3);
  });

  it('RouteLLM: 3.66×, 1.41×, 1.49× cheaper = 72.7%, 29.1%, 32.9%; 85% = 6.67× (source rounds)', () => {
    // 1/3.66 − 1 = −0.72678; 1/1.41 − 1 = −0.29078; 1/1.49 − 1 = −0.32886; 1/(1 − 0.85) = 6.667
    expect(relativeChange(3.66, 1)).toBeCloseTo(-0.727, 3);
    expect(relativeChange(1.41, 1)).toBeCloseTo(-0.291, 3);
    expect(relativeChange(1.49, 1)).toBeCloseTo(-0.329, 3);
    expect(ratio(1, 1 - 0.85)).toBeCloseTo(6.67, 2);
  });
});

describe('femtoRatio', () => {
  it('divides two amounts, null on a zero denominator', () => {
    expect(femtoRatio(usdToFemto('1.5'), usdToFemto('6'))).toBe(0.25);
    expect(femtoRatio(1n, 0n)).toBeNull();
  });
});

describe('divideFemto', () => {
  it('rounds once, half-even', () => {
    // $10 / 3 = 3,333,333,333,333,333.33… femto → …333
    expect(divideFemto(usdToFemto('10'), 3)).toBe(3_333_333_333_333_333n);
    // 5/2 = 2.5 → 2 (even); 7/2 = 3.5 → 4 (even); −5/2 → −2
    expect(divideFemto(5n, 2)).toBe(2n);
    expect(divideFemto(7n, 2n)).toBe(4n);
    expect(divideFemto(-5n, 2)).toBe(-2n);
  });

  it('is null for no units and rejects impossible counts', () => {
    expect(divideFemto(usdToFemto('1'), 0)).toBeNull();
    expect(() => divideFemto(1n, -1)).toThrow(RangeError);
    expect(() => divideFemto(1n, 1.5)).toThrow(RangeError);
  });
});
