import { fail, ok, type Result } from '../../schema/problem';
import { isoDate } from '../../schema/validate';
import { pickParam } from '../url-params';
import type { RfmSpec, ScoreBreaks } from './rfm-query';

export type RfmView = 'classic' | 'named';

export interface RfmSettings {
  spec: RfmSpec;
  view: RfmView;
}

/**
 * The settings of a page without parameters, also used where a user's group is shown outside
 * the RFM page (the profile): t0 the day after the last purchase, F = orders (each purchase one
 * order), M = total amount, high/low against the mean, quintile scores.
 */
export const defaultRfmSpec: RfmSpec = {
  asOf: null,
  frequency: 'orders',
  orderColumn: null,
  monetary: 'total',
  split: 'mean',
  rBreaks: null,
  fBreaks: null,
  mBreaks: null,
};

/** Parses `30,60,120,240` into four strictly ascending breaks. */
export function parseBreaks(text: string): Result<ScoreBreaks> {
  const parts = text.split(/[,，\s]+/).filter(Boolean);
  const values = parts.map(Number);
  const valid = values.length === 4 && values.every((v, i) => Number.isFinite(v) && (i === 0 || v > values[i - 1]!));
  return valid ? ok(values) : fail('rfm.badBreaks', { text });
}

/**
 * The RFM spec a page URL asks for: `asOf`, `frequency`, `orderColumn`, `monetary`,
 * `split`, `rBreaks` / `fBreaks` / `mBreaks` and the table's `view`. A value that does not
 * parse is a problem (shown in words), not silently replaced.
 */
export function rfmSettingsFromParams(params: Record<string, string>): Result<RfmSettings> {
  let asOf: string | null = null;
  if (params.asOf) {
    const checked = isoDate(params.asOf, 'asOf');
    if (!checked.ok) return fail('rfm.badAsOf', { value: params.asOf });
    asOf = checked.value;
  }
  const breaks: Record<'r' | 'f' | 'm', ScoreBreaks | null> = { r: null, f: null, m: null };
  for (const measure of ['r', 'f', 'm'] as const) {
    const text = params[`${measure}Breaks`];
    if (!text) continue;
    const parsed = parseBreaks(text);
    if (!parsed.ok) return fail('rfm.badBreaks', { measure: measure.toUpperCase() });
    breaks[measure] = parsed.value;
  }
  return ok({
    spec: {
      asOf,
      frequency: pickParam(params, 'frequency', ['orders', 'days'] as const, 'orders'),
      orderColumn: params.orderColumn ? params.orderColumn : null,
      monetary: pickParam(params, 'monetary', ['total', 'mean'] as const, 'total'),
      split: pickParam(params, 'split', ['mean', 'median'] as const, 'mean'),
      rBreaks: breaks.r,
      fBreaks: breaks.f,
      mBreaks: breaks.m,
    },
    view: pickParam(params, 'view', ['classic', 'named'] as const, 'classic'),
  });
}
