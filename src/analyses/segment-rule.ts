import { fail, ok, type Result } from '../schema/problem';
import { bool, finite, integer, isoDate, list, nullable, object, oneOf, text, type Check } from '../schema/validate';

/**
 * Which days a condition looks at: all data, the last K days up to the data's last day (or the
 * request's "as of" day), or two dates (inclusive, local days).
 */
export type DayWindow = { kind: 'all' } | { kind: 'last'; days: number } | { kind: 'between'; from: string; to: string };

/** A test of one column's value: the same for a user attribute and an event property. */
export interface ColumnPredicate {
  column: string;
  op: 'equals' | 'in' | 'contains' | 'range' | 'empty' | 'not-empty';
  /** equals: one value; in: several; contains: one. Compared as text. */
  values: readonly string[];
  /** range: inclusive bounds, either may be open; compared as numbers. */
  min: number | null;
  max: number | null;
}

/** A user attribute predicate on a column of the users file. */
export interface AttributeRule extends ColumnPredicate {
  kind: 'attribute';
}

/** A predicate on one of the events file's own columns (Country, platform, ...), row by row. */
export type PropertyFilter = ColumnPredicate;

/** Did (or did not) do an event, counted in times or distinct days, within a window. */
export interface EventRule {
  kind: 'event';
  /** null = any event. */
  event: string | null;
  did: boolean;
  /** For `did`: the count must be at least / at most / exactly n. */
  count: 'at-least' | 'at-most' | 'exactly';
  n: number;
  measure: 'times' | 'days';
  window: DayWindow;
  /** For "did not": among all users, or only among users active in the window. */
  universe: 'all' | 'active';
  /** Only the events whose own columns pass every filter count; absent = all (rules saved before filters). */
  filters?: readonly PropertyFilter[];
}

/** The sum or mean order amount in a window compared with a value. */
export interface AmountRule {
  kind: 'amount';
  aggregate: 'sum' | 'mean';
  op: '>=' | '<=' | '>' | '<' | '=';
  value: number;
  window: DayWindow;
}

/** First or last active day before / after a date, or within the last K days. */
export interface SeenRule {
  kind: 'seen';
  which: 'first' | 'last';
  op: 'before' | 'after' | 'within';
  /** before / after: an ISO date (exclusive). */
  date: string | null;
  /** within: the last K days. */
  days: number | null;
}

/** Did A and then B within G days (on B's day at most G days after A's), inside a window. */
export interface SequenceRule {
  kind: 'sequence';
  first: string;
  then: string;
  withinDays: number;
  window: DayWindow;
}

export interface GroupRule {
  kind: 'group';
  op: 'and' | 'or';
  rules: readonly SegmentRule[];
}

/** A behavioural segment rule (METRICS.md, "Behavioural segment rules"), as stored and sent. */
export type SegmentRule = GroupRule | AttributeRule | EventRule | AmountRule | SeenRule | SequenceRule;

const name = text(1000);
const windowCheck: Check<DayWindow> = (input, field) => {
  const kind = oneOf(['all', 'last', 'between'])((input as { kind?: unknown } | null)?.kind, `${field}.kind`);
  if (!kind.ok) return kind;
  if (kind.value === 'all') return ok({ kind: 'all' });
  if (kind.value === 'last') return object({ kind: oneOf(['last']), days: integer(1, 100_000) })(input, field);
  const between = object({ kind: oneOf(['between']), from: isoDate, to: isoDate })(input, field);
  if (between.ok && between.value.from > between.value.to)
    return fail('spec.invalid', { field: `${field}.to`, expected: '>= from' });
  return between;
};

const predicateShape = {
  column: name,
  op: oneOf(['equals', 'in', 'contains', 'range', 'empty', 'not-empty']),
  values: list(text(10_000), 10_000),
  min: nullable(finite),
  max: nullable(finite),
};

