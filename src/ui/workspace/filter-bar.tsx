import { useState } from 'react';
import type { AnalysisFilter } from '../../analyses/analysis-filter';
import { formatFilterParam, parseFilterParam } from '../../analyses/filter-param';
import type { ColumnPredicate } from '../../analyses/segment-rule';
import { useRoute } from '../hooks/use-route';
import { useI18n } from '../i18n/i18n';
import { filterText } from './filter-text';
import { useWorkspace } from './workspace-context';

type Op = ColumnPredicate['op'];
const ops: readonly Op[] = ['equals', 'in', 'contains', 'range', 'empty', 'not-empty'];

interface Draft {
  /** Index into the columns offered. */
  column: number;
  op: Op;
  text: string;
  min: string;
  max: string;
}

/** The draft as a filter, or null while a value it needs is missing. */
function draftFilter(draft: Draft, column: { on: 'event' | 'user'; name: string }): AnalysisFilter | null {
  const base = { on: column.on, column: column.name, op: draft.op, values: [] as string[], min: null, max: null };
  switch (draft.op) {
    case 'equals':
    case 'contains':
      return draft.text === '' ? null : { ...base, values: [draft.text] };
    case 'in': {
      const values = draft.text
        .split(/[,，]/)
        .map((v) => v.trim())
        .filter(Boolean);
      return values.length === 0 ? null : { ...base, values };
    }
    case 'range': {
      const bound = (s: string) => (s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));
      const min = bound(draft.min);
      const max = bound(draft.max);
      return min === null && max === null ? null : { ...base, min, max };
    }
    default:
      return base;
  }
}

/**
 * Filters of an analysis page (issue 13): on the event name or any of the events file's own
 * columns, and on any user attribute, combined with AND, in the URL as `filter=` (see
 * filter-param.ts). Every panel's request carries them (see useAnalysis).
 */
export function FilterBar() {
  const { t } = useI18n();
  const { route, setParams } = useRoute();
  const { info } = useWorkspace();
  const { filters, invalid } = parseFilterParam(route.params.filter);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [missingValue, setMissingValue] = useState(false);
  if (!info) return null;
  const columns = [
    { on: 'event' as const, name: 'event' },
    ...(info.hasAmount ? [{ on: 'event' as const, name: 'amount' }] : []),
    ...info.eventColumns.map((name) => ({ on: 'event' as const, name })),
    ...info.userAttributes.map((name) => ({ on: 'user' as const, name })),
  ];
  const setFilters = (next: readonly AnalysisFilter[]) => setParams({ filter: formatFilterParam(next) });
  const label = (c: (typeof columns)[number]) => (c.on === 'event' && c.name === 'event' ? t('filter.eventName') : c.name);
  const add = () => {
    const column = draft ? columns[draft.column] : undefined;
    const next = draft && column ? draftFilter(draft, column) : null;
    if (!next) {
      setMissingValue(true);
      return;
    }
    setFilters([...filters, next]);
    setDraft(null);
    setMissingValue(false);
  };
  return (
    <div className="filter-bar" data-testid="filter-bar">
      <span>{t('filter.label')}</span>
      {invalid !== null ? (
        <span role="alert" className="filter-invalid">
          {t('filter.invalid', { value: invalid })}{' '}
          <button type="button" onClick={() => setParams({ filter: undefined })}>
            {t('filter.clear')}
          </button>
        </span>
      ) : null}
      {filters.map((f, i) => {
        const text = filterText(f, t);
        return (
          <span key={i} className="filter-chip" data-testid="filter-chip">
            {text}{' '}
            <button
              type="button"
              className="link"
              aria-label={t('filter.remove', { filter: text })}
              onClick={() => setFilters(filters.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </span>
        );
      })}
      {draft ? (
        <span className="filter-draft" data-testid="filter-draft">
          <select
            aria-label={t('filter.column')}
            value={draft.column}
            onChange={(e) => setDraft({ ...draft, column: Number(e.target.value) })}
          >
            {(['event', 'user'] as const).map((on) => (
              <optgroup key={on} label={t(on === 'event' ? 'filter.events' : 'filter.users')}>
                {columns.map((c, i) =>
                  c.on === on ? (
                    <option key={i} value={i}>
                      {label(c)}
                    </option>
                  ) : null,
                )}
              </optgroup>
            ))}
          </select>
          <select aria-label={t('filter.op')} value={draft.op} onChange={(e) => setDraft({ ...draft, op: e.target.value as Op })}>
            {ops.map((op) => (
              <option key={op} value={op}>
                {t(`segments.op.${op === 'not-empty' ? 'notEmpty' : op}`)}
              </option>
            ))}
          </select>
          {draft.op === 'equals' || draft.op === 'contains' || draft.op === 'in' ? (
            <input
              aria-label={t(draft.op === 'in' ? 'filter.values' : 'filter.value')}
              placeholder={draft.op === 'in' ? t('filter.values') : undefined}
              value={draft.text}
              onChange={(e) => setDraft({ ...draft, text: e.target.value })}
              onKeyDown={(e) => e.key === 'Enter' && add()}
            />
          ) : null}
          {draft.op === 'range' ? (
            <>
              <input
                type="number"
                className="num"
                aria-label={t('filter.min')}
                value={draft.min}
                onChange={(e) => setDraft({ ...draft, min: e.target.value })}
              />
              –
              <input
                type="number"
                className="num"
                aria-label={t('filter.max')}
                value={draft.max}
                onChange={(e) => setDraft({ ...draft, max: e.target.value })}
              />
            </>
          ) : null}
          <button type="button" onClick={add}>
            {t('filter.apply')}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(null);
              setMissingValue(false);
            }}
          >
            {t('filter.cancel')}
          </button>
          {missingValue ? (
            <span role="alert" className="muted">
              {t('filter.needValue')}
            </span>
          ) : null}
        </span>
      ) : (
        <button type="button" onClick={() => setDraft({ column: 0, op: 'equals', text: '', min: '', max: '' })}>
          {t('filter.add')}
        </button>
      )}
    </div>
  );
}
