import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuietGate } from './quiet-gate.js';

/** Whether `promise` has settled once pending timers up to `ms` from now have run. */
async function settledWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  await vi.advanceTimersByTimeAsync(ms);
  return settled;
}

describe('QuietGate', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts its start as activity, then is quiet after quietMs without a request', async () => {
    const gate = new QuietGate({ quietMs: 500, maxWaitMs: 10_000 });
    const quiet = gate.quiet();
    expect(await settledWithin(quiet, 499)).toBe(false);
    expect(await settledWithin(quiet, 1)).toBe(true);
  });

  it('waits while a request is in flight and for quietMs after it is answered', async () => {
    const gate = new QuietGate({ quietMs: 500, maxWaitMs: 10_000 });
    await vi.advanceTimersByTimeAsync(600);
    const leave = gate.enter();
    const quiet = gate.quiet();
    expect(await settledWithin(quiet, 2_000)).toBe(false);
    leave();
    leave();
    expect(await settledWithin(quiet, 499)).toBe(false);
    expect(await settledWithin(quiet, 1)).toBe(true);
  });

  it('gives up waiting after maxWaitMs, so a busy server still refreshes', async () => {
    const gate = new QuietGate({ quietMs: 500, maxWaitMs: 3_000 });
    gate.enter();
    const quiet = gate.quiet();
    expect(await settledWithin(quiet, 2_999)).toBe(false);
    expect(await settledWithin(quiet, 1)).toBe(true);
  });
});
