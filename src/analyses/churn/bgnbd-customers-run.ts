import type { Predictions } from '../../models/bgnbd';
import type { RunContext, RunOutput } from '../contract';
import { bucketIds, customerPage, customersCsv } from './bgnbd-customers';
import { fittedModel, modelPredictions, purchaseWindow, type FittedModel } from './bgnbd-model';
import type { BgNbdSpec } from './bgnbd-query';
import { fitProblem, windowProblem } from './bgnbd-run';

/** One page of the BG/NBD per-customer table. */
export interface BgNbdPageSpec extends BgNbdSpec {
  offset: number;
  limit: number;
}

/** The whole BG/NBD per-customer table, or one P(alive) bucket of it, as a file. */
export interface BgNbdExportSpec extends BgNbdSpec {
  /** A P(alive) bucket (0 = lowest, see pAliveBounds); null = every customer. */
  bucket: number | null;
  /** `csv`: the table's columns; `ids`: a JSON array of the user ids (to save as a segment). */
  format: 'csv' | 'ids';
}

/** The fit and its predictions (shared with the panel's run), or the panel's problem. */
async function predicted(
  spec: BgNbdSpec,
  ctx: RunContext,
): Promise<{ ok: true; model: FittedModel; predictions: Predictions } | { ok: false; output: RunOutput }> {
  const window = await purchaseWindow(spec.event, spec.calibrationEnd, ctx);
  if (!window.ok) return { ok: false, output: windowProblem(window) };
  const model = await fittedModel(spec, window.calibrationEnd, ctx);
  if (!model.fit.ok) return { ok: false, output: fitProblem(model.fit) };
  return { ok: true, model, predictions: await modelPredictions(spec, window.calibrationEnd, model, ctx) };
}

/**
 * Rows `offset`..`offset + limit - 1` of the BG/NBD per-customer table (user_id, x, t_x, T,
 * p_alive, expected_purchases; user id order, as the panel shows it), from the panel's fit.
 * Table `page`: the offset and the number of customers.
 */
export async function runBgNbdCustomers(spec: BgNbdPageSpec, ctx: RunContext): Promise<RunOutput> {
  const got = await predicted(spec, ctx);
  if (!got.ok) return got.output;
  const { summaries } = got.model;
  return {
    rows: customerPage(summaries, got.predictions, spec.offset, spec.limit),
    tables: { page: [{ offset: spec.offset, customers: summaries.userIds.length }] },
  };
}

/**
 * The per-customer table (or one P(alive) bucket) as a file made in the worker: a CSV of
 * 500,000 customers, or the ids of a bucket, crosses to the page as a Blob, not as rows.
 */
export async function runBgNbdExport(spec: BgNbdExportSpec, ctx: RunContext): Promise<RunOutput> {
  const got = await predicted(spec, ctx);
  if (!got.ok) return got.output;
  const { summaries } = got.model;
  if (spec.format === 'ids') {
    const ids = bucketIds(summaries, got.predictions.pAlive, spec.bucket);
    return { rows: [], file: new Blob([JSON.stringify(ids)], { type: 'application/json' }) };
  }
  const parts = await customersCsv(summaries, got.predictions, spec.bucket, () => ctx.yield());
  // A BOM so that Excel in a Chinese locale opens UTF-8 CSV correctly (as downloadText does).
  return { rows: [], file: new Blob(['\ufeff', ...parts], { type: 'text/csv;charset=utf-8' }) };
}
