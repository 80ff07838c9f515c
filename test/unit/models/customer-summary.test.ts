import { describe, expect, it } from 'vitest';
import { customerSummary } from '../../../src/models/bgnbd';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const END = day('2024-03-31');

describe('customerSummary', () => {
  const records = [
    { userId: 'a', day: day('2024-01-15') },
    { userId: 'b', day: day('2024-03-31') },
    { userId: 'a', day: day('2024-01-01') },
    { userId: 'a', day: day('2024-01-15') },
    { userId: 'c', day: day('2024-04-01') },
    { userId: 'a', day: day('2024-04-10') },
    { userId: 'a', day: day('2024-03-31') },
    { userId: 'd', day: day('2024-02-01') },
    { userId: 'a', day: day('2024-01-01') },
  ];

  it('counts repeat purchase days up to the calibration end, in days', () => {
    expect(customerSummary(records, END, 'day')).toEqual({
      ok: true,
      value: [
        { userId: 'a', x: 2, tx: 90, T: 90 },
        { userId: 'b', x: 0, tx: 0, T: 0 },
        { userId: 'd', x: 0, tx: 0, T: 59 },
      ],
    });
  });
  it('or in weeks of seven days', () => {
    const summary = customerSummary(records, END, 'week');
    expect(summary.ok && summary.value[0]).toEqual({ userId: 'a', x: 2, tx: 90 / 7, T: 90 / 7 });
  });
  it('is empty for no records', () => {
    expect(customerSummary([], END, 'week')).toEqual({ ok: true, value: [] });
  });
  it('rejects a day that is not a UTC midnight', () => {
    expect(customerSummary([...records, { userId: 'e', day: day('2024-01-01') + 3_600_000 }], END, 'day')).toEqual({
      ok: false,
      code: 'invalid-day',
      vars: { index: 9 },
    });
    expect(customerSummary([{ userId: 'e', day: NaN }], END, 'day')).toEqual({
      ok: false,
      code: 'invalid-day',
      vars: { index: 0 },
    });
    expect(customerSummary(records, NaN, 'day')).toEqual({
      ok: false,
      code: 'invalid-calibration-end',
      vars: { calibrationEnd: NaN },
    });
  });
});
