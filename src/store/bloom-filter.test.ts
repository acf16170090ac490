/** The Bloom filter never forgets a key and keeps its false-positive rate near the target. */
import { describe, expect, it } from 'vitest';
import { BloomFilter } from './bloom-filter.js';

const traceId = (n: number) =>
  `${n.toString(16).padStart(16, '0')}${(n * 2654435761).toString(16)}`;

describe('BloomFilter', () => {
  it('answers maybe for every key added', () => {
    const bloom = new BloomFilter(20_000, 0.01);
    for (let n = 0; n < 20_000; n += 1) bloom.add(traceId(n));
    for (let n = 0; n < 20_000; n += 1) expect(bloom.mightContain(traceId(n))).toBe(true);
    expect(bloom.isOverCapacity).toBe(false);
  });

  it('keeps false positives near the target rate at capacity', () => {
    for (const rate of [0.01, 0.001]) {
      const bloom = new BloomFilter(50_000, rate);
      for (let n = 0; n < 50_000; n += 1) bloom.add(traceId(n));
      let hits = 0;
      for (let n = 1_000_000; n < 1_200_000; n += 1) if (bloom.mightContain(traceId(n))) hits += 1;
      expect(hits / 200_000).toBeLessThan(rate * 1.5);
    }
  });

  it('reports when it holds more keys than it was sized for', () => {
    const bloom = new BloomFilter(10, 0.01);
    for (let n = 0; n < 11; n += 1) bloom.add(traceId(n));
    expect(bloom.isOverCapacity).toBe(true);
  });

  it('comes back from its bytes with the same answers, and refuses bytes of another size', () => {
    const bloom = new BloomFilter(5_000, 0.001);
    for (let n = 0; n < 4_000; n += 1) bloom.add(traceId(n));
    const bytes = bloom.toBytes();
    expect(bytes.byteLength).toBe(bloom.byteLength);
    const back = BloomFilter.fromBytes(5_000, 0.001, bloom.size, bytes);
    expect(back?.size).toBe(4_000);
    for (let n = 0; n < 40_000; n += 1)
      expect(back?.mightContain(traceId(n))).toBe(bloom.mightContain(traceId(n)));
    expect(BloomFilter.fromBytes(6_000, 0.001, 0, bytes)).toBeNull();
  });
});
