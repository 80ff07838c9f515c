import { useMemo, useState } from 'react';
import { retentionCurveChart } from './retention-curve-chart';
import { averageRetention } from '../retention-average';
import { BREAKDOWN_TOP, type RetentionSpec } from './retention-query';
import { BreakdownPick } from './breakdown-pick';
import type { Row } from '../../schema/row';
import { PlotFigure } from '../../ui/components/plot-figure';
import { Panel } from '../../ui/components/panel';
import { Choice, DataPick, grainOptions } from '../../ui/components/choice';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { useRoute } from '../../ui/hooks/use-route';
import { useI18n, type I18n } from '../../ui/i18n/i18n';
import { SegmentPicker } from '../../ui/workspace/segment-picker';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { CellUsers } from './cell-users';
import {
  defaultBrackets,
  defaultPeriods,
  periodsRange,
  retentionSettingsFromParams,
  sideBySideFromParams,
  sideBySideParam,
} from './retention-settings';
import { SegmentBreakdown } from './segment-breakdown';
import { RetentionTable, type CellChoice } from './retention-table';
import { allEventNames } from '../../engine/workspace-info';

const cohortTypes = { 'first-time': 'retention.firstTime', recurring: 'retention.recurring' } as const;
const cohortBys = { 'first-event': 'retention.byFirstEvent', signup: 'retention.bySignup' } as const;
const periodModes = { calendar: 'retention.calendar', rolling: 'retention.rolling' } as const;
const measures = { on: 'retention.on', 'on-or-after': 'retention.onOrAfter', bracket: 'retention.bracket' } as const;
const averages = { weighted: 'retention.weighted', simple: 'retention.simple' } as const;

function columnLabels(spec: RetentionSpec, t: I18n['t']): string[] {
  const grain = t(`grainNoun.${spec.grain}`);
  if (spec.measure === 'bracket') return spec.brackets.map(([n, m]) => `[${n}, ${m}]`);
  return Array.from({ length: spec.periods + 1 }, (_, n) => t('retention.period', { n, grain }));
}

function definition(spec: RetentionSpec, average: string, tz: string, t: I18n['t']): string {
  const grain = t(`grainNoun.${spec.grain}`);
  const cohort =
    spec.cohortBy === 'signup'
      ? t('retention.defSignup', { grain })
      : spec.cohortType === 'first-time'
        ? t('retention.defFirstTime', { grain })
        : t('retention.defRecurring', { grain });
  const len = spec.grain === 'day' ? '24 h' : spec.grain === 'week' ? '7 d' : '30 d';
  return (
    t('retention.definition', {
      cohort,
      start: spec.startEvent ?? t('retention.anyEvent'),
      ret: spec.returnEvent ?? t('retention.anyEvent'),
      grain,
      tz,
      mode: spec.periodMode === 'calendar' ? t('retention.defCalendar', { grain }) : t('retention.defRolling', { len }),
      measure: t(
        spec.measure === 'on'
          ? 'retention.defOn'
          : spec.measure === 'on-or-after'
            ? 'retention.defOnOrAfter'
            : 'retention.defBracket',
      ),
      period0:
        spec.startEvent === spec.returnEvent && spec.cohortBy === 'first-event'
          ? t('retention.defSame')
          : t('retention.defDifferent'),
      average: average === 'weighted' ? t('retention.defWeighted') : t('retention.defSimple'),
    }) + breakdownDefinition(spec, t)
  );
}

/** How users are split by the breakdown column, for the definition card. */
function breakdownDefinition(spec: RetentionSpec, t: I18n['t']): string {
  if (spec.breakdown === null) return '';
  const from = spec.breakdownFrom ?? 'user';
  return ` ${t(`retention.defBreakdown.${from}`, { column: spec.breakdown, top: BREAKDOWN_TOP })}`;
}

