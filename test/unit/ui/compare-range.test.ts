import { describe, expect, it } from 'vitest';
import { kpiChange } from '../../../src/analyses/overview/kpi-change';
import { comparisonRange } from '../../../src/ui/workspace/date-range';

describe('环比 / 同比 ranges', () => {
  it('the previous period has the same length and ends the day before the range', () => {
    expect(comparisonRange('2026-10-02', '2026-10-31', 'previous')).toEqual({
      from: '2026-09-02',
      to: '2026-10-01',
      offsetDays: 30,
    });
    expect(comparisonRange('2026-03-01', '2026-03-01', 'previous')).toEqual({
      from: '2026-02-28',
      to: '2026-02-28',
      offsetDays: 1,
    });
  });

  it('a year back keeps month and day; 29 February becomes the 28th', () => {
    expect(comparisonRange('2026-10-02', '2026-10-31', 'year')).toEqual({
      from: '2025-10-02',
      to: '2025-10-31',
      offsetDays: 365,
    });
    expect(comparisonRange('2024-02-01', '2024-02-29', 'year')).toEqual({
      from: '2023-02-01',
      to: '2023-02-28',
      offsetDays: 366,
    });
  });

  it('a KPI change is the difference and its share of then; no ratio against zero', () => {
    expect(kpiChange(110, 100)).toEqual({ delta: 10, ratio: 0.1 });
    expect(kpiChange(5, 0)).toEqual({ delta: 5, ratio: null });
    expect(kpiChange(null, 3)).toBeNull();
  });
});
