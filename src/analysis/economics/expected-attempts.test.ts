import { describe, expect, it } from 'vitest';
import { cappedAttempts } from './expected-attempts.js';

// economics.md §10 "Capped attempts"; the source's figures are exact, so only float noise is allowed.
describe('cappedAttempts', () => {
  it('p = 0.9, k = 3', () => {
    // E = 1 + 0.1 + 0.01 = 1.11; P = 1 − 0.1³ = 0.999; failed = 1.11 − 0.999 = 0.111; 1/0.9
    const a = cappedAttempts(0.9, 3);
    expect(a.expectedAttempts).toBeCloseTo(1.11, 12);
    expect(a.successProbability).toBeCloseTo(0.999, 12);
    expect(a.escalationProbability).toBeCloseTo(0.001, 12);
    expect(a.expectedFailedAttempts).toBeCloseTo(0.111, 12);
    expect(a.attemptsPerSuccess).toBeCloseTo(1.111111111111, 12);
  });

  it('p = 0.7, k = 3', () => {
    // E = 1 + 0.3 + 0.09 = 1.39; P = 1 − 0.027 = 0.973; failed = 0.3·1.39 = 0.417; 1/0.7 = 1.428571…
    const a = cappedAttempts(0.7, 3);
    expect(a.expectedAttempts).toBeCloseTo(1.39, 12);
    expect(a.successProbability).toBeCloseTo(0.973, 12);
    expect(a.expectedFailedAttempts).toBeCloseTo(0.417, 12);
    expect(a.attemptsPerSuccess).toBeCloseTo(1.428571428571, 12);
  });

  it('p = 0.5, k = 5 (powers of two: exact in binary)', () => {
    // E = 1 + ½ + ¼ + ⅛ + 1/16 = 1.9375; P = 1 − 1/32 = 0.96875; 1/p = 2
    const a = cappedAttempts(0.5, 5);
    expect(a.expectedAttempts).toBe(1.9375);
    expect(a.successProbability).toBe(0.96875);
    expect(a.attemptsPerSuccess).toBe(2);
  });

  it('attempts per success is 1/p whatever the cap', () => {
    for (const k of [1, 2, 7, 30]) {
      const a = cappedAttempts(0.7, k);
      expect(a.expectedAttempts / a.successProbability).toBeCloseTo(1 / 0.7, 12);
    }
  });

  it('p = 0 spends every attempt and never succeeds', () => {
    const a = cappedAttempts(0, 4);
    expect(a).toEqual({
      expectedAttempts: 4,
      successProbability: 0,
      escalationProbability: 1,
      expectedFailedAttempts: 4,
      attemptsPerSuccess: null,
    });
  });

  it('rejects impossible inputs', () => {
    expect(() => cappedAttempts(1.2, 3)).toThrow(RangeError);
    expect(() => cappedAttempts(0.5, 0)).toThrow(RangeError);
    expect(() => cappedAttempts(0.5, 2.5)).toThrow(RangeError);
  });
});
