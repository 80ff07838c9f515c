import * as Plot from '@observablehq/plot';
import type { Row } from '../../schema/row';
import { shareAxis, xLabelBelowTicks } from '../../charts/axes';
import { chartStyle, seriesColors } from '../../charts/chart-style';

/** Share of users by number of active days k in the interval: exact (bars) or cumulative k(u) >= k. */
export function stickinessChart(
  rows: readonly Row[],
  cumulative: boolean,
  text: { x: string; y: string; formatPercent: (v: number) => string; formatNumber: (v: number) => string },
): Plot.PlotOptions {
  const data = rows.map((r) => ({
    k: Number(r.k),
    share: Number(cumulative ? r.share_at_least : r.share),
    users: Number(cumulative ? r.users_at_least : r.users),
  }));
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: 260,
    marginLeft: 56,
    x: { label: text.x, type: 'band' },
    y: shareAxis(text.y, text.formatPercent),
    marks: [
      Plot.barY(data, { x: 'k', y: 'share', fill: seriesColors[cumulative ? 1 : 0], fillOpacity: 0.85 }),
      Plot.text(data, { x: 'k', y: 'share', text: (d: { share: number }) => text.formatPercent(d.share), dy: -6, fontSize: 10 }),
      Plot.ruleY([0]),
      Plot.tip(
        data,
        Plot.pointerX({
          x: 'k',
          y: 'share',
          channels: { users: { value: 'users', label: '#' } },
          format: { y: (v: number) => text.formatPercent(v), users: (v: number) => text.formatNumber(v) },
        }),
      ),
    ],
  };
}
