import { describe, expect, it } from 'vitest';
import { toDecimalCost } from './provided-cost.js';

describe('toDecimalCost', () => {
  it.each([
    [0.00042, '0.00042'],
    [1.5e-7, '0.00000015'],
    [3, '3'],
    ['0.0190', '0.019'],
    ['2.5E+2', '250'],
    [0, '0'],
  ])('%s → %s', (value, expected) => {
    expect(toDecimalCost(value)).toBe(expected);
  });

  it.each([[-1], [Number.NaN], ['NaN'], ['free'], [true], [null], [undefined]])(
    'drops %s',
    (value) => {
      expect(toDecimalCost(value)).toBeNull();
    },
  );
});
