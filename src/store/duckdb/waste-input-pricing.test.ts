/**
 * The SQL rounding bloat and cache misses are priced with must be domain/money.ts divideHalfEven
 * exactly: a call's waste is (tokens × femto-dollars per million tokens) / 1,000,000, half to even,
 * computed in BIGINT from the rate split into millions and a remainder.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { divideHalfEven } from '../../domain/index.js';
import { roundPerMillion } from './waste-input-pricing.js';

describe('per-million rounding in SQL', () => {
  it('rounds half to even like divideHalfEven, negative rates and 64-bit-sized products included', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      // 5 × 0.5 = 2.5 → 2 and 7 × 0.5 = 3.5 → 4 (half to even); 1 × 3.5 → 4 (the even test reads
      // the millions part too); 3 × 0.833334 = 2.500002 → 3; 1 × 0.499999 → 0; a cache-read rate
      // above the input rate makes a negative rate: -2.5 → -2, -3.5 → -4; 250,000 excess tokens at
      // $2.50 per million (2.5e15 femto) = 6.25e14 femto-dollars, whose product 6.25e20 would not
      // fit 64 bits; split, it is 250,000 × 2.5e9. Then 200 random pairs.
      const cases: [bigint, bigint, bigint][] = [
        [5n, 500_000n, 2n],
        [7n, 500_000n, 4n],
        [1n, 3_500_000n, 4n],
        [3n, 833_334n, 3n],
        [1n, 499_999n, 0n],
        [0n, 2_500_000_000_000_000n, 0n],
        [1n, -2_500_000n, -2n],
        [1n, -3_500_000n, -4n],
        [250_000n, 2_500_000_000_000_000n, 625_000_000_000_000n],
        // Past BIGINT's products (tokens ≥ 2³¹, or over $4,294 per million): the HUGEINT branch.
        // A rate of $5,000.0000000005 per million (5e18 + 500,000 femto): 3e9 tokens give
        // 1.5e28 + 1.5e15 over 1e6 = 15,000,000,000,001,500,000,000; 7 tokens give
        // 35,000,000,000,003.5, half to even 35,000,000,000,004.
        [3_000_000_000n, 5_000_000_000_000_500_000n, 15_000_000_000_001_500_000_000n],
        [7n, 5_000_000_000_000_500_000n, 35_000_000_000_004n],
      ];
      let seed = 7;
      const next = (limit: number) => {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        return BigInt(seed % limit);
      };
      for (let i = 0; i < 200; i++) {
        const tokens = next(2_000_000);
        const rate = next(1_000_000) * 1_000_000_000n + next(1_000_000) * (i % 2 === 0 ? 1n : -1n);
        cases.push([tokens, rate, divideHalfEven(tokens * rate, 1_000_000n)]);
      }
      for (const [tokens, rate, expected] of cases) {
        const label = `${tokens} × ${rate}`;
        expect(await roundPerMillion(connection, tokens, rate), label).toBe(expected);
        expect(divideHalfEven(tokens * rate, 1_000_000n), label).toBe(expected);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
