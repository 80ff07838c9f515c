import type { SegmentRule } from '../segment-rule';

export type ConditionKind = Exclude<SegmentRule['kind'], 'group'>;

export const conditionKinds: readonly ConditionKind[] = ['event', 'attribute', 'amount', 'seen', 'sequence'];

/** A new condition of a kind, filled with what the data offers, ready to edit. */
export function newCondition(kind: ConditionKind, data: { events: readonly string[]; columns: readonly string[] }): SegmentRule {
  const event = data.events[0] ?? null;
  switch (kind) {
    case 'event':
      return {
        kind,
        event,
        did: true,
        count: 'at-least',
        n: 1,
        measure: 'times',
        window: { kind: 'last', days: 30 },
        universe: 'all',
      };
    case 'attribute':
      return { kind, column: data.columns[0] ?? '', op: 'equals', values: [''], min: null, max: null };
    case 'amount':
      return { kind, aggregate: 'sum', op: '>=', value: 100, window: { kind: 'last', days: 30 } };
    case 'seen':
      return { kind, which: 'last', op: 'within', date: null, days: 7 };
    case 'sequence':
      return { kind, first: event ?? '', then: data.events[1] ?? event ?? '', withinDays: 1, window: { kind: 'all' } };
    default: {
      const never: never = kind;
      throw new Error(`unknown condition ${String(never)}`);
    }
  }
}

/** The rule a new segment starts from: one condition in an AND group. */
export function newRule(data: { events: readonly string[]; columns: readonly string[] }): SegmentRule {
  return { kind: 'group', op: 'and', rules: [newCondition('event', data)] };
}
