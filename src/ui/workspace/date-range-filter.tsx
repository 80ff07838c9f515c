import { useRoute } from '../hooks/use-route';
import { useI18n } from '../i18n/i18n';
import { compareOf, presetOf, presetRange, rangeOf, rangePresets, type RangePreset } from './date-range';
import { useWorkspace } from './workspace-context';
import { isoDayOrNull } from '../../schema/iso-day';

/**
 * The date range of an analysis page: `from` and `to` in its URL, with presets relative to the
 * data's last day. Every panel's request carries it (see useAnalysis).
 */
export function DateRangeFilter() {
  const { t, formatDay } = useI18n();
  const { route, setParams } = useRoute();
  const { info } = useWorkspace();
  const range = rangeOf(route.params);
  const lastDay = info?.lastDay ?? null;
  const preset = presetOf(range, lastDay);
  const reversed = range.from !== null && range.to !== null && range.from > range.to;
  const bound = (ms: number | null | undefined) => isoDayOrNull(ms) ?? undefined;
  return (
    <div className="date-range" data-testid="date-range">
      <label>
        {t('range.label')}{' '}
        <select
          value={preset ?? 'custom'}
          onChange={(e) => {
            if (e.target.value === 'custom' || lastDay === null) return;
            const r = presetRange(e.target.value as RangePreset, lastDay);
            setParams({ from: r.from ?? undefined, to: r.to ?? undefined });
          }}
          data-testid="range-preset"
        >
          {rangePresets.map((p) => (
            <option key={p} value={p}>
              {t(`range.${p}`)}
            </option>
          ))}
          <option value="custom" disabled={preset !== null}>
            {t('range.custom')}
          </option>
        </select>
      </label>{' '}
      <label>
        {t('range.from')}{' '}
        <input
          type="date"
          value={range.from ?? ''}
          min={bound(info?.firstDay)}
          max={bound(lastDay)}
          onChange={(e) => setParams({ from: e.target.value || undefined })}
          data-testid="range-from"
        />
      </label>{' '}
      <label>
        {t('range.to')}{' '}
        <input
          type="date"
          value={range.to ?? ''}
          min={bound(info?.firstDay)}
          max={bound(lastDay)}
          onChange={(e) => setParams({ to: e.target.value || undefined })}
          data-testid="range-to"
        />
      </label>{' '}
      <label>
        {t('compare.label')}{' '}
        <select
          value={compareOf(route.params) ?? ''}
          disabled={range.from === null || range.to === null}
          title={range.from === null || range.to === null ? t('compare.needsRange') : undefined}
          onChange={(e) => setParams({ compare: e.target.value || undefined })}
          data-testid="range-compare"
        >
          <option value="">{t('compare.none')}</option>
          <option value="previous">{t('compare.previous')}</option>
          <option value="year">{t('compare.year')}</option>
        </select>
      </label>{' '}
      {reversed ? (
        <span role="alert" className="panel-error">
          {t('range.reversed')}
        </span>
      ) : range.from || range.to ? (
        <span className="muted">
          {t('range.showing', {
            from: range.from ? formatDay(Date.parse(`${range.from}T00:00:00Z`)) : '…',
            to: range.to ? formatDay(Date.parse(`${range.to}T00:00:00Z`)) : '…',
          })}
        </span>
      ) : null}
    </div>
  );
}
