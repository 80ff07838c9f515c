import { useState } from 'react';
import type { Row } from '../../schema/row';
import { useI18n } from '../../ui/i18n/i18n';
import { lifecycleStates, type LifecycleBar, type LifecycleState } from './lifecycle-query';
import { isoDayOf } from '../../schema/iso-day';

/**
 * Chooses one bar of the lifecycle chart from the keyboard: a period, then a state with its
 * count. The latest period is offered first.
 */
export function BarPicker({
  rows,
  names,
  onPick,
}: {
  rows: readonly Row[];
  names: Record<LifecycleState, string>;
  onPick: (bar: LifecycleBar) => void;
}) {
  const { t, formatDay, formatNumber } = useI18n();
  const periods = rows.map((r) => Number(r.period)).reverse();
  const [chosen, setChosen] = useState<number | null>(null);
  const period = chosen !== null && periods.includes(chosen) ? chosen : (periods[0] ?? 0);
  const row = rows.find((r) => Number(r.period) === period);
  return (
    <div className="bar-picker" data-testid="lifecycle-bar-picker">
      <label>
        {t('lifecycle.period')}{' '}
        <select value={String(period)} onChange={(e) => setChosen(Number(e.target.value))}>
          {periods.map((p) => (
            <option key={p} value={String(p)}>
              {formatDay(p)}
            </option>
          ))}
        </select>
      </label>{' '}
      {lifecycleStates.map((state) => {
        const count = Number(row?.[state] ?? 0);
        return (
          <button
            key={state}
            type="button"
            disabled={count === 0}
            data-state={state}
            onClick={() => onPick({ period: isoDayOf(period), state })}
          >
            {t('lifecycle.stateCount', { state: names[state], count: formatNumber(count) })}
          </button>
        );
      })}
      <span className="muted"> {t('lifecycle.pickHint')}</span>
    </div>
  );
}
