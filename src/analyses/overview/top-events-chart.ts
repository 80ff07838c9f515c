import * as Plot from '@observablehq/plot';
import type { Row } from '../../schema/row';
import { xLabelBelowTicks } from '../../charts/axes';
import { chartStyle, seriesColors, type ChartText } from '../../charts/chart-style';

/** Horizontal bars, most frequent first, with event names left of the bars (never clipped). */
export function topEventsChart(rows: readonly Row[], text: ChartText): Plot.PlotOptions {
  const data = rows.map((r) => ({ event: String(r.event), events: Number(r.events), users: Number(r.users) }));
  const longest = Math.max(4, ...data.map((d) => [...d.event].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
  return {
    style: chartStyle,
    ...xLabelBelowTicks,
    height: Math.max(120, data.length * 28 + 40),
    marginLeft: Math.min(240, 14 + longest * 7),
    marginRight: 64,
    x: { grid: true, label: text.x, tickFormat: (v: number) => text.formatNumber(v) },
    y: { label: null, domain: data.map((d) => d.event) },
    marks: [
      Plot.barX(data, { x: 'events', y: 'event', fill: seriesColors[0], fillOpacity: 0.85 }),
      Plot.text(data, {
        x: 'events',
        y: 'event',
        text: (d: { events: number }) => text.formatNumber(d.events),
        dx: 4,
        textAnchor: 'start',
      }),
      Plot.tip(
        data,
        Plot.pointerY({
          x: 'events',
          y: 'event',
          channels: { users: { value: 'users', label: text.y } },
          format: { x: (v: number) => text.formatNumber(v), users: (v: number) => text.formatNumber(v) },
        }),
      ),
    ],
  };
}
