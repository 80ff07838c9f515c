import { describe, expect, it } from 'vitest';
import { channelColumnOf, reachColumns } from '../../../../src/analyses/segments/reach-export';
import { ruleReferences, validateRule, type SegmentRule } from '../../../../src/analyses/segment-rule';

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
    expect(ruleReferences(rule)).toEqual({ columns: ['城市'], events: ['open', 'buy'] });
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
