import { describe, expect, it } from 'vitest';
import { channelColumnOf, reachColumns } from '../../../../src/analyses/segments/reach-export';
import {
  missingReference,
  ruleReferences,
  validateRule,
  type EventRule,
  type SegmentRule,
} from '../../../../src/analyses/segment-rule';

const seen: SegmentRule = { kind: 'seen', which: 'last', op: 'within', date: null, days: 7 };

describe('segment rules as they arrive from the builder, storage or a manifest (issue 9)', () => {
  it('accepts a valid tree and names what it refers to', () => {
    const rule: SegmentRule = {
      kind: 'group',
      op: 'or',
      rules: [
        seen,
        { kind: 'attribute', column: '城市', op: 'in', values: ['上海'], min: null, max: null },
        {
          kind: 'sequence',
          first: 'open',
          then: 'buy',
          withinDays: 2,
          window: { kind: 'between', from: '2024-01-01', to: '2024-01-31' },
        },
      ],
    };
    expect(validateRule(rule)).toEqual({ ok: true, value: rule });
    expect(ruleReferences(rule)).toEqual({ columns: ['城市'], events: ['open', 'buy'], eventColumns: [] });
  });

  it.each([
    [{ kind: 'attribute', column: 'c', op: 'range', values: [], min: null, max: null }, 'spec.invalid', 'rule.min'],
    [{ kind: 'attribute', column: 'c', op: 'equals', values: [], min: null, max: null }, 'spec.invalid', 'rule.values'],
    [{ kind: 'seen', which: 'first', op: 'before', date: null, days: null }, 'spec.invalid', 'rule.date'],
    [
      { kind: 'amount', aggregate: 'sum', op: '>=', value: 1, window: { kind: 'between', from: '2024-02-01', to: '2024-01-01' } },
      'spec.invalid',
      'rule.window.to',
    ],
    [{ kind: 'amount', aggregate: 'sum', op: '; DROP', value: 1, window: { kind: 'all' } }, 'spec.invalid', 'rule.op'],
    [
      {
        kind: 'event',
        event: 'x\0y',
        did: true,
        count: 'at-least',
        n: 1,
        measure: 'times',
        window: { kind: 'all' },
        universe: 'all',
      },
      'spec.invalid',
      'rule.event',
    ],
    [{ kind: '__proto__' }, 'spec.invalid', 'rule.kind'],
  ])('refuses %j', (rule, code, field) => {
    const checked = validateRule(rule);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problem.code).toBe(code);
    expect(!checked.ok && checked.problem.vars?.field).toBe(field);
  });

  it('refuses rules nested too deep or too large', () => {
    let deep: SegmentRule = seen;
    for (let i = 0; i < 8; i++) deep = { kind: 'group', op: 'and', rules: [deep] };
    expect(validateRule(deep)).toEqual({ ok: false, problem: { code: 'segment.tooDeep', vars: { max: 6 } } });
    const wide = { kind: 'group', op: 'and', rules: Array.from({ length: 120 }, () => seen) };
    expect(validateRule(wide)).toEqual({ ok: false, problem: { code: 'segment.tooLarge', vars: { max: 100 } } });
  });
});