/** What a predicate's fields must add up to: equals needs one value, a range a bound, ... */
function predicateComplete<P extends ColumnPredicate>(p: P, field: string): Result<P> {
  if ((p.op === 'equals' || p.op === 'contains') && p.values.length !== 1) {
    return fail('spec.invalid', { field: `${field}.values`, expected: 'one value' });
  }
  if (p.op === 'in' && p.values.length === 0) return fail('spec.invalid', { field: `${field}.values`, expected: 'values' });
  if (p.op === 'range' && p.min === null && p.max === null) {
    return fail('spec.invalid', { field: `${field}.min`, expected: 'a bound' });
  }
  return ok(p);
}

const maxFilters = 20;
/** A complete column predicate (an event property filter, an analysis filter). */
export const columnPredicate: Check<ColumnPredicate> = (input, field) => {
  const checked = object(predicateShape)(input, field);
  return checked.ok ? predicateComplete(checked.value, field) : checked;
};

const eventFields = object({
  kind: oneOf(['event']),
  event: nullable(name),
  did: bool,
  count: oneOf(['at-least', 'at-most', 'exactly']),
  n: integer(0, 1_000_000_000),
  measure: oneOf(['times', 'days']),
  window: windowCheck,
  universe: oneOf(['all', 'active']),
});

/** An event rule; `filters` may be absent (rules saved before there were filters stay as they were). */
const eventCheck: Check<EventRule> = (input, field) => {
  const base = eventFields(input, field);
  if (!base.ok) return base;
  const raw = (input as { filters?: unknown }).filters;
  if (raw === undefined) return base;
  const filters = list(columnPredicate, maxFilters)(raw, `${field}.filters`);
  return filters.ok ? ok({ ...base.value, filters: filters.value }) : filters;
};

const leafChecks = {
  attribute: object({ kind: oneOf(['attribute']), ...predicateShape }),
  event: eventCheck,
  amount: object({
    kind: oneOf(['amount']),
    aggregate: oneOf(['sum', 'mean']),
    op: oneOf(['>=', '<=', '>', '<', '=']),
    value: finite,
    window: windowCheck,
  }),
  seen: object({
    kind: oneOf(['seen']),
    which: oneOf(['first', 'last']),
    op: oneOf(['before', 'after', 'within']),
    date: nullable(isoDate),
    days: nullable(integer(1, 100_000)),
  }),
  sequence: object({
    kind: oneOf(['sequence']),
    first: name,
    then: name,
    withinDays: integer(0, 100_000),
    window: windowCheck,
  }),
} satisfies Record<Exclude<SegmentRule['kind'], 'group'>, Check<unknown>>;

const maxDepth = 6;
const maxConditions = 100;

/** Checks a rule from anywhere (the builder, storage, a manifest); never throws. */
export function validateRule(input: unknown): Result<SegmentRule> {
  let conditions = 0;
  const check = (value: unknown, field: string, depth: number): Result<SegmentRule> => {
    if (++conditions > maxConditions) return fail('segment.tooLarge', { max: maxConditions });
    const kind = (value as { kind?: unknown } | null)?.kind;
    if (kind === 'group') {
      if (depth >= maxDepth) return fail('segment.tooDeep', { max: maxDepth });
      const op = oneOf(['and', 'or'])((value as { op?: unknown }).op, `${field}.op`);
      if (!op.ok) return op;
      const rules = (value as { rules?: unknown }).rules;
      if (!Array.isArray(rules)) return fail('spec.invalid', { field: `${field}.rules`, expected: 'list' });
      const out: SegmentRule[] = [];
      for (const [i, r] of rules.entries()) {
        const checked = check(r, `${field}.rules[${i}]`, depth + 1);
        if (!checked.ok) return checked;
        out.push(checked.value);
      }
      return ok({ kind: 'group', op: op.value, rules: out });
    }
    if (typeof kind !== 'string' || !Object.hasOwn(leafChecks, kind)) {
      return fail('spec.invalid', { field: `${field}.kind`, expected: ['group', ...Object.keys(leafChecks)].join(' | ') });
    }
    const leaf = leafChecks[kind as keyof typeof leafChecks](value, field) as Result<SegmentRule>;
    if (!leaf.ok) return leaf;
    return leafComplete(leaf.value, field);
  };
  return check(input, 'rule', 0);
}

