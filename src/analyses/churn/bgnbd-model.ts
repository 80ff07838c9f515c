import type { BgNbdFit, Predictions } from '../../models/bgnbd';
import type { RunContext } from '../contract';
import { purchaseFactsQuery, type BgNbdSpec } from './bgnbd-query';
import { calibrationSummaries, fitInSlices, predictInSlices, type CalibrationSummaries } from './bgnbd-steps';
import { remember } from './run-helpers';
import { isoDayOrNull } from '../../schema/iso-day';

/** The purchases' days, or why BG/NBD cannot be fitted to them up to the calibration end asked for. */
export type PurchaseWindow =
  | { ok: true; calibrationEnd: string; lastDay: string }
  | { ok: false; code: 'no-purchases' }
  | { ok: false; code: 'calibration-outside'; vars: { calibrationEnd: string; from: string; to: string } };

/** Checks there are purchases, and resolves the calibration end (null = the data's last day). */
export async function purchaseWindow(
  event: string | null,
  calibrationEnd: string | null,
  ctx: RunContext,
): Promise<PurchaseWindow> {
  const [facts] = await ctx.query(purchaseFactsQuery({ event }));
  const first = isoDayOrNull(facts?.first_purchase_day);
  const lastDay = isoDayOrNull(facts?.data_last_day);
  if (!facts || Number(facts.purchase_rows) === 0 || first === null || lastDay === null)
    return { ok: false, code: 'no-purchases' };
  const end = calibrationEnd ?? lastDay;
  if (end < first || end > lastDay) {
    return { ok: false, code: 'calibration-outside', vars: { calibrationEnd: end, from: first, to: lastDay } };
  }
  return { ok: true, calibrationEnd: end, lastDay };
}

/** The calibration summaries and the fit on them, with the time the fit took. */
export interface FittedModel {
  summaries: CalibrationSummaries;
  fit: BgNbdFit;
  fitMs: number;
}

/**
 * BG/NBD fitted to the purchases up to `calibrationEnd` (a resolved day), once per workspace,
 * scope and inputs: the BG/NBD panel, its table's pages and downloads, and the at-risk list's
 * P(alive) rule all read the same fit (issue 10), rather than each fitting again.
 */
export function fittedModel(
  spec: Pick<BgNbdSpec, 'event' | 'unit'>,
  calibrationEnd: string,
  ctx: RunContext,
): Promise<FittedModel> {
  return remember(ctx, ['bgnbd-fit', spec.event, spec.unit, calibrationEnd], async (shared) => {
    const summaries = await calibrationSummaries(spec, calibrationEnd, shared);
    const started = performance.now();
    const fit = await fitInSlices(summaries.triples, shared);
    return { summaries, fit, fitMs: performance.now() - started };
  });
}

/** P(alive) and the expected purchases over `horizon` per distinct summary of a fitted model, kept like the fit. */
export function modelPredictions(
  spec: Pick<BgNbdSpec, 'event' | 'unit' | 'horizon'>,
  calibrationEnd: string,
  model: FittedModel,
  ctx: RunContext,
): Promise<Predictions> {
  const { fit } = model;
  if (!fit.ok) throw new Error('predictions need a fit');
  return remember(ctx, ['bgnbd-predict', spec.event, spec.unit, calibrationEnd, spec.horizon], (shared) =>
    predictInSlices(fit.params, model.summaries.triples, spec.horizon, shared),
  );
}
