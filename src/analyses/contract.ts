import type { Sql } from '../sql';
import type { Result } from '../schema/problem';
import type { Row } from '../schema/row';

/** Progress of a run that takes several steps (a model fit): what it is doing, how far. */
export interface RunProgress {
  /** Named in the UI's catalogue as `progress.<step>`. */
  /** prepare: waiting for a table the workspace is still making (an import's or a snapshot's). */
  step: 'query' | 'fit' | 'predict' | 'prepare';
  done?: number;
  total?: number;
}

/** What a run may do: query the workspace (scoped by the request), report progress, yield. */
export interface RunContext {
  /** Runs one statement on the loaded workspace, within the request's scope; Show SQL lists it. */
  query(statement: Sql): Promise<Row[]>;
  progress(p: RunProgress): void;
  /** Lets a cancel or a watchdog ping through during long computation; throws when cancelled. */
  yield(): Promise<void>;
  /**
   * A step other requests on the same workspace and scope may need too (a model fit): computed
   * once per `key` with the context it is given, and kept for the next request. Without it
   * (tests, the native bench) the step is simply computed.
   */
  memo?<T>(key: string, compute: (ctx: RunContext) => Promise<T>): Promise<T>;
  /**
   * The rows of `select` kept as a table that other requests on the same workspace and scope
   * read too (a step that several charts and every grain share): made once per `key`, it
   * returns the table to read from. Without it (tests, the native bench) see stepTable.
   */
  table?(key: string, select: Sql): Promise<Sql>;
}

/** What a run returns: the main rows, and any further tables it computed (parameters, ...). */
export interface RunOutput {
  rows: Row[];
  tables?: Record<string, Row[]>;
  /** A file made in the worker (a CSV of 500,000 rows): a Blob crosses to the page without a copy. */
  file?: Blob;
}

/**
 * One analysis kind: how to check a spec that arrives from anywhere (the URL, storage, an
 * imported report), and how to run it. Plain analyses are one query (`singleQuery`).
 */
export interface AnalysisDefinition<Spec> {
  validateSpec(input: unknown): Result<Spec>;
  run(spec: Spec, ctx: RunContext): Promise<RunOutput>;
  /**
   * The output's date column (epoch ms of a local day, or of a period's first day) that a date
   * range's start applies to: rows before it are dropped after the run, so numbers at a day that
   * depend on days before the start (a 30-day MAU, a period's previous state) stay right; the
   * period that contains the start is kept whole. Without it, the range's start cuts the
   * activity data itself. The range's end always cuts the data ("as of").
   */
  range?: RangeColumn;
}

export interface RangeColumn {
  column: string;
  /** The column holds periods' first days: true when the spec's `grain` and `weekStart` say which. */
  periods: boolean;
}

/** An analysis that is one SQL statement built from its spec. */
export function queryAnalysis<Spec>(
  validateSpec: (input: unknown) => Result<Spec>,
  builder: (spec: Spec) => Sql,
  options: { range?: RangeColumn } = {},
): AnalysisDefinition<Spec> {
  return { validateSpec, run: async (spec, ctx) => ({ rows: await ctx.query(builder(spec)) }), ...options };
}

/** A definition, with its spec type inferred from its validator. */
export function defineAnalysis<Spec>(definition: AnalysisDefinition<Spec>): AnalysisDefinition<Spec> {
  return definition;
}
