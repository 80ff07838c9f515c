import { EngineFailure } from './engine-error';

/**
 * One table (or view) of a workspace made after the workspace is in use. `between` is awaited
 * wherever the work may pause: there it waits while analyses run (see BackgroundTables.hold),
 * and it throws once the steps are stopped.
 */
export interface BackgroundStep {
  name: string;
  make(between: () => Promise<void>): Promise<void>;
}

/**
 * How long the steps stay paused after the last analysis ends. Analyses come in bursts (a
 * page's panels, the user's next click and the requests it makes): going on at once, each next
 * one would wait for the slice of DuckDB work a step had just begun (up to 100 ms); at 5M events
 * the churn charts took 100-220 ms longer each while the tables were still being made.
 */
export const resumeAfterMs = 250;

/** Lets queued messages (a ping, a cancel, an analysis) run between steps. */
export const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The tables of a workspace made after it is in use, one step after another: the large ones a
 * snapshot restores last, or those an import builds after the Overview's first chart's. A
 * statement that reads one of them waits for it; the others run at once. While an analysis runs
 * (see `hold`) the steps pause where they may, so that the first charts do not share the engine
 * with them, unless a statement waits for a table still to come and none runs.
 */
export class BackgroundTables {
  private readonly waiting = new Map<string, Promise<void>>();
  private readonly unfinished = new Set<string>();
  private holds = 0;
  /** The workspace's statements under way (see `running`). */
  private statements = 0;
  /** Tables statements wait for, with how many wait for each. */
  private readonly awaited = new Map<string, number>();
  private paused: (() => void)[] = [];
  private stopped = false;
  readonly done: Promise<void>;

  /** `options.resumeAfterMs`: instead of resumeAfterMs (for tests). */
  constructor(
    steps: readonly BackgroundStep[],
    stillWanted: () => boolean,
    private readonly options: { resumeAfterMs?: number } = {},
  ) {
    const between = async () => {
      await breathe();
      await this.mayGoOn();
      if (this.stopped) throw new EngineFailure({ kind: 'cancelled', code: 'engine.cancelled' });
    };
    let previous: Promise<void> = Promise.resolve();
    for (const { name, make } of steps) {
      this.unfinished.add(name);
      previous = previous
        .then(() => this.mayGoOn())
        .then(() => {
          // Not made: whoever waits for it must not read a table that is not there.
          if (!this.wanted(stillWanted)) throw new EngineFailure({ kind: 'cancelled', code: 'engine.cancelled' });
          return make(between);
        })
        .then(() => void this.unfinished.delete(name));
      this.waiting.set(name, previous);
    }
    this.done = previous;
    // A failure is met by the statements that wait; unobserved here, it would be reported twice.
    this.done.catch(() => undefined);
  }

  /** Whether the steps still go on (not stopped). */
  get going(): boolean {
    return !this.stopped;
  }

  /**
   * Pauses the steps where they may until the returned function is called (once), and for
   * resumeAfterMs after that: a hold taken meanwhile keeps them paused.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      setTimeout(() => {
        this.holds--;
        this.wake();
      }, this.options.resumeAfterMs ?? resumeAfterMs);
    };
  }

  /**
   * Runs a statement of an analysis on the workspace: while one runs, a table waited for does
   * not make the steps go on. That analysis ends soon; sharing the engine with the steps, it
   * took twice as long (the Overview's first chart right after an import, at 5M events).
   */
  async running<T>(statement: () => Promise<T>): Promise<T> {
    this.statements++;
    try {
      return await statement();
    } finally {
      this.statements--;
      this.wake();
    }
  }

  /** Whether a table among `names` is still to come. */
  awaits(names: readonly string[]): boolean {
    return names.some((n) => this.unfinished.has(n));
  }

  /** Resolves once every table among `names` that is still to come is there. */
  async ready(names: readonly string[]): Promise<void> {
    const pending = names.filter((n) => this.unfinished.has(n));
    if (pending.length === 0) return;
    // Waited for: the steps go on whatever holds them, until these are there.
    for (const name of pending) this.awaited.set(name, (this.awaited.get(name) ?? 0) + 1);
    this.wake();
    try {
      for (const name of pending) await this.waiting.get(name);
    } finally {
      for (const name of pending) {
        const n = (this.awaited.get(name) ?? 1) - 1;
        if (n > 0) this.awaited.set(name, n);
        else this.awaited.delete(name);
      }
    }
  }

  /**
   * Makes the steps not yet started fail as cancelled, and resolves once the one under way has
   * ended (at its next `between`): what must come before the workspace's tables are dropped.
   */
  stop(): Promise<void> {
    this.stopped = true;
    for (const resume of this.paused.splice(0)) resume();
    return this.done.catch(() => undefined);
  }

  private wanted(stillWanted: () => boolean): boolean {
    return !this.stopped && stillWanted();
  }

  private mayGoOn(): Promise<void> {
    if (this.free()) return Promise.resolve();
    return new Promise((resolve) => this.paused.push(resolve));
  }

  /**
   * Whether the steps may go on: nothing holds them, or a table still to come is waited for and
   * no statement of an analysis runs meanwhile (one that runs waits for no table, so it ends).
   */
  private free(): boolean {
    if (this.stopped || this.holds === 0) return true;
    return this.statements === 0 && [...this.awaited.keys()].some((name) => this.unfinished.has(name));
  }

  private wake(): void {
    if (this.free()) for (const resume of this.paused.splice(0)) resume();
  }
}
