import { describe, expect, it } from 'vitest';
import { ReportCache } from './report-cache.js';

/** A report whose answer is the number of times it was computed. */
function counter() {
  let calls = 0;
  const gates: (() => void)[] = [];
  return {
    calls: () => calls,
    compute: async () => {
      calls += 1;
      return calls;
    },
    /** Computes, then waits until `open` is called. */
    held: () => {
      calls += 1;
      const value = calls;
      return new Promise<number>((resolve) => gates.push(() => resolve(value)));
    },
    open: () => {
      for (const gate of gates.splice(0)) gate();
    },
  };
}

describe('ReportCache', () => {
  it('answers from the cache until the store writes, then recomputes a fast report at once', async () => {
    let version = 1;
    const cache = new ReportCache(() => version, { slowMs: Number.POSITIVE_INFINITY });
    const report = counter();
    expect((await cache.get('k', report.compute)).value).toBe(1);
    expect((await cache.get('k', report.compute)).value).toBe(1);
    expect(report.calls()).toBe(1);
    version = 2;
    expect(await cache.get('k', report.compute)).toMatchObject({ value: 2, stale: false });
    expect((await cache.get('other', report.compute)).value).toBe(3);
  });

  it('serves a slow report stale after a write while one refresh runs, then the refreshed answer', async () => {
    let version = 1;
    const cache = new ReportCache(() => version, { slowMs: 0 });
    const report = counter();
    expect((await cache.get('k', report.compute)).value).toBe(1);
    version = 2;
    const first = await cache.get('k', report.held);
    const second = await cache.get('k', report.held);
    expect([first.value, first.stale, second.value, second.stale]).toEqual([1, true, 1, true]);
    // One refresh for both requests.
    expect(report.calls()).toBe(2);
    report.open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', report.compute)).toMatchObject({ value: 2, stale: false });
  });

  it('answers seeded (kept) answers stale and refreshes them one at a time', async () => {
    const cache = new ReportCache(() => 7, { slowMs: 250 });
    cache.seed([
      { key: 'a', value: 'kept a', computedAt: 1_000 },
      { key: 'b', value: 'kept b', computedAt: 2_000 },
    ]);
    const started: string[] = [];
    const gates: Record<string, () => void> = {};
    const held = (key: string) => () => {
      started.push(key);
      return new Promise<string>((resolve) => {
        gates[key] = () => resolve(`fresh ${key}`);
      });
    };
    const a = await cache.get('a', held('a'));
    const b = await cache.get('b', held('b'));
    expect([a.value, a.stale, a.computedAt.getTime(), b.value, b.stale]).toEqual([
      'kept a',
      true,
      1_000,
      'kept b',
      true,
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    // b's refresh waits for a's.
    expect(started).toEqual(['a']);
    gates.a?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b']);
    gates.b?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('b', held('b'))).toMatchObject({ value: 'fresh b', stale: false });
    expect(cache.snapshot().map((s) => [s.key, s.value])).toEqual([
      ['a', 'fresh a'],
      ['b', 'fresh b'],
    ]);
  });

  it('starts a refresh behind a stale answer only once beforeRefresh settles', async () => {
    let open = () => {};
    const quiet = new Promise<void>((resolve) => {
      open = resolve;
    });
    const cache = new ReportCache(() => 2, { slowMs: 0, beforeRefresh: () => quiet });
    cache.seed([{ key: 'k', value: 'kept', computedAt: 1_000 }]);
    const report = counter();
    expect(await cache.get('k', report.compute)).toMatchObject({ value: 'kept', stale: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(report.calls()).toBe(0);
    // Asked again while waiting: still one refresh queued.
    await cache.get('k', report.compute);
    open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(report.calls()).toBe(1);
    expect(await cache.get('k', report.compute)).toMatchObject({ value: 1, stale: false });
  });

  it('still refreshes when beforeRefresh fails', async () => {
    const cache = new ReportCache(() => 2, {
      slowMs: 0,
      beforeRefresh: () => Promise.reject(new Error('no quiet')),
    });
    cache.seed([{ key: 'k', value: 'kept', computedAt: 1_000 }]);
    const report = counter();
    await cache.get('k', report.compute);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', report.compute)).toMatchObject({ value: 1, stale: false });
  });

  it('never answers seeded answers when every report must be fresh', async () => {
    const cache = new ReportCache(() => 1, { slowMs: null });
    cache.seed([{ key: 'k', value: 'kept', computedAt: 1_000 }]);
    expect(await cache.get('k', async () => 'fresh')).toMatchObject({
      value: 'fresh',
      stale: false,
    });
  });

  it('computes once for concurrent requests of the same report and version', async () => {
    const cache = new ReportCache(() => 1);
    const report = counter();
    const answers = Promise.all([cache.get('k', report.held), cache.get('k', report.held)]);
    report.open();
    expect((await answers).map((a) => a.value)).toEqual([1, 1]);
    expect(report.calls()).toBe(1);
  });

  it('does not hand a reader an answer computed before its write', async () => {
    let version = 1;
    const cache = new ReportCache(() => version, { slowMs: Number.POSITIVE_INFINITY });
    const report = counter();
    const before = cache.get('k', report.held);
    version = 2;
    const after = cache.get('k', report.held);
    report.open();
    await new Promise((resolve) => setImmediate(resolve));
    report.open();
    expect([(await before).value, (await after).value]).toEqual([1, 2]);
  });

  it('refreshes an answer older than maxAgeMs even without a write (relative ranges move)', async () => {
    const cache = new ReportCache(() => 1, { maxAgeMs: 0, slowMs: Number.POSITIVE_INFINITY });
    const report = counter();
    await cache.get('k', report.compute);
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect((await cache.get('k', report.compute)).value).toBe(2);
  });

  it('keeps at most maxEntries answers, dropping the oldest', async () => {
    const cache = new ReportCache(() => 1, { maxEntries: 2 });
    const report = counter();
    for (const key of ['a', 'b', 'c']) await cache.get(key, report.compute);
    await cache.get('c', report.compute);
    expect(report.calls()).toBe(3);
    await cache.get('a', report.compute);
    expect(report.calls()).toBe(4);
  });
});
