import { describe, expect, it } from 'vitest';
import { passHatK, type TaskTrials, taskSuccessSpread } from './pass-k.js';

describe('passHatK', () => {
  it('n = 4, c = 3 gives 0.75, 0.5, 0.25, 0 for k = 1..4 (economics.md §10)', () => {
    // C(3,1)/C(4,1) = 3/4; C(3,2)/C(4,2) = 3/6; C(3,3)/C(4,3) = 1/4; C(3,4) = 0
    const task = [{ trials: 4, successes: 3 }];
    expect([1, 2, 3, 4].map((k) => passHatK(task, k))).toEqual([0.75, 0.5, 0.25, 0]);
  });

  it('averages over tasks', () => {
    // k = 1: (3/4 + 1/4)/2 = 0.5; k = 2: (1/2 + 0)/2 = 0.25
    const tasks = [
      { trials: 4, successes: 3 },
      { trials: 4, successes: 1 },
    ];
    expect(passHatK(tasks, 1)).toBe(0.5);
    expect(passHatK(tasks, 2)).toBe(0.25);
  });

  it('needs k trials per task and at least one task', () => {
    expect(() => passHatK([{ trials: 3, successes: 3 }], 4)).toThrow(RangeError);
    expect(() => passHatK([{ trials: 3, successes: 4 }], 1)).toThrow(RangeError);
    expect(passHatK([], 1)).toBeNull();
  });
});

describe('taskSuccessSpread', () => {
  it('E[1/pᵢ] over solved tasks, 1/E[pᵢ], and the never-solved share', () => {
    // pᵢ = 0.5, 1, 0: E[1/p] over solved = (2 + 1)/2 = 1.5; 1/E[p] = 3/1.5 = 2; zero share 1/3
    const s = taskSuccessSpread([
      { trials: 4, successes: 2 },
      { trials: 4, successes: 4 },
      { trials: 4, successes: 0 },
    ]);
    expect(s.meanInverseSuccessRate).toBe(1.5);
    expect(s.inverseMeanSuccessRate).toBe(2);
    expect(s.zeroSuccessShare).toBeCloseTo(1 / 3, 12);
  });

  it("reproduces §4's gpt-5 retail mixture: 1.307 against 1.226 (source rounds to 3 decimals)", () => {
    // 41.6% of tasks at p = 0.585, the rest at 0.98 (1,000 trials each):
    // E[1/p] = 0.416/0.585 + 0.584/0.98 = 0.71111 + 0.59592 = 1.30703
    // E[p] = 0.416·0.585 + 0.584·0.98 = 0.81568 → 1/E[p] = 1.22597; pass^1 = 0.816
    const tasks: TaskTrials[] = [
      ...Array.from({ length: 416 }, () => ({ trials: 1000, successes: 585 })),
      ...Array.from({ length: 584 }, () => ({ trials: 1000, successes: 980 })),
    ];
    const s = taskSuccessSpread(tasks);
    expect(s.meanInverseSuccessRate).toBeCloseTo(1.307, 3);
    expect(s.inverseMeanSuccessRate).toBeCloseTo(1.226, 3);
    expect(passHatK(tasks, 1)).toBeCloseTo(0.816, 3);
    // pass^4 ≈ 0.416·0.585⁴ + 0.584·0.98⁴ = 0.0487 + 0.5387 = 0.588, far above 0.816⁴ = 0.443
    expect(passHatK(tasks, 4)).toBeCloseTo(0.588, 2);
  });
});
