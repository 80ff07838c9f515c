// Issue 10: a BG/NBD fit shared by the BG/NBD panel and the at-risk list is computed once, and one panel's cancel does not stop the other's.
import { describe, expect, it } from 'vitest';
import { EngineFailure } from '../../../src/engine/engine-error';
import { SharedRuns, type SharedWork } from '../../../src/engine/shared-runs';

const waiter = () => ({ token: { cancelled: false }, progress: () => {} });

/** A step that finishes when told to, failing as cancelled if its token is cancelled by then. */
function controlled() {
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => (finish = resolve));
  let starts = 0;
  const start = async (work: SharedWork) => {
    starts++;
    await gate;
    if (work.token.cancelled) throw new EngineFailure({ kind: 'cancelled', code: 'engine.cancelled' });
    return starts;
  };
  return { start, finish: () => finish(), starts: () => starts };
}

describe('SharedRuns', () => {
  it('computes a step once for every request that needs it, and keeps it for the next', async () => {
    const runs = new SharedRuns();
    const step = controlled();
    const a = runs.get('fit', waiter(), step.start);
    const b = runs.get('fit', waiter(), step.start);
    step.finish();
    expect((await a).value).toBe(1);
    expect((await b).value).toBe(1);
    expect((await runs.get('fit', waiter(), step.start)).value).toBe(1);
    expect(step.starts()).toBe(1);
  });

  it('goes on for a live request when another is cancelled, which stops waiting at once', async () => {
    const runs = new SharedRuns();
    const step = controlled();
    const first = waiter();
    const a = runs.get('fit', first, step.start);
    const b = runs.get('fit', waiter(), step.start);
    first.token.cancelled = true;
    await expect(a).rejects.toMatchObject({ detail: { kind: 'cancelled' } });
    step.finish();
    expect((await b).value).toBe(1);
  });

  it('stops when every request is cancelled, and starts again for the next one', async () => {
    const runs = new SharedRuns();
    const step = controlled();
    const only = waiter();
    const a = runs.get('fit', only, step.start);
    only.token.cancelled = true;
    await expect(a).rejects.toMatchObject({ detail: { kind: 'cancelled' } });
    step.finish();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const again = await runs.get('fit', waiter(), step.start);
    expect(step.starts()).toBe(2);
    expect(again.value).toBe(2);
  });

  it('keeps the steps used most recently when it must drop one', async () => {
    const runs = new SharedRuns(2);
    let starts = 0;
    const start = async () => ++starts;
    await runs.get('fit', waiter(), start);
    await runs.get('a', waiter(), start);
    await runs.get('fit', waiter(), start);
    await runs.get('b', waiter(), start);
    expect((await runs.get('fit', waiter(), start)).value).toBe(1);
    expect((await runs.get('a', waiter(), start)).value).toBe(4);
  });

  it('tells the requests that waited for a running step how long its statements waited; one asking once it is done, nothing', async () => {
    const runs = new SharedRuns();
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const start = async (work: SharedWork) => {
      work.waited(120);
      await gate;
      work.waited(30);
      return 'fit';
    };
    const a = runs.get('fit', waiter(), start);
    const b = runs.get('fit', waiter(), start);
    finish();
    expect((await a).waitedMs).toBe(150);
    expect((await b).waitedMs).toBe(150);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const later = await runs.get('fit', waiter(), start);
    expect(later.value).toBe('fit');
    expect(later.waitedMs).toBe(0);
  });

  it('starts a step with its first request already waiting: a step that reads its token at once is not cancelled', async () => {
    const runs = new SharedRuns();
    let starts = 0;
    const value = await runs.get('answer', waiter(), (work) => {
      // Without a waiter the token read as cancelled, and the step was started again forever.
      if (++starts > 3) throw new Error('started again and again');
      if (work.token.cancelled) return Promise.reject(new EngineFailure({ kind: 'cancelled', code: 'engine.cancelled' }));
      return Promise.resolve('done');
    });
    expect(value.value).toBe('done');
    expect(starts).toBe(1);
  });

  it('forgets a step once it ends when told not to keep it', async () => {
    const runs = new SharedRuns(6, { keepSettled: false });
    const step = controlled();
    const a = runs.get('answer', waiter(), step.start);
    const b = runs.get('answer', waiter(), step.start);
    step.finish();
    expect([(await a).value, (await b).value]).toEqual([1, 1]);
    expect((await runs.get('answer', waiter(), step.start)).value).toBe(2);
  });
});
