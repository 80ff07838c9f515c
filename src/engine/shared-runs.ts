import type { RunProgress } from '../analyses/contract';
import type { CancelToken, WaitClock } from './duckdb-session';
import { EngineFailure, engineError } from './engine-error';

/** One request waiting for a shared step: its cancel token and its progress listener. */
export interface Waiter {
  token: CancelToken;
  progress: (p: RunProgress) => void;
}

/** What a shared step runs with: a token cancelled once every waiter is, and progress to all of them. */
export interface SharedWork {
  token: CancelToken;
  progress: (p: RunProgress) => void;
  /** The statements the step ran, for each waiter's Show SQL. */
  statements: string[];
  /** Told how long each of those statements waited (see WaitClock). */
  waited: WaitClock;
}

interface Entry {
  promise: Promise<unknown>;
  waiters: Set<Waiter>;
  statements: string[];
  /** How long the step's statements waited so far. */
  waitedMs: number;
  settled: boolean;
}

const cancelled = () => new EngineFailure(engineError('cancelled', { code: 'engine.cancelled' }));
const isCancel = (e: unknown) => e instanceof EngineFailure && e.detail.kind === 'cancelled';

/**
 * Steps of runs that several requests of one workspace need (a BG/NBD fit, for the BG/NBD panel,
 * its table's pages and the at-risk list: issue 10), computed once per key and kept for the
 * next ones. The step goes on while any request waiting for it is live, so one panel's cancel
 * does not stop another's; a request that is cancelled stops waiting at once. A step that ends
 * cancelled is forgotten, and a live waiter starts it again.
 */
export class SharedRuns {
  private readonly entries = new Map<string, Entry>();
  private readonly limit: number;
  private readonly keepSettled: boolean;

  /**
   * `limit`: how many steps are kept (the least recently used dropped first). `keepSettled`
   * false: a step is shared only while it runs, and forgotten once it ends (what is kept of it
   * is kept elsewhere).
   */
  constructor(limit = 6, { keepSettled = true }: { keepSettled?: boolean } = {}) {
    this.limit = limit;
    this.keepSettled = keepSettled;
  }

  async get<T>(
    key: string,
    waiter: Waiter,
    start: (work: SharedWork) => Promise<T>,
  ): Promise<{ value: T; statements: string[]; waitedMs: number }> {
    for (;;) {
      if (waiter.token.cancelled) throw cancelled();
      let entry = this.entries.get(key);
      if (entry) {
        // Least recently used goes first: a fit asked for on every horizon change stays.
        this.entries.delete(key);
        this.entries.set(key, entry);
      } else {
        const waiters = new Set<Waiter>();
        const statements: string[] = [];
        const token = {
          get cancelled() {
            for (const w of waiters) if (!w.token.cancelled) return false;
            return true;
          },
        };
        const progress = (p: RunProgress) => waiters.forEach((w) => w.progress(p));
        const created: Entry = { waiters, statements, promise: Promise.resolve(), waitedMs: 0, settled: false };
        const waited = (ms: number) => {
          created.waitedMs += ms;
        };
        // Its first waiter before it starts: with none, its token reads as cancelled, and a step
        // that checks it at once (a nested shared step) would end cancelled, again and again.
        waiters.add(waiter);
        created.promise = start({ token, progress, statements, waited });
        created.promise.then(
          () => {
            created.settled = true;
            if (!this.keepSettled && this.entries.get(key) === created) this.entries.delete(key);
          },
          () => {
            created.settled = true;
            if (this.entries.get(key) === created) this.entries.delete(key);
          },
        );
        this.entries.set(key, created);
        if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
        entry = created;
      }
      entry.waiters.add(waiter);
      // Waiting for a step still running, a request waited as long as the step's statements did.
      const running = !entry.settled;
      try {
        const value = (await untilCancelled(entry.promise, waiter.token)) as T;
        return { value, statements: entry.statements, waitedMs: running ? entry.waitedMs : 0 };
      } catch (e) {
        if (waiter.token.cancelled || !isCancel(e)) throw e;
        if (this.entries.get(key) === entry) this.entries.delete(key);
      }
    }
  }
}

/** `promise`, or a cancel failure as soon as `token` is cancelled (checked every 25 ms). */
function untilCancelled<T>(promise: Promise<T>, token: CancelToken): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setInterval(() => {
      if (!token.cancelled) return;
      clearInterval(timer);
      reject(cancelled());
    }, 25);
    promise.then(
      (value) => {
        clearInterval(timer);
        resolve(value);
      },
      (e: unknown) => {
        clearInterval(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
