import { describe, expect, it } from 'vitest';
import { pAliveBuckets } from '../../../../src/analyses/churn/p-alive-buckets';

describe('P(alive) buckets of the BG/NBD customer list', () => {
  it('puts each customer in [from, to), P(alive) = 1 in the last bucket, and skips a missing value', () => {
    const rows = [
      { user_id: 'a', p_alive: 0 },
      { user_id: 'b', p_alive: 0.2499 },
      { user_id: 'c', p_alive: 0.25 },
      { user_id: 'd', p_alive: 0.5 },
      { user_id: 'e', p_alive: 0.7499 },
      { user_id: 'f', p_alive: 0.75 },
      { user_id: 'g', p_alive: 1 },
      { user_id: 'h', p_alive: null },
    ];
    expect(pAliveBuckets(rows).map((b) => [b.from, b.to, b.customers, b.ids()])).toEqual([
      [0, 0.25, 2, ['a', 'b']],
      [0.25, 0.5, 1, ['c']],
      [0.5, 0.75, 2, ['d', 'e']],
      [0.75, 1, 2, ['f', 'g']],
    ]);
  });
});
