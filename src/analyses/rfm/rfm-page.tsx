import { useMemo } from 'react';
import type { Problem } from '../../schema/problem';
import type { AnalysisStatus } from '../../ui/hooks/use-analysis';
import { Choice, DataPick } from '../../ui/components/choice';
import { Panel } from '../../ui/components/panel';
import { PlotFigure } from '../../ui/components/plot-figure';
import { useAnalysis, useSegmentScope } from '../../ui/hooks/use-analysis';
import { useRoute } from '../../ui/hooks/use-route';
import { useI18n, type I18n } from '../../ui/i18n/i18n';
import type { MessageKey } from '../../ui/i18n/messages';
import { SaveAsSegment } from '../../ui/workspace/save-as-segment';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import type { Row } from '../../schema/row';
import { rfmGridChart } from './rfm-chart';
import { RfmGroupTable } from './rfm-group-table';
import type { ClassicGroup, RfmSpec, ScoreBreaks } from './rfm-query';
import {
  isClassicGroup,
  rfGrid,
  scoreValueRanges,
  segmentKeyOf,
  segmentMap,
  summarizeClassicGroups,
  summarizeNamedSegments,
  toRfmCells,
  type GridSquare,
  type ScoreRange,
  type ScoreValueRanges,
  type SegmentKey,
  type SegmentRule,
} from './rfm-segments';
import { rfmSettingsFromParams } from './rfm-settings';
import { formatScoreMap, isDefaultScoreMap, scoreMapNotes, tryParseScoreMap } from './score-map';
import { ScoreMapEditor } from './score-map-editor';
import { isoDayOf } from '../../schema/iso-day';
import { guessOrderColumn } from './order-column-guess';

function rangeText([low, high]: ScoreRange, t: I18n['t']): string {
  return low === 1 && high === 5 ? t('rfm.any') : low === high ? String(low) : `${low}–${high}`;
}

function classicRule(group: ClassicGroup, t: I18n['t']): string {
  const [tier, kind] = group.split('-') as [string, string];
  const r = kind === 'value' || kind === 'develop';
  const f = kind === 'value' || kind === 'keep';
  const hl = (high: boolean) => (high ? t('rfm.high') : t('rfm.low'));
  return `R ${hl(r)} · F ${hl(f)} · M ${hl(tier === 'important')}`;
}

function segmentName(segment: SegmentKey, t: I18n['t']): string {
  const name = t(`rfm.segment.${segment}`);
  const english = t(`rfm.segmentEn.${segment}`);
  return name === english ? name : `${name} ${english}`;
}

/** The map a `map` parameter names; the default when it is absent or not valid. */
function scoreMapOf(param: string): readonly SegmentRule[] {
  const parsed = param ? tryParseScoreMap(param) : null;
  return parsed?.ok ? parsed.value : segmentMap;
}

/** A score map problem or note in words; a rule's segment named in the reader's language. */
function mapProblemText(problem: Problem, t: I18n['t']): string {
  const vars = { ...problem.vars };
  if (problem.code === 'rfm.map.unreached') vars.name = segmentName(vars.name as SegmentKey, t);
  return t(problem.code as MessageKey, vars);
}

/** The rules of one segment under `map` ("R 5 · F 4–5 · M any", several joined by "or"). */
function segmentRuleText(segment: SegmentKey, map: readonly SegmentRule[], t: I18n['t']): string {
  if (segment === 'other') return t('rfm.rule.none');
  return map
    .filter((rule) => rule.segment === segment)
    .map((rule) => `R ${rangeText(rule.r, t)} · F ${rangeText(rule.f, t)} · M ${rangeText(rule.m, t)}`)
    .join(t('rfm.rule.or'));
}

function definition(spec: RfmSpec, map: readonly SegmentRule[], t0: string | null, tz: string, t: I18n['t']): string {
  const orders = spec.orderColumn === null ? t('rfm.def.fEvents') : t('rfm.def.fColumn', { column: spec.orderColumn });
  const quintiles = (['R', 'F', 'M'] as const).filter((_, i) => [spec.rBreaks, spec.fBreaks, spec.mBreaks][i] === null);
  const breaksText = (b: ScoreBreaks) => b.join(', ');
  const scores = [
    quintiles.length > 0 ? t('rfm.def.quintiles', { measures: quintiles.join(' / ') + ' ' }) : '',
    spec.rBreaks ? t('rfm.def.breaksR', { breaks: breaksText(spec.rBreaks) }) : '',
    spec.fBreaks ? t('rfm.def.breaksFM', { measure: 'F', breaks: breaksText(spec.fBreaks) }) : '',
    spec.mBreaks ? t('rfm.def.breaksFM', { measure: 'M', breaks: breaksText(spec.mBreaks) }) : '',
  ].join(' ');
  const rules = map
    .map((rule) =>
      t('rfm.def.rule', {
        name: segmentName(rule.segment, t),
        r: rangeText(rule.r, t),
        f: rangeText(rule.f, t),
        m: rangeText(rule.m, t),
      }),
    )
    .join(t('rfm.def.ruleSeparator'));
  return t('rfm.definition', {
    tz,
    t0: spec.asOf ?? (t0 ? t('rfm.def.t0Default', { t0 }) : t('rfm.asOfHint')),
    f: spec.frequency === 'days' ? t('rfm.def.fDays') : orders,
    m: spec.monetary === 'total' ? t('rfm.def.mTotal') : t('rfm.def.mMean', { orders }),
    scores,
    split: t(`rfm.split.${spec.split}`),
    map: rules,
  });
}

