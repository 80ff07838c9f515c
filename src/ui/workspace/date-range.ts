import { isoDayOf } from '../../schema/iso-day';

/** Date ranges as the URL holds them: `from` and `to`, inclusive local days (YYYY-MM-DD). */
export interface DateRange {
  from: string | null;
  to: string | null;
}

export type RangePreset = 'last7' | 'last30' | 'last90' | 'thisMonth' | 'lastMonth' | 'all';
export const rangePresets: readonly RangePreset[] = ['last7', 'last30', 'last90', 'thisMonth', 'lastMonth', 'all'];

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 86_400_000;

/** The range in a page's URL parameters; a malformed day is ignored (the request never sees it). */
export function rangeOf(params: Record<string, string>): DateRange {
  const pick = (v: string | undefined) => (v && isoDay.test(v) && !Number.isNaN(Date.parse(v)) ? v : null);
  return { from: pick(params.from), to: pick(params.to) };
}

/** A preset's days, relative to the data's last day (epoch ms of a local day). */
export function presetRange(preset: RangePreset, lastDay: number): DateRange {
  const last = isoDayOf(lastDay);
  switch (preset) {
    case 'last7':
      return { from: isoDayOf(lastDay - 6 * dayMs), to: last };
    case 'last30':
      return { from: isoDayOf(lastDay - 29 * dayMs), to: last };
    case 'last90':
      return { from: isoDayOf(lastDay - 89 * dayMs), to: last };
    case 'thisMonth':
      return { from: `${last.slice(0, 7)}-01`, to: last };
    case 'lastMonth': {
      const firstOfThis = Date.parse(`${last.slice(0, 7)}-01T00:00:00Z`);
      const lastOfPrevious = firstOfThis - dayMs;
      return { from: `${isoDayOf(lastOfPrevious).slice(0, 7)}-01`, to: isoDayOf(lastOfPrevious) };
    }
    case 'all':
      return { from: null, to: null };
  }
}

/** The preset a range is, if any (so the picker shows it). */
export function presetOf(range: DateRange, lastDay: number | null): RangePreset | null {
  if (range.from === null && range.to === null) return 'all';
  if (lastDay === null) return null;
  return (
    rangePresets.find((p) => {
      const r = presetRange(p, lastDay);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}

/** 环比 / 同比: the period just before the range, or the same days a year earlier. */
export type CompareMode = 'previous' | 'year';

export function compareOf(params: Record<string, string>): CompareMode | null {
  return params.compare === 'previous' || params.compare === 'year' ? params.compare : null;
}

/**
 * The comparison range of a complete range, and how far back it lies in days (to align it
 * with the range on a chart). A year back keeps the month and day (29 February: the 28th).
 */
export function comparisonRange(from: string, to: string, mode: CompareMode): { from: string; to: string; offsetDays: number } {
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  const toMs = Date.parse(`${to}T00:00:00Z`);
  if (mode === 'previous') {
    const length = Math.round((toMs - fromMs) / dayMs) + 1;
    return { from: isoDayOf(fromMs - length * dayMs), to: isoDayOf(toMs - length * dayMs), offsetDays: length };
  }
  const yearBack = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    const lastOfMonth = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
    return isoDayOf(Date.UTC(y - 1, m - 1, Math.min(d, lastOfMonth)));
  };
  const back = { from: yearBack(from), to: yearBack(to) };
  return { ...back, offsetDays: Math.round((toMs - Date.parse(`${back.to}T00:00:00Z`)) / dayMs) };
}
