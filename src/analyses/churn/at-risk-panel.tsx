import { memo, useMemo, useState } from 'react';
import type { Row } from '../../schema/row';
import { downloadText, toCsv } from '../../ui/components/csv';
import { SaveAsSegment } from '../../ui/workspace/save-as-segment';
import { Pager } from '../../ui/components/pager';
import { Panel } from '../../ui/components/panel';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { useI18n, type I18n } from '../../ui/i18n/i18n';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { MIN_EARLIER_EVENTS } from './inactivity-query';
import { CommitInput, isoOf, problemText, useFormats, type ChurnPanelProps, type Formats } from './churn-ui';

// A page of the list at a time: 200 rows of seven cells took 33-61 ms to lay out in one task.
const pageSize = 50;
const pAliveChoices = ['0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7'];
const sortButtonStyle = { background: 'none', border: 'none', padding: 0, font: 'inherit', fontWeight: 600, cursor: 'pointer' };
const numberCell = { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } as const;

type SortKey = 'user_id' | 'last_active' | 'days_since' | 'median_gap' | 'recent_events' | 'p_alive';

/** The rules in force, as the reasons put them in words. */
interface Rules {
  alpha: number;
  pAlive: number | null;
  window: number;
  /** What was counted, in words: events, or one core event's. */
  events: string;
}

/** The reasons a user is flagged, in words. */
function reasonText(row: Row, rules: Rules, t: I18n['t'], f: Formats, separator: string): string {
  const { alpha, pAlive, window, events } = rules;
  const parts: string[] = [];
  const reasons = String(row.reasons ?? '').split('+');
  if (reasons.includes('overdue')) {
    parts.push(
      t('churn.risk.overdue', {
        days: f.whole(Number(row.days_since)),
        gap: f.upTo(1)(Number(row.median_gap)),
        ratio: f.upTo(1)(Number(row.overdue_ratio)),
        alpha: f.upTo(2)(alpha),
      }),
    );
  }
  if (reasons.includes('fell')) {
    const earlier = Number(row.earlier_events);
    const recent = Number(row.recent_events);
    parts.push(
      t('churn.risk.fell', {
        events,
        k: f.whole(window),
        drop: f.whole(Math.round((100 * (earlier - recent)) / earlier)),
        earlier: f.whole(earlier),
        recent: f.whole(recent),
      }),
    );
  }
  if (reasons.includes('p_alive') && pAlive !== null) {
    // As many digits as the P(alive) column: 0.498 below 0.5 must not read "0.5 below 0.5".
    parts.push(t('churn.risk.lowPAlive', { p: f.upTo(3)(Number(row.p_alive)), threshold: f.upTo(2)(pAlive) }));
  }
  return parts.join(separator);
}

function compare(a: Row, b: Row, key: SortKey): number {
  const x = a[key] ?? null;
  const y = b[key] ?? null;
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y), undefined, { numeric: true });
}

/** The flagged users: sortable by any column, a page at a time, each with its reasons, downloadable with them. */
interface AtRiskListProps {
  rows: readonly Row[];
  note: string | null;
  asOf: string;
  rules: Rules;
}

// The list runs to thousands of rows and its page renders on every setting of any panel: it
// renders again only for a new result or other rules (rebuilt, equal, on every render).
const sameList = (a: AtRiskListProps, b: AtRiskListProps) =>
  a.rows === b.rows &&
  a.note === b.note &&
  a.asOf === b.asOf &&
  (Object.keys(a.rules) as (keyof Rules)[]).every((k) => a.rules[k] === b.rules[k]);

