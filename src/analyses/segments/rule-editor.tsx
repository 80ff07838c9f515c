import type { ReactNode } from 'react';
import { useI18n } from '../../ui/i18n/i18n';
import type { ColumnPredicate, DayWindow, EventRule, GroupRule, PropertyFilter, SegmentRule } from '../segment-rule';
import { conditionKinds, newCondition, type ConditionKind } from './rule-defaults';

interface Data {
  events: readonly string[];
  columns: readonly string[];
  /** The events file's own columns, for property filters. */
  eventColumns: readonly string[];
}

interface EditorProps<R extends SegmentRule> {
  rule: R;
  data: Data;
  onChange: (rule: SegmentRule) => void;
}

/** A select whose options are values with their labels; values from the data are shown as they are. */
function Select<T extends string>(props: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (v: T) => void;
}) {
  return (
    <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
      {props.options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
}

function NumberBox(props: { label: string; value: number; min?: number; onChange: (v: number) => void }) {
  return (
    <input
      type="number"
      aria-label={props.label}
      className="num"
      value={props.value}
      min={props.min}
      onChange={(e) => {
        const v = e.target.valueAsNumber;
        if (Number.isFinite(v) && (props.min === undefined || v >= props.min)) props.onChange(v);
      }}
    />
  );
}

function WindowEditor({ window, onChange }: { window: DayWindow; onChange: (w: DayWindow) => void }) {
  const { t } = useI18n();
  return (
    <>
      <Select
        label={t('segments.window')}
        value={window.kind}
        options={[
          ['all', t('segments.window.all')],
          ['last', t('segments.window.last')],
          ['between', t('segments.window.between')],
        ]}
        onChange={(kind) =>
          onChange(
            kind === 'all' ? { kind } : kind === 'last' ? { kind, days: 30 } : { kind, from: '2024-01-01', to: '2024-12-31' },
          )
        }
      />
      {window.kind === 'last' ? (
        <>
          <NumberBox
            label={t('segments.days')}
            value={window.days}
            min={1}
            onChange={(days) => onChange({ kind: 'last', days })}
          />
          {t('segments.daysUnit')}
        </>
      ) : null}
      {window.kind === 'between' ? (
        <>
          <input
            type="date"
            aria-label={t('segments.from')}
            value={window.from}
            onChange={(e) => e.target.value && onChange({ ...window, from: e.target.value })}
          />
          –
          <input
            type="date"
            aria-label={t('segments.to')}
            value={window.to}
            onChange={(e) => e.target.value && onChange({ ...window, to: e.target.value })}
          />
        </>
      ) : null}
    </>
  );
}

/** Column, test and value(s) of a predicate: a user attribute, or an event property filter. */
function PredicateFields(props: {
  predicate: ColumnPredicate;
  columns: readonly string[];
  columnLabel: string;
  onChange: (p: ColumnPredicate) => void;
}) {
  const { t } = useI18n();
  const { predicate: p, onChange } = props;
  // A column a re-import removed stays shown (the segment is marked invalid), not silently swapped.
  const columns = props.columns.includes(p.column) || p.column === '' ? props.columns : [p.column, ...props.columns];
  return (
    <>
      <Select
        label={props.columnLabel}
        value={p.column}
        options={columns.map((c) => [c, c] as const)}
        onChange={(column) => onChange({ ...p, column })}
      />
      <Select
        label={t('segments.op')}
        value={p.op}
        options={[
          ['equals', t('segments.op.equals')],
          ['in', t('segments.op.in')],
          ['contains', t('segments.op.contains')],
          ['range', t('segments.op.range')],
          ['empty', t('segments.op.empty')],
          ['not-empty', t('segments.op.notEmpty')],
        ]}
        onChange={(op) => onChange({ ...p, op, values: op === 'in' ? p.values : [p.values[0] ?? ''] })}
      />
      {p.op === 'equals' || p.op === 'contains' ? (
        <input
          aria-label={t('segments.value')}
          value={p.values[0] ?? ''}
          onChange={(e) => onChange({ ...p, values: [e.target.value] })}
        />
      ) : null}
      {p.op === 'in' ? (
        <input
          aria-label={t('segments.values')}
          placeholder={t('segments.valuesHint')}
          defaultValue={p.values.join(', ')}
          onBlur={(e) =>
            onChange({
              ...p,
              values: e.target.value
                .split(/[,，]/)
                .map((v) => v.trim())
                .filter(Boolean),
            })
          }
        />
      ) : null}
      {p.op === 'range' ? (
        <>
          <input
            type="number"
            aria-label={t('segments.min')}
            className="num"
            value={p.min ?? ''}
            onChange={(e) => onChange({ ...p, min: Number.isFinite(e.target.valueAsNumber) ? e.target.valueAsNumber : null })}
          />
          –
          <input
            type="number"
            aria-label={t('segments.max')}
            className="num"
            value={p.max ?? ''}
            onChange={(e) => onChange({ ...p, max: Number.isFinite(e.target.valueAsNumber) ? e.target.valueAsNumber : null })}
          />
        </>
      ) : null}
    </>
  );
}

/** The property filters under an event condition: each on one of the events file's own columns, all must hold. */
function PropertyFilters({ rule, data, onChange }: EditorProps<EventRule>) {
  const { t } = useI18n();
  const filters = rule.filters ?? [];
  const set = (next: readonly PropertyFilter[]) => onChange({ ...rule, filters: next });
  const first = data.eventColumns[0];
  return (
    <div className="property-filters">
      {filters.map((f, i) => (
        <div key={i} className="property-filter" data-testid="property-filter">
          {t('segments.filterWhere')}{' '}
          <PredicateFields
            predicate={f}
            columns={data.eventColumns}
            columnLabel={t('segments.filterColumn')}
            onChange={(p) => set(filters.map((g, j) => (j === i ? p : g)))}
          />{' '}
          <button
            type="button"
            className="link"
            onClick={() => set(filters.filter((_, j) => j !== i))}
            aria-label={t('segments.removeFilter')}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        disabled={first === undefined}
        title={first === undefined ? t('segments.noEventColumns') : undefined}
        onClick={() =>
          first !== undefined && set([...filters, { column: first, op: 'equals', values: [''], min: null, max: null }])
        }
      >
        {t('segments.addFilter')}
      </button>
    </div>
  );
}

function ConditionEditor({ rule, data, onChange }: EditorProps<Exclude<SegmentRule, GroupRule>>) {
  const { t } = useI18n();
  const events = data.events.map((e) => [e, e] as const);
  switch (rule.kind) {
    case 'event':
      return (
        <>
          <Select
            label={t('segments.did')}
            value={rule.did ? 'did' : 'not'}
            options={[
              ['did', t('segments.did')],
              ['not', t('segments.didNot')],
            ]}
            onChange={(v) => onChange({ ...rule, did: v === 'did' })}
          />
          <Select
            label={t('segments.event')}
            value={rule.event ?? ''}
            options={[['', t('segments.anyEvent')], ...events]}
            onChange={(e) => onChange({ ...rule, event: e || null })}
          />
          {rule.did ? (
            <>
              <Select
                label={t('segments.count')}
                value={rule.count}
                options={[
                  ['at-least', t('segments.atLeast')],
                  ['at-most', t('segments.atMost')],
                  ['exactly', t('segments.exactly')],
                ]}
                onChange={(count) => onChange({ ...rule, count })}
              />
              <NumberBox label={t('segments.n')} value={rule.n} min={0} onChange={(n) => onChange({ ...rule, n })} />
              <Select
                label={t('segments.measure')}
                value={rule.measure}
                options={[
                  ['times', t('segments.times')],
                  ['days', t('segments.distinctDays')],
                ]}
                onChange={(measure) => onChange({ ...rule, measure })}
              />
            </>
          ) : (
            <Select
              label={t('segments.universe')}
              value={rule.universe}
              options={[
                ['all', t('segments.universe.all')],
                ['active', t('segments.universe.active')],
              ]}
              onChange={(universe) => onChange({ ...rule, universe })}
            />
          )}
          <WindowEditor window={rule.window} onChange={(window) => onChange({ ...rule, window })} />
        </>
      );
    case 'attribute':
      return (
        <PredicateFields
          predicate={rule}
          columns={data.columns}
          columnLabel={t('segments.column')}
          onChange={(p) => onChange({ ...rule, ...p })}
        />
      );
    case 'amount':
      return (
        <>
          <Select
            label={t('segments.aggregate')}
            value={rule.aggregate}
            options={[
              ['sum', t('segments.sum')],
              ['mean', t('segments.mean')],
            ]}
            onChange={(aggregate) => onChange({ ...rule, aggregate })}
          />
          <Select
            label={t('segments.op')}
            value={rule.op}
            options={(['>=', '>', '=', '<', '<='] as const).map((o) => [o, o] as const)}
            onChange={(op) => onChange({ ...rule, op })}
          />
          <NumberBox label={t('segments.value')} value={rule.value} onChange={(value) => onChange({ ...rule, value })} />
          <WindowEditor window={rule.window} onChange={(window) => onChange({ ...rule, window })} />
        </>
      );
    case 'seen':
      return (
        <>
          <Select
            label={t('segments.which')}
            value={rule.which}
            options={[
              ['first', t('segments.firstSeen')],
              ['last', t('segments.lastSeen')],
            ]}
            onChange={(which) => onChange({ ...rule, which })}
          />
          <Select
            label={t('segments.op')}
            value={rule.op}
            options={[
              ['within', t('segments.within')],
              ['before', t('segments.before')],
              ['after', t('segments.after')],
            ]}
            onChange={(op) =>
              onChange({
                ...rule,
                op,
                date: op === 'within' ? null : (rule.date ?? '2024-01-01'),
                days: op === 'within' ? (rule.days ?? 7) : null,
              })
            }
          />
          {rule.op === 'within' ? (
            <>
              <NumberBox
                label={t('segments.days')}
                value={rule.days ?? 7}
                min={1}
                onChange={(days) => onChange({ ...rule, days })}
              />
              {t('segments.daysUnit')}
            </>
          ) : (
            <input
              type="date"
              aria-label={t('segments.date')}
              value={rule.date ?? ''}
              onChange={(e) => e.target.value && onChange({ ...rule, date: e.target.value })}
            />
          )}
        </>
      );
    case 'sequence':
      return (
        <>
          <Select
            label={t('segments.first')}
            value={rule.first}
            options={events}
            onChange={(first) => onChange({ ...rule, first })}
          />
          {t('segments.then')}
          <Select
            label={t('segments.thenEvent')}
            value={rule.then}
            options={events}
            onChange={(then) => onChange({ ...rule, then })}
          />
          {t('segments.withinDays')}
          <NumberBox
            label={t('segments.days')}
            value={rule.withinDays}
            min={0}
            onChange={(withinDays) => onChange({ ...rule, withinDays })}
          />
          {t('segments.daysUnit')}
          <WindowEditor window={rule.window} onChange={(window) => onChange({ ...rule, window })} />
        </>
      );
    default: {
      const never: never = rule;
      throw new Error(`unknown condition ${JSON.stringify(never)}`);
    }
  }
}

/** Edits a rule: nested AND / OR groups of conditions, each condition a row of fields. */
export function RuleEditor({ rule, data, onChange, onRemove }: EditorProps<SegmentRule> & { onRemove?: () => void }) {
  const { t } = useI18n();
  const remove: ReactNode = onRemove ? (
    <button type="button" className="link" onClick={onRemove} aria-label={t('segments.remove')}>
      ×
    </button>
  ) : null;
  if (rule.kind !== 'group') {
    return (
      <div className="condition" data-testid="condition">
        <ConditionEditor rule={rule} data={data} onChange={onChange} /> {remove}
        {rule.kind === 'event' ? <PropertyFilters rule={rule} data={data} onChange={onChange} /> : null}
      </div>
    );
  }
  const replace = (i: number, next: SegmentRule | null) =>
    onChange({
      ...rule,
      rules: next === null ? rule.rules.filter((_, j) => j !== i) : rule.rules.map((r, j) => (j === i ? next : r)),
    });
  return (
    <fieldset className="rule-group">
      <legend>
        <Select
          label={t('segments.combine')}
          value={rule.op}
          options={[
            ['and', t('segments.and')],
            ['or', t('segments.or')],
          ]}
          onChange={(op) => onChange({ ...rule, op })}
        />{' '}
        {remove}
      </legend>
      {rule.rules.map((child, i) => (
        <RuleEditor key={i} rule={child} data={data} onChange={(next) => replace(i, next)} onRemove={() => replace(i, null)} />
      ))}
      <div className="rule-add">
        <Select<ConditionKind | ''>
          label={t('segments.addCondition')}
          value=""
          options={[['', t('segments.addCondition')], ...conditionKinds.map((k) => [k, t(`segments.kind.${k}`)] as const)]}
          onChange={(kind) => kind && onChange({ ...rule, rules: [...rule.rules, newCondition(kind, data)] })}
        />
        <button
          type="button"
          onClick={() =>
            onChange({ ...rule, rules: [...rule.rules, { kind: 'group', op: rule.op === 'and' ? 'or' : 'and', rules: [] }] })
          }
        >
          {t('segments.addGroup')}
        </button>
      </div>
    </fieldset>
  );
}
