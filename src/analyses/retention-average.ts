import type { Row } from '../schema/row';

export type AverageKind = 'weighted' | 'simple';

export interface AveragePoint {
  period: number;
  rate: number;
  cohorts: number;
}

/**
 * The mean retention per measured period over complete cells only (METRICS.md): weighted =
 * sum retained / sum cohort sizes; simple = mean of the cohorts' rates. Periods with no
 * complete cell have no point.
 */
export function averageRetention(rows: readonly Row[], kind: AverageKind): AveragePoint[] {
  const acc = new Map<number, { retained: number; size: number; rates: number; cohorts: number }>();
  for (const r of rows) {
    if (r.complete !== true || Number(r.cohort_size) === 0) continue;
    const period = Number(r.period_n);
    const a = acc.get(period) ?? { retained: 0, size: 0, rates: 0, cohorts: 0 };
    a.retained += Number(r.retained);
    a.size += Number(r.cohort_size);
    a.rates += Number(r.retained) / Number(r.cohort_size);
    a.cohorts += 1;
    acc.set(period, a);
  }
  return [...acc.entries()]
    .sort(([a], [b]) => a - b)
    .map(([period, a]) => ({
      period,
      rate: kind === 'weighted' ? a.retained / a.size : a.rates / a.cohorts,
      cohorts: a.cohorts,
    }));
}