export const AtRiskList = memo(function AtRiskList({ rows, note, asOf, rules }: AtRiskListProps) {
  const { pAlive } = rules;
  const { t, locale, formatDay } = useI18n();
  const f = useFormats();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean } | null>(null);
  const [offset, setOffset] = useState(0);
  const [shownList, setShownList] = useState(rows);
  if (shownList !== rows) {
    // A new list starts at its first page.
    setShownList(rows);
    setOffset(0);
  }
  // In words only for the rows shown, and for the CSV when it is asked for: lists run to thousands.
  const reason = (r: Row) => reasonText(r, rules, t, f, locale === 'zh' ? '；' : '; ');
  const sorted = useMemo(
    () => (sort ? [...rows].sort((a, b) => (sort.descending ? -1 : 1) * compare(a, b, sort.key)) : rows),
    [rows, sort],
  );
  const columns: { key: SortKey; label: string }[] = [
    { key: 'user_id', label: t('churn.risk.user') },
    { key: 'last_active', label: t('churn.risk.lastActive') },
    { key: 'days_since', label: t('churn.risk.daysSince') },
    { key: 'median_gap', label: t('churn.risk.medianGap') },
    { key: 'recent_events', label: t('churn.risk.events') },
    ...(pAlive !== null ? [{ key: 'p_alive' as const, label: t('churn.risk.pAliveCol') }] : []),
  ];
  const date = formatDay(Date.parse(asOf));
  const download = () => {
    const header = ['user_id', 'last_active', 'days_since', 'median_gap', 'earlier_events', 'recent_events', 'p_alive', 'reason'];
    const lines = sorted.map((r) => [
      String(r.user_id ?? ''),
      isoOf(r.last_active as number | null),
      String(r.days_since ?? ''),
      r.median_gap === null ? '' : String(r.median_gap),
      String(r.earlier_events ?? ''),
      String(r.recent_events ?? ''),
      r.p_alive === null ? '' : String(Math.round(Number(r.p_alive) * 1e4) / 1e4),
      reason(r),
    ]);
    downloadText(`at-risk-${asOf}.csv`, toCsv(header, lines));
  };
  return (
    <>
      {note ? <p className="panel-warning">{t(`churn.risk.note.${note as 'no-fit'}`)}</p> : null}
      <p data-testid="churn-risk-count">
        {rows.length === 0 ? t('churn.risk.none', { date }) : t('churn.risk.count', { date, n: f.whole(rows.length) })}
      </p>
      {rows.length > 0 ? (
        <>
          <p>
            <button type="button" onClick={download} data-testid="churn-risk-download">
              {t('churn.risk.download')}
            </button>{' '}
            <SaveAsSegment name={t('churn.risk.segmentName', { date })} ids={rows.map((r) => String(r.user_id))} />
          </p>
          {rows.length > pageSize ? (
            <Pager
              offset={offset}
              pageSize={pageSize}
              total={rows.length}
              onOffset={setOffset}
              label={t('churn.risk.pageOf', {
                from: f.whole(offset + 1),
                to: f.whole(Math.min(rows.length, offset + pageSize)),
                total: f.whole(rows.length),
              })}
              labelTestId="churn-risk-page"
              nextTestId="churn-risk-next"
            />
          ) : null}
          <div className="table-scroll">
            <table className="grid" data-testid="churn-risk-table">
              <thead>
                <tr>
                  {columns.map((c) => {
                    const on = sort?.key === c.key;
                    return (
                      <th key={c.key} scope="col" aria-sort={on ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                        <button
                          type="button"
                          style={sortButtonStyle}
                          title={t('churn.risk.sortBy', { column: c.label })}
                          onClick={() => {
                            setSort({
                              key: c.key,
                              descending: on ? !sort.descending : c.key !== 'user_id' && c.key !== 'p_alive',
                            });
                            setOffset(0);
                          }}
                        >
                          {c.label}
                          {on ? (sort.descending ? ' ▼' : ' ▲') : ''}
                        </button>
                      </th>
                    );
                  })}
                  <th scope="col">{t('churn.risk.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.slice(offset, offset + pageSize).map((r) => (
                  <tr key={String(r.user_id)}>
                    <td>
                      <a href={`#/user?id=${encodeURIComponent(String(r.user_id))}`}>{String(r.user_id)}</a>
                    </td>
                    <td>{r.last_active === null ? '' : formatDay(Number(r.last_active))}</td>
                    <td style={numberCell}>{f.whole(Number(r.days_since))}</td>
                    <td style={numberCell}>{r.median_gap === null ? '–' : f.upTo(1)(Number(r.median_gap))}</td>
                    <td style={numberCell}>
                      {f.whole(Number(r.earlier_events))} → {f.whole(Number(r.recent_events))}
                    </td>
                    {pAlive !== null ? (
                      <td style={numberCell}>{r.p_alive === null ? '–' : f.upTo(3)(Number(r.p_alive))}</td>
                    ) : null}
                    <td>{reason(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}, sameList);

/** 流失预警: users not churned yet, flagged by explainable rules, each with its reasons in words. */
export const AtRiskPanel = memo(function AtRiskPanel({
  settings,
  problems,
  setParams,
  params,
  proposedThreshold,
}: ChurnPanelProps) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const { info } = useWorkspace();
  const spec = problems.inactivity
    ? null
    : {
        coreEvents: settings.coreEvents,
        threshold: settings.threshold,
        asOf: settings.asOf,
        alpha: settings.alpha,
        pAlive: settings.pAlive,
        window: settings.window,
        beta: settings.beta,
      };
  const { status, retry } = useAnalysis('churn-at-risk', spec ? { kind: 'churn-at-risk', spec } : null);
  const asOf = settings.asOf ?? isoOf(info?.lastDay);
  const l = settings.threshold ?? proposedThreshold;
  const pAliveValue = settings.pAlive === null ? 'off' : String(settings.pAlive);
  const core = settings.coreEvents[0];
  const events = core === undefined ? t('churn.risk.fellAny') : t('churn.risk.fellCore', { event: core });
  return (
    <Panel
      testId="panel-churn-risk"
      title={t('churn.risk.title')}
      definition={t('churn.risk.definition', {
        date: asOf,
        l: l === null ? 'L' : formatNumber(l),
        alpha: formatNumber(settings.alpha),
        p: settings.pAlive === null ? t('churn.risk.pAliveOff') : formatNumber(settings.pAlive),
        events,
        k: formatNumber(settings.window),
        beta: formatNumber(settings.beta),
        minimum: formatNumber(MIN_EARLIER_EVENTS),
      })}
      status={status}
      retry={retry}
      notice={problems.inactivity ? problemText(problems.inactivity, i18n) : null}
      controls={
        <>
          <CommitInput
            label={t('churn.risk.alpha')}
            type="number"
            size={4}
            min="1"
            max="100"
            step="0.5"
            value={params.alpha ?? String(settings.alpha)}
            onCommit={(v) => setParams({ alpha: v || undefined })}
          />
          <CommitInput
            label={t('churn.risk.window')}
            type="number"
            size={4}
            min="1"
            max="365"
            step="1"
            testId="churn-risk-window"
            value={params.window ?? String(settings.window)}
            onCommit={(v) => setParams({ window: v || undefined })}
          />
          <CommitInput
            label={t('churn.risk.beta')}
            type="number"
            size={4}
            min="1"
            max="100"
            step="5"
            testId="churn-risk-beta"
            value={params.beta ?? String(settings.beta)}
            onCommit={(v) => setParams({ beta: v || undefined })}
          />
          <label>
            {t('churn.risk.pAlive')}{' '}
            <select value={pAliveValue} onChange={(e) => setParams({ pAlive: e.target.value })}>
              <option value="off">{t('churn.risk.pAliveOff')}</option>
              {[...new Set([...pAliveChoices, pAliveValue])]
                .filter((v) => v !== 'off')
                .sort()
                .map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
            </select>
          </label>
        </>
      }
    >
      {(result) => {
        const note = result.tables?.notes?.[0]?.note;
        return (
          <AtRiskList
            rows={result.rows}
            note={typeof note === 'string' ? note : null}
            asOf={asOf}
            rules={{ alpha: settings.alpha, pAlive: settings.pAlive, window: settings.window, events }}
          />
        );
      }}
    </Panel>
  );
});