/** 留存分析: cohort table with sizes, mean curve, every definition switchable in the URL. */
export function RetentionPage() {
  const i18n = useI18n();
  const { t, formatPercent } = i18n;
  const { info, status: workspace } = useWorkspace();
  const { route, setParams } = useRoute();
  const [picked, setPicked] = useState<CellChoice | null>(null);
  // Issue 13, bug 3: while data loads, the URL's events are not checked against the old (or no) data.
  const loading = workspace.state === 'loading' || info === null;
  const parsed = retentionSettingsFromParams(route.params, loading ? null : allEventNames(info), info?.weekStart ?? 'monday');
  const settings = parsed.settings ?? null;
  const oneDay = info !== null && info.firstDay !== null && info.firstDay === info.lastDay;
  // Signup cohorts read the users file's signup times: without a users file there are none.
  const noSignups = settings?.spec.cohortBy === 'signup' && info !== null && !info.files.some((f) => f.role === 'users');
  const spec = settings && !parsed.problem && !oneDay && !noSignups && !loading ? settings.spec : null;
  const { status, retry } = useAnalysis('retention', spec ? { kind: 'retention', spec } : null);
  const labels = settings ? columnLabels(settings.spec, t) : [];
  // The result on screen keeps its own column labels and mean while the next one computes, so
  // that a setting's click does not draw the table again before its query leaves (issue 13).
  const shown = status.state === 'ready' ? status.result : status.state === 'pending' ? status.previous : undefined;
  const shownRows = shown?.rows;
  const [labelled, setLabelled] = useState<{ rows: readonly Row[]; labels: string[] } | null>(null);
  const current = status.state === 'ready' ? status.result.rows : null;
  // Compared by content: the labels are made anew on each render, and change with the language.
  if (current && (labelled?.rows !== current || labelled.labels.join('\n') !== labels.join('\n'))) {
    setLabelled({ rows: current, labels });
  }
  const shownLabels = labelled && labelled.rows === shownRows ? labelled.labels : labels;
  const average = settings?.average === 'simple' ? 'simple' : 'weighted';
  const mean = useMemo(() => (shownRows ? averageRetention(shownRows, average) : []), [shownRows, average]);
  const events = info?.eventNames ?? [];
  const sideBySide = sideBySideFromParams(route.params);

  const problem = parsed.problem
    ? parsed.problem.kind === 'missing-event'
      ? t('retention.missingEvent', { event: parsed.problem.event })
      : parsed.problem.kind === 'bad-periods'
        ? t('retention.badPeriods', { min: parsed.problem.min, max: parsed.problem.max })
        : t('retention.badBrackets')
    : oneDay
      ? t('panel.oneDay')
      : noSignups
        ? t('retention.noSignups')
        : null;

  const set = (patch: Record<string, string | undefined>) => {
    setPicked(null);
    setParams(patch);
  };
  const s = settings?.spec;
  const grain = s?.grain ?? 'week';
  const bracketText = route.params.brackets ?? defaultBrackets(grain);

  const controls = (
    <div className="controls-grid">
      <DataPick
        label={t('retention.start')}
        value={route.params.start ?? ''}
        emptyLabel={t('retention.anyEvent')}
        values={events}
        onChange={(start) => set({ start })}
      />
      <DataPick
        label={t('retention.return')}
        value={route.params.ret ?? ''}
        emptyLabel={t('retention.anyEvent')}
        values={events}
        onChange={(ret) => set({ ret })}
      />
      <Choice
        label="grain.label"
        value={s?.grain ?? 'week'}
        options={grainOptions}
        onChange={(g) => set({ grain: g, n: undefined, brackets: undefined })}
      />
      <Choice
        label="retention.cohortType"
        value={s?.cohortType ?? 'first-time'}
        options={cohortTypes}
        onChange={(type) => set({ type })}
      />
      <Choice
        label="retention.cohortBy"
        value={s?.cohortBy ?? 'first-event'}
        options={cohortBys}
        onChange={(by) => set({ by })}
      />
      <Choice
        label="retention.mode"
        value={s?.periodMode ?? 'calendar'}
        options={periodModes}
        onChange={(mode) => set({ mode })}
      />
      <Choice label="retention.measure" value={s?.measure ?? 'on'} options={measures} onChange={(measure) => set({ measure })} />
      {s?.measure === 'bracket' || route.params.measure === 'bracket' ? (
        // Distinct keys: without them React reuses the number box, and its value, for the text box.
        <label key="brackets">
          {t('retention.brackets')}{' '}
          <input
            key={bracketText}
            defaultValue={bracketText}
            size={18}
            onBlur={(e) => set({ brackets: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') set({ brackets: e.currentTarget.value });
            }}
          />
        </label>
      ) : (
        <label key="periods">
          {t('retention.periods')}{' '}
          <input
            type="number"
            min={periodsRange.min}
            max={periodsRange.max}
            value={route.params.n ?? String(defaultPeriods(grain))}
            aria-invalid={parsed.problem?.kind === 'bad-periods'}
            onChange={(e) => set({ n: e.target.value })}
          />
        </label>
      )}
      <Choice
        label="retention.average"
        value={settings?.average ?? 'weighted'}
        options={averages}
        onChange={(mean) => set({ mean })}
      />
      <BreakdownPick
        column={route.params.breakdown ?? ''}
        from={s?.breakdownFrom ?? 'user'}
        userColumns={info?.userAttributes ?? []}
        eventColumns={info?.eventColumns ?? []}
        onChange={(breakdown, touch) => set({ breakdown, touch })}
      />
      <SegmentPicker chosen={sideBySide} onChange={(ids) => setParams({ segments: sideBySideParam(ids) })} />
    </div>
  );

  return (
    <div className="page" data-testid="retention-page">
      <Panel
        testId="panel-retention"
        title={t('retention.title')}
        definition={s ? definition(s, settings.average, info?.timeZone ?? 'UTC', t) : ''}
        status={status}
        notice={problem}
        retry={retry}
        controls={controls}
      >
        {(result) =>
          result.rows.length === 0 ? (
            <p role="status">{t('retention.noCohort')}</p>
          ) : (
            <>
              <RetentionTable rows={result.rows} columnLabels={shownLabels} mean={mean} onPick={setPicked} />
              {picked && s ? (
                <CellUsers spec={s} cell={picked} columnLabel={labels[picked.periodN] ?? String(picked.periodN)} />
              ) : null}
              <h3>{t('retention.curve')}</h3>
              <PlotFigure
                label={t('retention.curve')}
                inputs={[result, settings?.average, formatPercent, t]}
                options={retentionCurveChart(result.rows, mean, {
                  x: s?.measure === 'bracket' ? t('retention.bracketAxis') : t('retention.periods'),
                  columnLabel: s?.measure === 'bracket' ? (n) => labels[n] ?? String(n) : undefined,
                  y: t('retention.rateAxis'),
                  formatPercent,
                  mean: t('retention.mean'),
                })}
              />
            </>
          )
        }
      </Panel>
      {spec && settings && sideBySide.length > 0 ? (
        <SegmentBreakdown
          spec={spec}
          average={settings.average}
          ids={sideBySide}
          columnLabel={(n) => labels[n] ?? String(n)}
          xLabel={spec.measure === 'bracket' ? t('retention.bracketAxis') : t('retention.periods')}
        />
      ) : null}
    </div>
  );
}
