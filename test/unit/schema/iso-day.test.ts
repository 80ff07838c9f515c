import { describe, expect, it } from 'vitest';
import { isoDayOf, isoDayOrNull } from '../../../src/schema/iso-day';

describe('a day of the engine (epoch ms of its UTC midnight) as YYYY-MM-DD', () => {
  it('writes the UTC calendar day, whatever the machine zone', () => {
    expect(isoDayOf(Date.UTC(2024, 1, 29))).toBe('2024-02-29');
    expect(isoDayOf(0)).toBe('1970-01-01');
    expect(isoDayOf(Date.UTC(1969, 11, 31))).toBe('1969-12-31');
  });

  it('is null for a cell that holds no day, instead of throwing on NaN or Infinity', () => {
    expect(isoDayOrNull(Date.UTC(2026, 11, 3))).toBe('2026-12-03');
    for (const v of [null, undefined, Number.NaN, Infinity, '2024-01-01', true]) expect(isoDayOrNull(v)).toBeNull();
  });
});