/** Scores nobody has ("F 2, 3"): ties filled those fifths. */
function emptyScores(ranges: ScoreValueRanges): string[] {
  return (['r', 'f', 'm'] as const).flatMap((m) => {
    const empty = ranges[m].flatMap((range, i) => (range === null ? [i + 1] : []));
    return empty.length > 0 ? [`${m.toUpperCase()} ${empty.join(', ')}`] : [];
  });
}

/** A breaks field: written to the URL on Enter or when it loses focus. */
function BreaksInput({ label, value, onSet }: { label: string; value: string; onSet: (v: string | undefined) => void }) {
  const { t } = useI18n();
  return (
    <label>
      {label}{' '}
      <input
        key={value}
        defaultValue={value}
        placeholder={t('rfm.quintiles')}
        size={14}
        onBlur={(e) => onSet(e.target.value.trim() || undefined)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onSet(e.currentTarget.value.trim() || undefined);
        }}
      />
    </label>
  );
}

/** 价值分层: R x F grid, the eight classic groups or the named segments, every customer as CSV. */
export function RfmPage() {
  const { t, formatNumber, formatPercent, formatDay } = useI18n();
  const { info, client } = useWorkspace();
  const { route, setParams } = useRoute();
  const parsed = rfmSettingsFromParams(route.params);
  const settings = parsed.ok ? parsed.value : null;
  const columns = useAnalysis('rfm-columns', { kind: 'rfm-columns', spec: {} });
  const eventColumns = columns.status.state === 'ready' ? columns.status.result.rows.map((r) => String(r.column_name)) : null;
  // A link without `orderColumn` takes the events' order id column if one is named like it (so
  // F counts orders, not order lines); `orderColumn=` (empty) is an explicit "none".
  const orderParam = route.params.orderColumn;
  const guessedOrder = orderParam === undefined && eventColumns ? guessOrderColumn(eventColumns) : null;
  const orderColumn = orderParam === undefined ? guessedOrder : (settings?.spec.orderColumn ?? null);
  const columnsKnown = orderParam !== undefined || eventColumns !== null;
  const missingColumn = orderColumn !== null && eventColumns !== null && !eventColumns.includes(orderColumn);
  const spec = settings && columnsKnown && !missingColumn ? { ...settings.spec, orderColumn } : null;
  // The named segments' score map travels in the link (`map`), like every other setting.
  const mapParam = route.params.map ?? '';
  // A primitive, so that the customer table's memo keeps (rfmSettingsFromParams reads it so too).
  const namedView = route.params.view === 'named';
  const parsedMap = mapParam ? tryParseScoreMap(mapParam) : null;
  const map = scoreMapOf(mapParam);
  const uncovered = scoreMapNotes(map).some((n) => n.code === 'rfm.map.unmatched');
  const view = settings?.view ?? 'classic';
  const main = useAnalysis('rfm', spec ? { kind: 'rfm', spec } : null);
  const cells = useMemo(() => (main.status.state === 'ready' ? toRfmCells(main.status.result.rows) : []), [main.status]);
  const customerCount = cells.reduce((sum, c) => sum + c.users, 0);
  // One row per customer is the costly part (on 5M events, 100,000 rows to cross the worker
  // and to lay out): listed when asked for (`customers=list`), after the chart's numbers.
  const listCustomers = route.params.customers === 'list';
  const customers = useAnalysis(
    'rfm-customers',
    spec && listCustomers && main.status.state === 'ready' ? { kind: 'rfm-customers', spec } : null,
  );

  // Saving a group as a segment lists its customers, within the page's own segment filter.
  const customersRequest = useSegmentScope(spec ? { kind: 'rfm-customers', spec } : null).request;
  const membersWhere = (match: (row: Row) => boolean) => async () => {
    if (!customersRequest) return [];
    const outcome = await client.run('rfm-save-segment', customersRequest);
    return outcome.ok ? outcome.value.rows.filter(match).map((r) => String(r.user_id)) : [];
  };

  const notice = !parsed.ok
    ? t(parsed.problem.code === 'rfm.badAsOf' ? 'rfm.badAsOf' : 'rfm.badBreaks', parsed.problem.vars)
    : missingColumn
      ? t('rfm.missingColumn', { column: orderColumn ?? '' })
      : null;

  // The customer table's group, as the group table shows it (classic group, or named segment
  // under the page's score map) in the reader's language: shown, and so written to the CSV.
  const customerStatus = useMemo<AnalysisStatus>(() => {
    const status = customers.status;
    if (status.state !== 'ready') return status;
    const rows = status.result.rows.map((r) => {
      if (namedView) {
        const key = segmentKeyOf(Number(r.r_score), Number(r.f_score), Number(r.m_score), scoreMapOf(mapParam));
        return { ...r, group: segmentName(key, t) };
      }
      const group = r.group ?? null;
      return { ...r, group: isClassicGroup(group) ? t(`rfm.group.${group}`) : group };
    });
    return { state: 'ready', result: { ...status.result, rows } };
  }, [customers.status, t, namedView, mapParam]);

  const meta = main.status.state === 'ready' ? main.status.result.tables?.meta?.[0] : undefined;
  const t0 = meta?.t0 != null ? isoDayOf(Number(meta.t0)) : null;
  const tz = info?.timeZone ?? 'UTC';
  // Without an amount column no event is a purchase, whatever the reference date.
  const noPurchases = info?.hasAmount === false ? 'rfm.noAmount' : 'rfm.noPurchases';
  const s = spec ?? settings?.spec;

  const controls = (
    <div className="controls-grid">
      <label>
        {t('rfm.asOf')}{' '}
        <input
          type="date"
          // Unset, t0 follows the data's last day: the box shows the day in use.
          value={s?.asOf ?? t0 ?? ''}
          title={t('rfm.asOfHint')}
          onChange={(e) => setParams({ asOf: e.target.value || undefined })}
        />
      </label>
      <Choice
        label="rfm.frequency"
        value={s?.frequency ?? 'orders'}
        options={{ orders: 'rfm.freq.orders', days: 'rfm.freq.days' }}
        onChange={(v) => setParams({ frequency: v })}
      />
      <DataPick
        label={t('rfm.orderColumn')}
        value={orderParam ?? guessedOrder ?? ''}
        emptyLabel={t('rfm.orderNone')}
        values={eventColumns ?? (orderColumn ? [orderColumn] : [])}
        // Kept as an empty value, "none" is not guessed over.
        onChange={(v) => setParams({ orderColumn: v ?? '' })}
      />
      <Choice
        label="rfm.monetary"
        value={s?.monetary ?? 'total'}
        options={{ total: 'rfm.mon.total', mean: 'rfm.mon.mean' }}
        onChange={(v) => setParams({ monetary: v })}
      />
      <Choice
        label="rfm.split"
        value={s?.split ?? 'mean'}
        options={{ mean: 'rfm.split.mean', median: 'rfm.split.median' }}
        onChange={(v) => setParams({ split: v })}
      />
      <details>
        <summary>{t('rfm.breaks')}</summary>
        <div className="controls-grid">
          <BreaksInput label={t('rfm.breaksR')} value={route.params.rBreaks ?? ''} onSet={(v) => setParams({ rBreaks: v })} />
          <BreaksInput label={t('rfm.breaksF')} value={route.params.fBreaks ?? ''} onSet={(v) => setParams({ fBreaks: v })} />
          <BreaksInput label={t('rfm.breaksM')} value={route.params.mBreaks ?? ''} onSet={(v) => setParams({ mBreaks: v })} />
        </div>
      </details>
    </div>
  );

  return (
    <div className="page" data-testid="rfm-page">
      <Panel
        testId="panel-rfm"
        title={t('rfm.title')}
        definition={s ? definition(s, map, t0, tz, t) : ''}
        status={main.status}
        retry={main.retry}
        notice={notice}
        controls={controls}
      >
        {(result) => {
          const problem = result.tables?.problems?.[0];
          if (problem) return <p role="alert">{t('rfm.missingColumn', { column: String(problem.column) })}</p>;
          const total = customerCount;
          if (result.rows.length === 0 || total === 0 || !meta || !s) return <p role="status">{t(noPurchases)}</p>;
          const revenue = cells.reduce((sum, c) => sum + c.revenue, 0);
          const ranges = scoreValueRanges(cells);
          const digits = (v: unknown) => formatNumber(Number(v), { maximumFractionDigits: 1 });
          return (
            <>
              <p data-testid="rfm-summary">
                {t('rfm.summary', {
                  customers: formatNumber(total),
                  t0: formatDay(Number(meta.t0)),
                  revenue: formatNumber(revenue, { maximumFractionDigits: 0 }),
                  split: t(`rfm.split.${s.split}`),
                  r: digits(meta.r_split),
                  f: digits(meta.f_split),
                  m: digits(meta.m_split),
                })}
              </p>
              <h3>{t('rfm.gridTitle')}</h3>
              <PlotFigure
                label={t('rfm.gridTitle')}
                options={rfmGridChart(rfGrid(cells, map), ranges, {
                  axisR: t('rfm.axisR'),
                  axisF: t('rfm.axisF'),
                  share: t('rfm.share'),
                  formatPercent,
                  formatNumber,
                  range: (measure, [low, high]) => {
                    const text = low === high ? formatNumber(low) : `${formatNumber(low)}–${formatNumber(high)}`;
                    return measure === 'r' ? t('rfm.days', { range: text }) : text;
                  },
                  segment: (segment) => t(`rfm.segment.${segment}`),
                  tip: (sq: GridSquare) =>
                    t('rfm.tip', {
                      r: sq.r,
                      f: sq.f,
                      users: formatNumber(sq.users),
                      share: formatPercent(sq.share),
                      segment: sq.segment ? segmentName(sq.segment, t) : '',
                    }),
                })}
              />
              {emptyScores(ranges).length > 0 ? (
                <p className="muted" data-testid="rfm-empty-scores">
                  {t('rfm.emptyScores', { scores: emptyScores(ranges).join(t('rfm.def.ruleSeparator')) })}
                </p>
              ) : null}
              <div className="settings-row">
                <Choice
                  label="rfm.view"
                  value={view}
                  options={{ classic: 'rfm.view.classic', named: 'rfm.view.named' }}
                  onChange={(v) => setParams({ view: v })}
                />
              </div>
              {parsedMap && !parsedMap.ok ? (
                <p role="alert" data-testid="rfm-map-invalid">
                  {t('rfm.map.fallback')} {mapProblemText(parsedMap.problem, t)}
                </p>
              ) : null}
              {view === 'named' ? (
                <ScoreMapEditor
                  map={map}
                  onApply={(next) => setParams({ map: isDefaultScoreMap(next) ? undefined : formatScoreMap(next) })}
                  name={(g) => segmentName(g, t)}
                  problemText={(p) => mapProblemText(p, t)}
                />
              ) : null}
              {view === 'classic' ? (
                <RfmGroupTable
                  testId="rfm-groups"
                  groups={summarizeClassicGroups(cells)}
                  name={(g) => t(`rfm.group.${g}`)}
                  rule={(g) => classicRule(g, t)}
                  action={(g) => t(`rfm.groupAction.${g}`)}
                  saveAs={(g) => <SaveAsSegment name={`RFM ${t(`rfm.group.${g}`)}`} ids={membersWhere((r) => r.group === g)} />}
                />
              ) : (
                <RfmGroupTable
                  testId="rfm-segments"
                  groups={summarizeNamedSegments(cells, map, uncovered)}
                  name={(g) => segmentName(g, t)}
                  rule={(g) => segmentRuleText(g, map, t)}
                  action={(g) => t(`rfm.segmentAction.${g}`)}
                  saveAs={(g) => (
                    <SaveAsSegment
                      name={`RFM ${segmentName(g, t)}`}
                      ids={membersWhere((r) => segmentKeyOf(Number(r.r_score), Number(r.f_score), Number(r.m_score), map) === g)}
                    />
                  )}
                />
              )}
            </>
          );
        }}
      </Panel>
      {!listCustomers ? (
        <section className="panel" data-testid="panel-rfm-customers" data-state="idle" aria-label={t('rfm.customers')}>
          <header className="panel-head">
            <h2>{t('rfm.customers')}</h2>
          </header>
          <p>
            <button
              type="button"
              data-testid="rfm-list-customers"
              disabled={customerCount === 0}
              onClick={() => setParams({ customers: 'list' })}
            >
              {t('rfm.listCustomers', { n: formatNumber(customerCount) })}
            </button>
          </p>
        </section>
      ) : (
        <Panel
          testId="panel-rfm-customers"
          title={t('rfm.customers')}
          definition={s ? definition(s, map, t0, tz, t) : ''}
          status={customerStatus}
          retry={customers.retry}
          notice={notice}
        >
          {(result) =>
            result.rows.length === 0 ? (
              <p role="status">
                {result.tables?.problems ? t('rfm.missingColumn', { column: orderColumn ?? '' }) : t(noPurchases)}
              </p>
            ) : (
              <p>{t('rfm.customersNote', { n: formatNumber(result.rows.length) })}</p>
            )
          }
        </Panel>
      )}
    </div>
  );
}
