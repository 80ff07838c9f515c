import type { AnalysisRequest } from '../../analyses/request';
import type { Outcome } from '../../engine/engine-error';

/** What IdlePrefetch needs of the engine client (see EngineClient). */
export interface PrefetchEngine {
  readonly busy: boolean;
  onActivity(listener: () => void): () => void;
  prefetch(request: AnalysisRequest): Promise<Outcome<void>>;
  cancelPrefetch(): void;
}

/** How long the engine stays idle before a prefetch starts: a page's panels ask in a burst. */
export const idleBeforeMs = 150;

/** Answers remembered as done, the oldest forgotten first. */
const doneLimit = 512;

/**
 * Answers a page is likely to ask for next (a panel's other grains: issue 13, a setting redrawn
 * in 300 ms), computed one at a time while the engine has nothing else to do, and kept in the
 * worker with every answer. Panels offer them once their own answer is shown; a panel's request
 * or a load stops the one under way (the worker lets a panel asking for that same answer join it
 * instead), and the rest wait until the engine is idle again. Offers are per workspace version.
 */
export class IdlePrefetch {
  private readonly offers = new Map<string, readonly string[]>();
  private readonly done = new Set<string>();
  private running: string | null = null;
  /** The one under way was stopped for the user's work: it is tried again later. */
  private interrupted = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly engine: PrefetchEngine,
    private readonly delayMs = idleBeforeMs,
  ) {}

  /** Offers `owner`'s answers to compute ahead, in order, in place of those it offered before. */
  offer(owner: string, version: number, requests: readonly AnalysisRequest[]): void {
    this.unsubscribe ??= this.engine.onActivity(() => this.onActivity());
    this.offers.set(
      owner,
      requests.map((r) => `${version}|${JSON.stringify(r)}`),
    );
    this.schedule();
  }

  /** Takes back `owner`'s offers (its settings changed, or it is gone); one under way stops. */
  withdraw(owner: string): void {
    this.offers.delete(owner);
    if (this.running !== null && !this.isOffered(this.running)) this.engine.cancelPrefetch();
  }

  dispose(): void {
    this.offers.clear();
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.running !== null) this.engine.cancelPrefetch();
  }

  private onActivity(): void {
    if (this.engine.busy && this.running !== null) {
      this.interrupted = true;
      this.engine.cancelPrefetch();
    }
    this.schedule();
  }

  private isOffered(key: string): boolean {
    for (const keys of this.offers.values()) if (keys.includes(key)) return true;
    return false;
  }

  /** Every panel's first offer before any panel's second: the grain next to this one, on every chart. */
  private next(): string | undefined {
    const lists = [...this.offers.values()];
    const longest = Math.max(0, ...lists.map((keys) => keys.length));
    for (let i = 0; i < longest; i++) {
      for (const keys of lists) {
        const key = keys[i];
        if (key !== undefined && !this.done.has(key)) return key;
      }
    }
    return undefined;
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.running !== null || this.engine.busy || this.next() === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runNext();
    }, this.delayMs);
  }

  private async runNext(): Promise<void> {
    const key = this.next();
    if (this.running !== null || this.engine.busy || key === undefined) return;
    this.running = key;
    this.interrupted = false;
    const outcome = await this.engine.prefetch(JSON.parse(key.slice(key.indexOf('|') + 1)) as AnalysisRequest);
    this.running = null;
    // Stopped for the user's work, it is tried again when the engine is next idle; failed (or
    // cancelled otherwise), it is not.
    if (outcome.ok || outcome.error.kind !== 'cancelled' || !this.interrupted) {
      this.done.add(key);
      if (this.done.size > doneLimit) this.done.delete(this.done.values().next().value!);
    }
    this.schedule();
  }
}
