import { describe, expect, it } from 'vitest';
import { periodStartOf, rowsInRange } from '../../../src/analyses/rows-in-range';
import { presetOf, presetRange, rangeOf } from '../../../src/ui/workspace/date-range';

const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('date range presets and URL parameters', () => {
  it('computes presets from the data’s last day', () => {
    const last = ms('2026-03-15');
    expect(presetRange('last7', last)).toEqual({ from: '2026-03-09', to: '2026-03-15' });
    expect(presetRange('last30', last)).toEqual({ from: '2026-02-14', to: '2026-03-15' });
    expect(presetRange('thisMonth', last)).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(presetRange('lastMonth', last)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('lastMonth', ms('2024-03-31'))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetRange('all', last)).toEqual({ from: null, to: null });
    expect(presetOf({ from: '2026-02-14', to: '2026-03-15' }, last)).toBe('last30');
    expect(presetOf({ from: '2026-02-13', to: '2026-03-15' }, last)).toBeNull();
  });

  it('ignores malformed days in the URL', () => {
    expect(rangeOf({ from: '2026-02-30x', to: '2026-03-01' })).toEqual({ from: null, to: '2026-03-01' });
    expect(rangeOf({ from: "2026-01-01' OR 1=1" })).toEqual({ from: null, to: null });
  });

  it('keeps the period that contains the start whole', () => {
    expect(periodStartOf('2026-03-04', 'week', 'monday')).toBe(ms('2026-03-02'));
    expect(periodStartOf('2026-03-04', 'week', 'sunday')).toBe(ms('2026-03-01'));
    expect(periodStartOf('2026-03-01', 'week', 'sunday')).toBe(ms('2026-03-01'));
    expect(periodStartOf('2026-03-04', 'month', 'monday')).toBe(ms('2026-03-01'));
    const rows = ['2026-02-23', '2026-03-02', '2026-03-09'].map((d) => ({ period: ms(d), n: 1 }));
    const range = { column: 'period', periods: true };
    expect(rowsInRange(rows, range, '2026-03-04', { grain: 'week', weekStart: 'monday' }).map((r) => r.period)).toEqual([
      ms('2026-03-02'),
      ms('2026-03-09'),
    ]);
    expect(rowsInRange(rows, { column: 'period', periods: false }, '2026-03-04', {}).map((r) => r.period)).toEqual([
      ms('2026-03-09'),
    ]);
  });
});
