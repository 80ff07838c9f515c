import { useMemo, useState } from 'react';
import { lifecycleChart, quickRatioChart } from './lifecycle-chart';
import { grains, type Grain } from '../../schema/period';
import { PlotFigure } from '../../ui/components/plot-figure';
import { Panel } from '../../ui/components/panel';
import { Choice, DataPick, grainOptions } from '../../ui/components/choice';
import { useAnalysis } from '../../ui/hooks/use-analysis';
import { useRoute } from '../../ui/hooks/use-route';
import { useI18n } from '../../ui/i18n/i18n';
import { pickParam } from '../url-params';
import { useWorkspace } from '../../ui/workspace/workspace-context';
import { BarPicker } from './bar-picker';
import { BarUsers } from './bar-users';
import type { LifecycleBar, LifecycleSpec } from './lifecycle-query';

/** 生命周期: new / returning / resurrecting / dormant per period, with the quick ratio. */
export function LifecyclePage() {
  const { t, formatNumber, formatDay } = useI18n();
  const { info } = useWorkspace();
  const { route, setParams } = useRoute();
  const grain = pickParam<Grain>(route.params, 'grain', grains, 'week');
  const weekStart = info?.weekStart ?? 'monday';
  // "Who is returning to purchase": with an event chosen, only days with it count as active.
  const event = route.params.event || null;
  const spec: LifecycleSpec = { grain, weekStart, coreEvents: event ? [event] : [] };
  const { status, retry } = useAnalysis('lifecycle', { kind: 'lifecycle', spec });
  const [picked, setPicked] = useState<LifecycleBar | null>(null);
  const names = useMemo(
    () => ({
      new: t('lifecycle.new'),
      returning: t('lifecycle.returning'),
      resurrecting: t('lifecycle.resurrecting'),
      dormant: t('lifecycle.dormant'),
    }),
    [t],
  );
  return (
    <div className="page" data-testid="lifecycle-page">
      <Panel
        testId="panel-lifecycle"
        title={t('lifecycle.title')}
        definition={
          t('lifecycle.definition', { grain: t(`grainNoun.${grain}`), tz: info?.timeZone ?? 'UTC' }) +
          (event ? ` ${t('activity.onlyEvent', { event })}` : '')
        }
        status={status}
        retry={retry}
        controls={
          <>
            <Choice
              label="grain.label"
              value={grain}
              options={grainOptions}
              onChange={(g) => {
                setPicked(null);
                setParams({ grain: g });
              }}
            />
            <DataPick
              label={t('activity.event')}
              value={event ?? ''}
              emptyLabel={t('retention.anyEvent')}
              values={info?.eventNames ?? []}
              onChange={(e) => {
                setPicked(null);
                setParams({ event: e });
              }}
            />
          </>
        }
      >
        {(result) =>
          result.rows.length < 2 ? (
            <p role="status">{t('panel.oneDay')}</p>
          ) : (
            <>
              <PlotFigure
                label={t('lifecycle.title')}
                inputs={[result, weekStart, formatDay, formatNumber, names, t]}
                options={lifecycleChart(result.rows, grain, weekStart, {
                  x: t('axis.date'),
                  y: t('axis.users'),
                  formatDay,
                  formatNumber,
                  names,
                  state: t('lifecycle.state'),
                })}
              />
              <p className="muted">{t('panel.incomplete')}</p>
              <BarPicker rows={result.rows} names={names} onPick={setPicked} />
              {picked ? <BarUsers spec={spec} bar={picked} stateName={names[picked.state]} /> : null}
              <h3>{t('lifecycle.quickRatio')}</h3>
              <PlotFigure
                label={t('lifecycle.quickRatio')}
                inputs={[result, formatDay, formatNumber, t]}
                options={quickRatioChart(result.rows, grain, {
                  x: t('axis.date'),
                  y: t('lifecycle.quickRatio'),
                  formatDay,
                  formatNumber,
                })}
              />
            </>
          )
        }
      </Panel>
    </div>
  );
}
