import { describe, expect, it } from 'vitest';
import { offsetSecondsAt, offsetSpans, toLocalTime, fromLocalTime } from '../../../src/schema/time-zone';
import { sql } from '../../../src/sql';

describe('time zone offsets from Intl', () => {
  it('knows fixed and DST zones', () => {
    expect(offsetSecondsAt('Asia/Shanghai', Date.UTC(2024, 0, 1))).toBe(8 * 3600);
    expect(offsetSecondsAt('America/New_York', Date.UTC(2024, 0, 15))).toBe(-5 * 3600);
    expect(offsetSecondsAt('America/New_York', Date.UTC(2024, 6, 15))).toBe(-4 * 3600);
  });

  it('finds the 2024 New York transitions to the second', () => {
    const spans = offsetSpans('America/New_York', Date.UTC(2024, 0, 1), Date.UTC(2024, 11, 31));
    expect(spans).toEqual([
      { fromMs: null, offsetSeconds: -18000 },
      { fromMs: Date.UTC(2024, 2, 10, 7), offsetSeconds: -14400 },
      { fromMs: Date.UTC(2024, 10, 3, 6), offsetSeconds: -18000 },
    ]);
  });

  it('has a single span for a zone without DST', () => {
    expect(offsetSpans('Asia/Shanghai', Date.UTC(2020, 0, 1), Date.UTC(2025, 0, 1))).toEqual([
      { fromMs: null, offsetSeconds: 28800 },
    ]);
  });

  it('writes the local-time SQL as a CASE over the transitions', () => {
    const spans = offsetSpans('America/New_York', Date.UTC(2024, 0, 1), Date.UTC(2024, 11, 31));
    expect(toLocalTime(sql`ts`, spans).text).toBe(
      "(ts + to_seconds(CASE WHEN ts < TIMESTAMP '2024-03-10 07:00:00.000' THEN -18000 WHEN ts < TIMESTAMP '2024-11-03 06:00:00.000' THEN -14400 ELSE -18000 END))",
    );
    expect(fromLocalTime(sql`t`, spans).text).toBe(
      "(t - to_seconds(CASE WHEN t < TIMESTAMP '2024-03-10 02:00:00.000' THEN -18000 WHEN t < TIMESTAMP '2024-11-03 02:00:00.000' THEN -14400 ELSE -18000 END))",
    );
    expect(toLocalTime(sql`ts`, [{ fromMs: null, offsetSeconds: 28800 }]).text).toBe('(ts + to_seconds(28800))');
  });
});
