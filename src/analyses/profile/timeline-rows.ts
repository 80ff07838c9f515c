import type { Row } from '../../schema/row';

/** One line of the timeline: a day's heading, or one event. */
export type TimelineLine =
  { kind: 'day'; day: number; events: number } | { kind: 'event'; time: number; event: string; amount: number | null };

const dayMs = 86_400_000;

/**
 * A user's events (wall times as epoch ms, in time order) grouped by day: a heading with the
 * day's count before its events. Flat, so that a long history can be drawn a window at a time.
 */
export function timelineLines(rows: readonly Row[]): TimelineLine[] {
  const lines: TimelineLine[] = [];
  let heading: { kind: 'day'; day: number; events: number } | null = null;
  for (const r of rows) {
    const time = Number(r.local_ts);
    const day = time - (((time % dayMs) + dayMs) % dayMs);
    if (!heading || heading.day !== day) {
      heading = { kind: 'day', day, events: 0 };
      lines.push(heading);
    }
    heading.events++;
    lines.push({ kind: 'event', time, event: String(r.event), amount: r.amount === null ? null : Number(r.amount) });
  }
  return lines;
}
