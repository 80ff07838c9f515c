import type { RunOutput } from '../analyses/contract';

/** A run's output as the engine keeps it: what it returned, and the statements it ran. */
export interface CachedRun {
  output: RunOutput;
  statements: string[];
}

/** Rows (over the output's tables) above which an output is not kept: memory over speed. */
const maxRows = 10_000;

const rowCount = (output: RunOutput) =>
  output.rows.length + Object.values(output.tables ?? {}).reduce((n, rows) => n + rows.length, 0);

/**
 * The last outputs of one workspace, by request (kind, spec and effective scope): a panel asked
 * again for an answer the workspace already gave (a date range that cuts nothing from an
 * analysis, issue 13) gets it without a query. Outputs with a file, or many rows, are not kept.
 * A new workspace, or a new time zone, starts with an empty one.
 */
export class ResultCache {
  private readonly entries = new Map<string, CachedRun>();
  private readonly limit: number;

  /** `limit`: how many outputs are kept (the least recently used dropped first). */
  constructor(limit = 48) {
    this.limit = limit;
  }

  get(key: string): CachedRun | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, run: CachedRun): void {
    if (run.output.file !== undefined || rowCount(run.output) > maxRows) return;
    this.entries.delete(key);
    this.entries.set(key, run);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }
}