describe('event property filters in a rule (issue 9)', () => {
  const purchase: EventRule = {
    kind: 'event',
    event: 'purchase',
    did: true,
    count: 'at-least',
    n: 2,
    measure: 'times',
    window: { kind: 'all' },
    universe: 'all',
  };
  const withFilters: EventRule = {
    ...purchase,
    filters: [
      { column: 'Country', op: 'equals', values: ['France'], min: null, max: null },
      { column: 'pla"tform', op: 'in', values: ["O'Brien", '<script>', '上海'], min: null, max: null },
      { column: 'Quantity', op: 'range', values: [], min: null, max: 12 },
      { column: 'Country', op: 'not-empty', values: [], min: null, max: null },
    ],
  };

  it('accepts filters and names the events file columns they test, once each', () => {
    expect(validateRule(withFilters)).toEqual({ ok: true, value: withFilters });
    expect(ruleReferences({ kind: 'group', op: 'and', rules: [withFilters] })).toEqual({
      columns: [],
      events: ['purchase'],
      eventColumns: ['Country', 'pla"tform', 'Quantity'],
    });
  });

  it('keeps a rule saved before filters existed exactly as it was', () => {
    const checked = validateRule(purchase);
    expect(checked).toEqual({ ok: true, value: purchase });
    expect(checked.ok && 'filters' in checked.value).toBe(false);
  });

  it('drops fields a filter does not have', () => {
    const extra = { ...purchase, filters: [{ column: 'c', op: 'empty', values: [], min: null, max: null, sql: 'DROP' }] };
    expect(validateRule(extra)).toEqual({
      ok: true,
      value: { ...purchase, filters: [{ column: 'c', op: 'empty', values: [], min: null, max: null }] },
    });
  });

  it.each([
    [{ column: 'c', op: 'equals', values: [], min: null, max: null }, 'rule.filters[0].values'],
    [{ column: 'c', op: 'in', values: [], min: null, max: null }, 'rule.filters[0].values'],
    [{ column: 'c', op: 'range', values: [], min: null, max: null }, 'rule.filters[0].min'],
    [{ column: 'c', op: 'LIKE', values: ['%'], min: null, max: null }, 'rule.filters[0].op'],
    [{ column: 'c\0', op: 'empty', values: [], min: null, max: null }, 'rule.filters[0].column'],
    [{ column: 'c', op: 'range', values: [], min: 'NaN', max: null }, 'rule.filters[0].min'],
  ])('refuses the filter %j', (f, field) => {
    const checked = validateRule({ ...purchase, filters: [f] });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problem).toEqual({ code: 'spec.invalid', vars: expect.objectContaining({ field }) });
  });

  it('refuses filters that are not a list, or too many', () => {
    const notList = validateRule({ ...purchase, filters: { column: 'c' } });
    expect(!notList.ok && notList.problem.vars?.field).toBe('rule.filters');
    const many = Array.from({ length: 21 }, () => ({ column: 'c', op: 'empty', values: [], min: null, max: null }));
    const tooMany = validateRule({ ...purchase, filters: many });
    expect(!tooMany.ok && tooMany.problem.vars?.field).toBe('rule.filters');
  });

  it('names what a re-import removed: a users column, an event, then an events file column', () => {
    const data = { columns: ['city'], events: ['purchase'], eventColumns: ['Country', 'pla"tform', 'Quantity'] };
    expect(missingReference(withFilters, data)).toBeNull();
    expect(missingReference(withFilters, { ...data, eventColumns: ['Country'] })).toEqual({
      kind: 'eventColumn',
      name: 'pla"tform',
    });
    expect(missingReference(withFilters, { ...data, events: [] })).toEqual({ kind: 'event', name: 'purchase' });
    const both: SegmentRule = {
      kind: 'group',
      op: 'and',
      rules: [withFilters, { kind: 'attribute', column: '城市', op: 'empty', values: [], min: null, max: null }],
    };
    expect(missingReference(both, { ...data, eventColumns: [] })).toEqual({ kind: 'column', name: '城市' });
  });
});

describe('reach lists per channel', () => {
  const columns = ['user_id', '城市', '手机号', 'email_address', 'device_token'];
  it('finds the column a channel needs by its English or Chinese name', () => {
    expect(channelColumnOf('sms', columns)).toBe('手机号');
    expect(channelColumnOf('email', columns)).toBe('email_address');
    expect(channelColumnOf('push', columns)).toBe('device_token');
    expect(reachColumns('ids', columns)).toEqual([]);
  });
  it('offers no channel whose column is missing', () => {
    expect(reachColumns('sms', ['user_id', 'city'])).toBeNull();
    expect(channelColumnOf('sms', ['telegram_handle'])).toBeNull();
  });
});
