import { describe, expect, it } from 'vitest';
import { integer, isoDate, list, nullable, object, oneOf, pair, specValidator, text } from '../../../src/schema/validate';

describe('validate: untrusted input to typed values or a problem naming the field', () => {
  const check = specValidator({
    grain: oneOf(['day', 'week']),
    n: integer(1, 60),
    from: nullable(isoDate),
    events: list(text(5), 2),
    range: pair(integer(0, 9), integer(0, 9)),
    cell: object({ cohort: isoDate }),
  });
  const good = { grain: 'week', n: 12, from: null, events: ['open'], range: [1, 2], cell: { cohort: '2024-02-29' } };

  it('accepts a valid spec and drops fields it does not know', () => {
    expect(check({ ...good, extra: '<script>' })).toEqual({ ok: true, value: good });
  });

  it.each([
    [{ ...good, grain: 'year' }, 'grain', 'day | week'],
    [{ ...good, n: 61 }, 'n', '1..60'],
    [{ ...good, n: 1.5 }, 'n', '1..60'],
    [{ ...good, n: '12' }, 'n', '1..60'],
    [{ ...good, from: '2023-02-29' }, 'from', 'YYYY-MM-DD'],
    [{ ...good, from: '2024-1-01' }, 'from', 'YYYY-MM-DD'],
    [{ ...good, events: ['open', 'buy', 'x'] }, 'events', 'list of at most 2'],
    [{ ...good, events: ['toolong'] }, 'events[0]', 'text'],
    [{ ...good, range: [1] }, 'range', 'pair'],
    [{ ...good, range: [1, 10] }, 'range[1]', '0..9'],
    [{ ...good, cell: { cohort: 'x' } }, 'cell.cohort', 'YYYY-MM-DD'],
    [{ ...good, cell: undefined }, 'cell', 'object'],
  ])('rejects %j at its field', (input, field, expected) => {
    expect(check(input)).toEqual({ ok: false, problem: { code: 'spec.invalid', vars: { field, expected } } });
  });

  it('rejects what is not an object at all', () => {
    for (const input of [null, undefined, 'x', 3, []]) expect(check(input).ok).toBe(false);
  });

  it('does not read inherited properties', () => {
    const sneaky = Object.create({ grain: 'day' }) as Record<string, unknown>;
    Object.assign(sneaky, { ...good });
    delete sneaky.grain;
    expect(check(sneaky)).toEqual({
      ok: false,
      problem: { code: 'spec.invalid', vars: { field: 'grain', expected: 'day | week' } },
    });
  });
});
