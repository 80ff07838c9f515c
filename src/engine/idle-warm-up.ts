import type { CancelToken } from './duckdb-session';

/**
 * Runs a piece of work once it is asked for (`watch`), while the engine has nothing else to do:
 * it starts after `afterMs` with no request under way, a request stops it (its token is
 * cancelled), and it starts again after the next idle spell until it has once run to its end. A
 * failure ends it for good: it is a courtesy, and would fail the same way again.
 */
export class IdleWarmUp {
  private requests = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private token: CancelToken | undefined;
  private running: Promise<void> | undefined;
  private finished = false;
  private wanted = false;

  constructor(
    private readonly work: (token: CancelToken) => Promise<void>,
    private readonly afterMs: number,
  ) {}

  /** Starts it after the first idle spell from now. */
  watch(): void {
    this.wanted = true;
    this.schedule();
  }

  /** Stops the work under way, and starts none until asked for again. */
  unwatch(): void {
    this.wanted = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.token) this.token.cancelled = true;
  }

  /** A request starts: the work under way stops, and none starts until every request has ended. */
  requestStarted(): void {
    this.requests++;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.token) this.token.cancelled = true;
  }

  requestEnded(): void {
    this.requests = Math.max(0, this.requests - 1);
    this.schedule();
  }

  /** Resolves once the work last started has stopped or ended. */
  get settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private schedule(): void {
    if (!this.wanted || this.finished || this.requests > 0 || this.token || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.start();
    }, this.afterMs);
  }

  private async start(): Promise<void> {
    const token: CancelToken = { cancelled: false };
    this.token = token;
    try {
      await this.work(token);
      this.finished = !token.cancelled;
    } catch {
      this.finished = !token.cancelled;
    } finally {
      this.token = undefined;
    }
    this.schedule();
  }
}
