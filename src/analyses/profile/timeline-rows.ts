import type { Row } from '../../schema/row';

/** One day of a user's timeline: its local day (epoch ms of midnight UTC) and its events. */
export interface TimelineDay {
  day: number;
  events: number;
}

/** One event: its wall time (epoch ms, as if UTC), name and amount. */
export interface TimelineEvent {
  time: number;
  event: string;
  amount: number | null;
}

/** One line of the timeline: a day's heading, or the n-th event of the user (0-based, in time order). */
export type TimelineLine = { kind: 'day'; day: number; events: number } | { kind: 'event'; ordinal: number };

/** How many events a page of the timeline holds (what one request brings across). */
export const timelinePageSize = 500;

export const toTimelineDays = (rows: readonly Row[]): TimelineDay[] =>
  rows.map((r) => ({ day: Number(r.day), events: Number(r.events) }));

export const toTimelineEvents = (rows: readonly Row[]): TimelineEvent[] =>
  rows.map((r) => ({ time: Number(r.local_ts), event: String(r.event), amount: r.amount === null ? null : Number(r.amount) }));

/**
 * The timeline's lines from the days alone: a heading with the day's count before its events,
 * flat, so that a long history is drawn a window at a time and only the events in view are
 * fetched (a user may have 100,000 events: they never cross the worker all at once).
 */
export function timelineLines(days: readonly TimelineDay[]): TimelineLine[] {
  const lines: TimelineLine[] = [];
  let ordinal = 0;
  for (const d of days) {
    lines.push({ kind: 'day', day: d.day, events: d.events });
    for (let i = 0; i < d.events; i++) lines.push({ kind: 'event', ordinal: ordinal++ });
  }
  return lines;
}

/** The pages (of timelinePageSize events) that hold the events of `lines`. */
export function pagesOf(lines: readonly TimelineLine[]): number[] {
  const pages = new Set<number>();
  for (const line of lines) if (line.kind === 'event') pages.add(Math.floor(line.ordinal / timelinePageSize));
  return [...pages];
}
