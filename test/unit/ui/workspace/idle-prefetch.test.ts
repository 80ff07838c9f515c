// Issue 13: answers a page asks for next, computed while the engine is idle, never in the way of
// what the user asked for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisRequest } from '../../../../src/analyses/request';
import type { Outcome } from '../../../../src/engine/engine-error';
import { IdlePrefetch, type PrefetchEngine } from '../../../../src/ui/workspace/idle-prefetch';

const at = (grain: 'day' | 'week' | 'month'): AnalysisRequest => ({
  kind: 'churn-rate',
  spec: { coreEvents: [], threshold: null, grain, weekStart: 'monday' },
});

/** An engine whose prefetches end when the test says, and whose panels' requests it starts and ends. */
class FakeEngine implements PrefetchEngine {
  busy = false;
  asked: string[] = [];
  cancels = 0;
  private listeners = new Set<() => void>();
  private pending: ((o: Outcome<void>) => void) | null = null;
  onActivity(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  prefetch(request: AnalysisRequest) {
    this.asked.push((request.spec as { grain: string }).grain);
    return new Promise<Outcome<void>>((resolve) => (this.pending = resolve));
  }
  cancelPrefetch() {
    this.cancels++;
    this.end({ ok: false, error: { kind: 'cancelled', code: 'engine.cancelled' } });
  }
  end(outcome: Outcome<void> = { ok: true, value: undefined }) {
    const resolve = this.pending;
    this.pending = null;
    resolve?.(outcome);
  }
  panel(busy: boolean) {
    this.busy = busy;
    this.listeners.forEach((l) => l());
  }
}

const settle = async (ms: number) => {
  await vi.advanceTimersByTimeAsync(ms);
};

describe('IdlePrefetch', () => {
  let engine: FakeEngine;
  let prefetch: IdlePrefetch;
  beforeEach(() => {
    vi.useFakeTimers();
    engine = new FakeEngine();
    prefetch = new IdlePrefetch(engine, 150);
  });
  afterEach(() => {
    prefetch.dispose();
    vi.useRealTimers();
  });

  it('starts once the engine has been idle for its delay, one answer at a time, in the order offered', async () => {
    prefetch.offer('rate', 1, [at('week'), at('day')]);
    await settle(149);
    expect(engine.asked).toEqual([]);
    await settle(1);
    expect(engine.asked).toEqual(['week']);
    await settle(1000);
    expect(engine.asked).toEqual(['week']);
    engine.end();
    await settle(150);
    expect(engine.asked).toEqual(['week', 'day']);
    engine.end();
    await settle(1000);
    expect(engine.asked).toEqual(['week', 'day']);
  });

  it('waits while a panel asks, and stops the one under way for it, to try it again when idle', async () => {
    engine.panel(true);
    prefetch.offer('rate', 1, [at('week')]);
    await settle(1000);
    expect(engine.asked).toEqual([]);
    engine.panel(false);
    await settle(150);
    expect(engine.asked).toEqual(['week']);
    engine.panel(true);
    expect(engine.cancels).toBe(1);
    await settle(1000);
    expect(engine.asked).toEqual(['week']);
    engine.panel(false);
    await settle(150);
    expect(engine.asked).toEqual(['week', 'week']);
    engine.end();
    await settle(1000);
    expect(engine.asked).toEqual(['week', 'week']);
  });

  it('does not ask again for an answer that failed, nor for one withdrawn', async () => {
    prefetch.offer('rate', 1, [at('week'), at('day')]);
    await settle(150);
    engine.end({ ok: false, error: { kind: 'sql', code: 'sql.failed' } });
    await settle(150);
    expect(engine.asked).toEqual(['week', 'day']);
    prefetch.withdraw('rate');
    expect(engine.cancels).toBe(1);
    await settle(1000);
    expect(engine.asked).toEqual(['week', 'day']);
  });

  it('asks again for the same request on a new workspace version', async () => {
    prefetch.offer('rate', 1, [at('week')]);
    await settle(150);
    engine.end();
    prefetch.offer('rate', 2, [at('week')]);
    await settle(150);
    expect(engine.asked).toEqual(['week', 'week']);
  });

  it("asks for every panel's first offer before any panel's second", async () => {
    prefetch.offer('rate', 1, [at('week'), at('day')]);
    prefetch.offer('stages', 1, [at('month')]);
    for (let i = 0; i < 3; i++) {
      await settle(150);
      engine.end();
    }
    expect(engine.asked).toEqual(['week', 'month', 'day']);
  });
});
