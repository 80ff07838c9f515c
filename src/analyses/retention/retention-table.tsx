import { memo } from 'react';
import { heatColor, heatTextColor, toRetentionMatrix } from './retention-matrix';
import type { AveragePoint } from '../retention-average';
import type { Row } from '../../schema/row';
import { useI18n } from '../../ui/i18n/i18n';
import { isoDayOf } from '../../schema/iso-day';

export interface CellChoice {
  cohort: string;
  breakdown: string | null;
  periodN: number;
}

interface Props {
  rows: readonly Row[];
  columnLabels: string[];
  mean: readonly AveragePoint[];
  onPick: (cell: CellChoice) => void;
}

/**
 * Cohorts down, periods across: sizes beside rates, incomplete cells marked; a cell opens its users.
 * Memoised: the page renders on every setting and answer, and a result's rows keep their identity.
 */
export const RetentionTable = memo(function RetentionTable({ rows, columnLabels, mean, onPick }: Props) {
  const { t, formatNumber, formatPercentColumn, formatDay } = useI18n();
  const matrix = toRetentionMatrix(rows);
  const hasBreakdown = matrix.cohorts.some((c) => c.breakdown !== null);
  const meanByPeriod = new Map(mean.map((m) => [m.period, m.rate]));
  const anyIncomplete = matrix.cohorts.some((c) => c.cells.some((cell) => cell !== null && !cell.complete));
  return (
    <>
      {anyIncomplete ? (
        <p className="muted" data-testid="retention-incomplete-note">
          {t('retention.incomplete')}
        </p>
      ) : null}
      <div className="table-scroll retention" data-testid="retention-table">
        <table className="grid heat">
          <thead>
            <tr>
              {hasBreakdown ? <th scope="col">{t('retention.breakdown')}</th> : null}
              <th scope="col">{t('retention.cohort')}</th>
              <th scope="col">{t('retention.size')}</th>
              {matrix.periods.map((p) => (
                <th scope="col" key={p}>
                  {columnLabels[p] ?? p}
                </th>
              ))}
            </tr>
            <tr className="mean-row">
              {hasBreakdown ? <td /> : null}
              <th scope="row">{t('retention.mean')}</th>
              <td />
              {matrix.periods.map((p) => {
                const rate = meanByPeriod.get(p);
                return <td key={p}>{rate === undefined ? '–' : formatPercentColumn(rate)}</td>;
              })}
            </tr>
          </thead>
          <tbody>
            {matrix.cohorts.map((c) => (
              <tr key={`${String(c.breakdown)}|${c.cohort}`}>
                {hasBreakdown ? <td>{String(c.breakdown ?? '')}</td> : null}
                <th scope="row">{formatDay(c.cohort)}</th>
                <td className="num">{formatNumber(c.size)}</td>
                {c.cells.map((cell, i) => {
                  const periodN = matrix.periods[i] ?? i;
                  if (!cell) return <td key={i} />;
                  const label = `${cell.rate === null ? '–' : formatPercentColumn(cell.rate)}${cell.complete ? '' : '*'}`;
                  return (
                    <td
                      key={i}
                      className={cell.complete ? 'cell' : 'cell incomplete'}
                      style={
                        cell.complete && cell.rate !== null
                          ? { background: heatColor(cell.rate), color: heatTextColor(cell.rate) }
                          : undefined
                      }
                    >
                      <button
                        type="button"
                        className="cell-button"
                        title={`${formatNumber(cell.retained)} / ${formatNumber(c.size)}`}
                        onClick={() =>
                          onPick({
                            cohort: isoDayOf(c.cohort),
                            breakdown: c.breakdown === null ? null : String(c.breakdown),
                            periodN,
                          })
                        }
                      >
                        {label}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
});
