import { describe, expect, it } from 'vitest';
import { averageRetention } from '../../../src/analyses/retention-average';

const rows = [
  { cohort: 1, cohort_size: 100, period_n: 0, retained: 100, complete: true },
  { cohort: 1, cohort_size: 100, period_n: 1, retained: 40, complete: true },
  { cohort: 2, cohort_size: 10, period_n: 0, retained: 10, complete: true },
  { cohort: 2, cohort_size: 10, period_n: 1, retained: 8, complete: true },
  { cohort: 3, cohort_size: 50, period_n: 0, retained: 50, complete: true },
  { cohort: 3, cohort_size: 50, period_n: 1, retained: 0, complete: false },
];

describe('averageRetention', () => {
  it('weights by cohort size over complete cells', () => {
    expect(averageRetention(rows, 'weighted')).toEqual([
      { period: 0, rate: 1, cohorts: 3 },
      { period: 1, rate: 48 / 110, cohorts: 2 },
    ]);
  });
  it('or takes the plain mean of the rates', () => {
    expect(averageRetention(rows, 'simple')[1]).toEqual({ period: 1, rate: (0.4 + 0.8) / 2, cohorts: 2 });
  });
});
