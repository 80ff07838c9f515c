import { describe, expect, it } from 'vitest';
import { pAliveBucketOf } from '../../../../src/analyses/churn/p-alive-buckets';

describe('P(alive) buckets of the BG/NBD customer list', () => {
  it('puts each P(alive) in [from, to), 1 in the last bucket, and a missing value in none', () => {
    const cases: [unknown, number][] = [
      [0, 0],
      [0.2499, 0],
      [0.25, 1],
      [0.5, 2],
      [0.7499, 2],
      [0.75, 3],
      [1, 3],
      [null, -1],
      [Number.NaN, -1],
    ];
    expect(cases.map(([p]) => pAliveBucketOf(p))).toEqual(cases.map(([, b]) => b));
  });
});
