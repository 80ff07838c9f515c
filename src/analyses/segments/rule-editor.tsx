import type { ReactNode } from 'react';
import { useI18n } from '../../ui/i18n/i18n';
import type { DayWindow, GroupRule, SegmentRule } from '../segment-rule';
import { conditionKinds, newCondition, type ConditionKind } from './rule-defaults';

interface Data {
  events: readonly string[];
  columns: readonly string[];
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
        <>
          <Select
            label={t('segments.column')}
            value={rule.column}
            options={data.columns.map((c) => [c, c] as const)}
            onChange={(column) => onChange({ ...rule, column })}
          />
          <Select
            label={t('segments.op')}
            value={rule.op}
            options={[
              ['equals', t('segments.op.equals')],
              ['in', t('segments.op.in')],
              ['contains', t('segments.op.contains')],
              ['range', t('segments.op.range')],
              ['empty', t('segments.op.empty')],
              ['not-empty', t('segments.op.notEmpty')],
            ]}
            onChange={(op) => onChange({ ...rule, op, values: op === 'in' ? rule.values : [rule.values[0] ?? ''] })}
          />
          {rule.op === 'equals' || rule.op === 'contains' ? (
            <input
              aria-label={t('segments.value')}
              value={rule.values[0] ?? ''}
              onChange={(e) => onChange({ ...rule, values: [e.target.value] })}
            />
          ) : null}
          {rule.op === 'in' ? (
            <input
              aria-label={t('segments.values')}
              placeholder={t('segments.valuesHint')}
              defaultValue={rule.values.join(', ')}
              onBlur={(e) =>
                onChange({
                  ...rule,
                  values: e.target.value
                    .split(/[,，]/)
                    .map((v) => v.trim())
                    .filter(Boolean),
                })
              }
            />
          ) : null}
          {rule.op === 'range' ? (
            <>
              <input
                type="number"
                aria-label={t('segments.min')}
                className="num"
                value={rule.min ?? ''}
                onChange={(e) =>
                  onChange({ ...rule, min: Number.isFinite(e.target.valueAsNumber) ? e.target.valueAsNumber : null })
                }
              />
              –
              <input
                type="number"
                aria-label={t('segments.max')}
                className="num"
                value={rule.max ?? ''}
                onChange={(e) =>
                  onChange({ ...rule, max: Number.isFinite(e.target.valueAsNumber) ? e.target.valueAsNumber : null })
                }
              />
            </>
          ) : null}
        </>
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