/** What a leaf's own fields must add up to (a range needs a bound, "before" needs a date, ...). */
function leafComplete(rule: SegmentRule, field: string): Result<SegmentRule> {
  if (rule.kind === 'attribute') return predicateComplete(rule, field);
  if (rule.kind === 'seen') {
    if (rule.op === 'within' && rule.days === null) return fail('spec.invalid', { field: `${field}.days`, expected: 'days' });
    if (rule.op !== 'within' && rule.date === null)
      return fail('spec.invalid', { field: `${field}.date`, expected: 'YYYY-MM-DD' });
  }
  return ok(rule);
}

/** What a rule names in the data: users file columns, event names, events file columns. */
export interface RuleReferences {
  columns: string[];
  events: string[];
  eventColumns: string[];
}

/** The columns and events a rule names: a re-import that drops one makes the segment invalid. */
export function ruleReferences(rule: SegmentRule): RuleReferences {
  const columns = new Set<string>();
  const events = new Set<string>();
  const eventColumns = new Set<string>();
  const walk = (r: SegmentRule) => {
    switch (r.kind) {
      case 'group':
        r.rules.forEach(walk);
        break;
      case 'attribute':
        columns.add(r.column);
        break;
      case 'event':
        if (r.event !== null) events.add(r.event);
        for (const f of r.filters ?? []) eventColumns.add(f.column);
        break;
      case 'sequence':
        events.add(r.first);
        events.add(r.then);
        break;
      case 'amount':
      case 'seen':
        break;
      default: {
        const never: never = r;
        throw new Error(`unknown rule ${JSON.stringify(never)}`);
      }
    }
  };
  walk(rule);
  return { columns: [...columns], events: [...events], eventColumns: [...eventColumns] };
}

/** The first thing a rule names that the loaded data lacks, or null when it can be counted. */
export function missingReference(
  rule: SegmentRule,
  /** events: null when the workspace does not list them all (see allEventNames). */
  data: { columns: readonly string[]; events: readonly string[] | null; eventColumns: readonly string[] },
): { kind: 'column' | 'event' | 'eventColumn'; name: string } | null {
  const refs = ruleReferences(rule);
  const column = refs.columns.find((c) => !data.columns.includes(c));
  if (column !== undefined) return { kind: 'column', name: column };
  const known = data.events;
  const event = known === null ? undefined : refs.events.find((e) => !known.includes(e));
  if (event !== undefined) return { kind: 'event', name: event };
  const eventColumn = refs.eventColumns.find((c) => !data.eventColumns.includes(c));
  if (eventColumn !== undefined) return { kind: 'eventColumn', name: eventColumn };
  return null;
}

/** Whose data counts: a segment's members, given by its rule (re-evaluated) or frozen ids. */
export type SegmentScope = { rule: SegmentRule } | { ids: readonly string[] };

const frozenIds = list(text(10_000), 5_000_000);

/** Checks a segment as it arrives in a request or a spec: a rule, or a list of ids. */
export function validateSegmentScope(input: unknown, field = 'segment'): Result<SegmentScope> {
  if (typeof input !== 'object' || input === null) return fail('spec.invalid', { field, expected: 'rule | ids' });
  if ('ids' in input) {
    const ids = frozenIds(input.ids, `${field}.ids`);
    return ids.ok ? ok({ ids: ids.value }) : ids;
  }
  const rule = validateRule((input as { rule?: unknown }).rule);
  return rule.ok ? ok({ rule: rule.value }) : rule;
}
