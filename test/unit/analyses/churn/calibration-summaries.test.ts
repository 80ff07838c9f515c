import { describe, expect, it } from 'vitest';
import type { RunContext } from '../../../../src/analyses/contract';
import { calibrationSummaries } from '../../../../src/analyses/churn/bgnbd-steps';
import type { Row } from '../../../../src/schema/row';

/** A run context whose one query returns `rows`, as the per-customer summary query would. */
function contextReturning(rows: Row[]): RunContext {
  return { query: async () => rows, progress: () => {}, yield: async () => {} };
}

describe('calibrationSummaries', () => {
  it('groups customers by (x, t_x, T) in the unit, with counts and holdout occasions, and keeps who has which', async () => {
    const rows: Row[] = [
      { user_id: '1', x: 2, t_x_days: 14, T_days: 21, holdout_x: 1 },
      { user_id: '2', x: 0, t_x_days: 0, T_days: 21, holdout_x: 0 },
      { user_id: '3', x: 2, t_x_days: 14, T_days: 21, holdout_x: 3 },
      { user_id: '4', x: 2, t_x_days: 7, T_days: 21, holdout_x: 0 },
      { user_id: null, x: 0, t_x_days: 0, T_days: 21, holdout_x: 2 },
      // Beyond 2^17 days the key is a string: still grouped exactly.
      { user_id: '6', x: 1, t_x_days: 200_000, T_days: 200_001, holdout_x: 0 },
      { user_id: '7', x: 1, t_x_days: 200_000, T_days: 200_001, holdout_x: 5 },
    ];
    const s = await calibrationSummaries({ event: null, unit: 'week' }, '2024-01-31', contextReturning(rows));
    expect(s.triples).toEqual([
      { x: 2, tx: 2, T: 3, count: 2 },
      { x: 0, tx: 0, T: 3, count: 2 },
      { x: 2, tx: 1, T: 3, count: 1 },
      { x: 1, tx: 200_000 / 7, T: 200_001 / 7, count: 2 },
    ]);
    expect(s.holdoutX).toEqual([4, 2, 0, 5]);
    expect(s.userIds).toEqual(['1', '2', '3', '4', null, '6', '7']);
    expect([...s.tripleOf]).toEqual([0, 1, 0, 2, 1, 3, 3]);
  });

  it('keeps days as days in unit day', async () => {
    const s = await calibrationSummaries(
      { event: null, unit: 'day' },
      '2024-01-31',
      contextReturning([{ user_id: 'a', x: 3, t_x_days: 10, T_days: 30, holdout_x: 0 }]),
    );
    expect(s.triples).toEqual([{ x: 3, tx: 10, T: 30, count: 1 }]);
  });
});
