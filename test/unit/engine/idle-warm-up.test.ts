import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CancelToken } from '../../../src/engine/duckdb-session';
import { IdleWarmUp } from '../../../src/engine/idle-warm-up';

/** Work that ends when the test says, or as soon as its token is cancelled (as a query stops). */
function controlledWork() {
  const runs: CancelToken[] = [];
  let end: (() => void) | null = null;
  let fail: ((e: unknown) => void) | null = null;
  const work = (token: CancelToken) =>
    new Promise<void>((resolve, reject) => {
      runs.push(token);
      end = resolve;
      fail = reject;
      const poll = setInterval(() => {
        if (!token.cancelled) return;
        clearInterval(poll);
        reject(new Error('cancelled'));
      }, 10);
    });
  return { work, runs, end: () => end?.(), fail: (e: unknown) => fail?.(e) };
}

describe('IdleWarmUp', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts once asked for and the engine has been idle for its delay, and never while a request runs', async () => {
    const { work, runs } = controlledWork();
    const warm = new IdleWarmUp(work, 500);
    // Not asked for yet: idle spells start nothing.
    warm.requestStarted();
    warm.requestEnded();
    await vi.advanceTimersByTimeAsync(2000);
    expect(runs).toHaveLength(0);
    warm.watch();
    await vi.advanceTimersByTimeAsync(400);
    warm.requestStarted();
    await vi.advanceTimersByTimeAsync(2000);
    expect(runs).toHaveLength(0);
    warm.requestEnded();
    await vi.advanceTimersByTimeAsync(499);
    expect(runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(1);
  });

  it('stops when a request starts, and starts again after the next idle spell', async () => {
    const { work, runs, end } = controlledWork();
    const warm = new IdleWarmUp(work, 500);
    warm.watch();
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toHaveLength(1);
    warm.requestStarted();
    expect(runs[0]!.cancelled).toBe(true);
    await vi.advanceTimersByTimeAsync(20);
    warm.requestStarted(); // a second request, overlapping the first
    warm.requestEnded();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toHaveLength(1);
    warm.requestEnded();
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toHaveLength(2);
    expect(runs[1]!.cancelled).toBe(false);
    end();
    await warm.settled;
    // Done once: later idle spells start nothing.
    warm.requestStarted();
    warm.requestEnded();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toHaveLength(2);
  });

  it('stops, and starts no more, once no longer wanted; asked for again, it starts after the next idle spell', async () => {
    const { work, runs } = controlledWork();
    const warm = new IdleWarmUp(work, 100);
    warm.watch();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toHaveLength(1);
    warm.unwatch();
    expect(runs[0]!.cancelled).toBe(true);
    await vi.advanceTimersByTimeAsync(20);
    warm.requestStarted();
    warm.requestEnded();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toHaveLength(1);
    warm.watch();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toHaveLength(2);
  });

  it('is not tried again after a failure of its own', async () => {
    const { work, runs, fail } = controlledWork();
    const warm = new IdleWarmUp(work, 100);
    warm.watch();
    await vi.advanceTimersByTimeAsync(100);
    fail(new Error('out of memory'));
    await warm.settled;
    warm.requestStarted();
    warm.requestEnded();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toHaveLength(1);
  });
});
