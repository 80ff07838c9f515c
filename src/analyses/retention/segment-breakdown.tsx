import { useMemo } from 'react';
import { averageRetention, type AverageKind } from '../retention-average';
import { segmentCurvesChart } from '../segment-curves-chart';
import type { RetentionSpec } from './retention-query';
import type { Row } from '../../schema/row';
import type { AnalysisResult } from '../../engine/engine';
import { PlotFigure } from '../../ui/components/plot-figure';
import { Panel } from '../../ui/components/panel';
import type { AnalysisStatus } from '../../ui/hooks/use-analysis';
import { useI18n } from '../../ui/i18n/i18n';
import { useSegments } from '../../ui/workspace/segments-context';
import { useSegmentRuns } from '../../ui/workspace/use-segment-runs';

/**
 * One status for the segments' runs: an error if any failed, ready when all are, and then
 * one result whose rows are each segment's mean retention per measured column.
 */
function combined(names: readonly string[], runs: readonly AnalysisStatus[], average: AverageKind): AnalysisStatus {
  const failed = runs.find((r) => r.state === 'error');
  if (failed) return failed;
  const results = runs.flatMap((r) => (r.state === 'ready' ? [r.result] : []));
  if (results.length < runs.length || runs.length === 0) return { state: 'pending' };
  const rows = results.flatMap((result, slot): Row[] => {
    const segment = names[slot] ?? '';
    const users = result.rows.reduce((n, r) => (Number(r.period_n) === 0 ? n + Number(r.cohort_size) : n), 0);
    const points = averageRetention(result.rows, average);
    // A segment without a complete cell still gets its row, with its size and no rate.
    if (points.length === 0) return [{ slot, segment, users, period_n: null, cohorts: 0, rate: null }];
    return points.map((p) => ({ slot, segment, users, period_n: p.period, cohorts: p.cohorts, rate: p.rate }));
  });
  const result: AnalysisResult = {
    rows,
    statements: results.flatMap((r) => r.statements),
    sql: results.map((r, i) => `-- ${(names[i] ?? '').replace(/[\r\n]+/g, ' ')}\n${r.sql}`).join('\n\n'),
    ms: results.reduce((n, r) => n + r.ms, 0),
  };
  return { state: 'ready', result };
}

/**
 * Retention broken down by saved segments (up to four): the same settings as the table above,
 * run once per segment through the envelope, drawn as one curve each and a table of means.
 */
export function SegmentBreakdown({
  spec,
  average,
  ids,
  columnLabel,
  xLabel,
}: {
  spec: RetentionSpec;
  average: AverageKind;
  ids: readonly string[];
  columnLabel: (n: number) => string;
  xLabel: string;
}) {
  const { t, formatPercent, formatPercentColumn, formatNumber } = useI18n();
  const { segments, ready } = useSegments();
  const chosen = useMemo(
    () => segments.filter((s) => ids.includes(s.id)).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id)),
    [segments, ids],
  );
  const missing = ready ? ids.find((id) => !segments.some((s) => s.id === id)) : undefined;
  const runs = useSegmentRuns('retention-by-segment', { kind: 'retention', spec }, chosen);
  const names = chosen.map((s) => s.name);
  const status = combined(
    names,
    runs.map((r) => r.status),
    average,
  );
  return (
    <Panel
      testId="panel-retention-segments"
      title={t('retention.bySegmentTitle')}
      definition={t('retention.bySegmentDefinition', {
        average: average === 'weighted' ? t('retention.defWeighted') : t('retention.defSimple'),
      })}
      status={status}
      notice={missing !== undefined ? t('retention.segmentMissing', { id: missing }) : null}
      retry={() => runs.forEach((r) => r.retry())}
    >
      {(result) => {
        const bySegment = names.map((name, slot) => {
          const rows = result.rows.filter((r) => r.slot === slot);
          return { name, users: Number(rows[0]?.users ?? 0), points: rows.filter((r) => r.period_n !== null) };
        });
        const columns = [...new Set(bySegment.flatMap((s) => s.points.map((r) => Number(r.period_n))))].sort((a, b) => a - b);
        return (
          <>
            <PlotFigure
              label={t('retention.bySegmentTitle')}
              options={segmentCurvesChart(
                bySegment.map((s) => ({
                  name: s.name,
                  points: s.points.map((r) => ({ period: Number(r.period_n), rate: Number(r.rate), cohorts: Number(r.cohorts) })),
                })),
                { x: xLabel, y: t('retention.rateAxis'), formatPercent, columnLabel },
              )}
            />
            <div className="table-scroll">
              <table className="grid" data-testid="retention-segments-table">
                <thead>
                  <tr>
                    <th scope="col">{t('retention.segment')}</th>
                    <th scope="col">{t('retention.size')}</th>
                    {columns.map((n) => (
                      <th scope="col" key={n}>
                        {columnLabel(n)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {bySegment.map((s, i) => {
                    const rate = new Map(s.points.map((r) => [Number(r.period_n), Number(r.rate)]));
                    return (
                      <tr key={i}>
                        <th scope="row">{s.name}</th>
                        <td className="num">{formatNumber(s.users)}</td>
                        {columns.map((n) => {
                          const r = rate.get(n);
                          return (
                            <td className="num" key={n}>
                              {r === undefined ? '–' : formatPercentColumn(r)}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        );
      }}
    </Panel>
  );
}
