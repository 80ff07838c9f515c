import { join, lit, sql, type Sql } from '../sql';

/** A span of constant UTC offset: from `fromMs` (inclusive, null = since ever) onwards. */
export interface OffsetSpan {
  fromMs: number | null;
  offsetSeconds: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows this IANA time zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of local wall time from UTC at an instant, in seconds (east positive). */
export function offsetSecondsAt(timeZone: string, epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const wholeSecondMs = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wall - wholeSecondMs) / 1000);
}

/**
 * The offsets of a time zone over [fromMs, toMs], found with Intl (DuckDB-WASM ships no
 * ICU). Transitions are located to the second by bisection between daily samples.
 */
export function offsetSpans(timeZone: string, fromMs: number, toMs: number): OffsetSpan[] {
  const start = fromMs - 2 * DAY_MS;
  const end = toMs + 2 * DAY_MS;
  const spans: OffsetSpan[] = [{ fromMs: null, offsetSeconds: offsetSecondsAt(timeZone, start) }];
  let prevT = start;
  let prevOffset = spans[0]!.offsetSeconds;
  for (let t = start + DAY_MS; t <= end + DAY_MS; t += DAY_MS) {
    const offset = offsetSecondsAt(timeZone, t);
    if (offset !== prevOffset) {
      let lo = prevT;
      let hi = t;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offsetSecondsAt(timeZone, mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      spans.push({ fromMs: hi, offsetSeconds: offset });
      prevOffset = offset;
    }
    prevT = t;
  }
  return spans;
}

/**
 * SQL that turns a UTC TIMESTAMP expression into local wall time for the given offset
 * spans (a CASE over the few transitions in the data's range; no ICU needed).
 */
export function toLocalTime(utcTs: Sql, spans: readonly OffsetSpan[]): Sql {
  const first = spans[0];
  if (!first) throw new Error('no offset spans');
  if (spans.length === 1) return sql`(${utcTs} + to_seconds(${first.offsetSeconds}))`;
  const whens: Sql[] = [];
  for (let i = 1; i < spans.length; i++) {
    const span = spans[i]!;
    whens.push(sql`WHEN ${utcTs} < ${lit(new Date(span.fromMs ?? 0))} THEN ${spans[i - 1]!.offsetSeconds}`);
  }
  const last = spans[spans.length - 1]!;
  return sql`(${utcTs} + to_seconds(CASE ${join(whens, ' ')} ELSE ${last.offsetSeconds} END))`;
}

/**
 * SQL that reads a naive local wall-time expression as an instant in the zone and yields
 * UTC. A wall time skipped by a DST jump is read with the new offset; a repeated wall
 * time as its first occurrence.
 */
export function fromLocalTime(localTs: Sql, spans: readonly OffsetSpan[]): Sql {
  const first = spans[0];
  if (!first) throw new Error('no offset spans');
  if (spans.length === 1) return sql`(${localTs} - to_seconds(${first.offsetSeconds}))`;
  const whens: Sql[] = [];
  for (let i = 1; i < spans.length; i++) {
    const span = spans[i]!;
    const before = spans[i - 1]!.offsetSeconds;
    // The last local wall time still read with the earlier offset.
    const switchLocal = new Date((span.fromMs ?? 0) + before * 1000);
    whens.push(sql`WHEN ${localTs} < ${lit(switchLocal)} THEN ${before}`);
  }
  const last = spans[spans.length - 1]!;
  return sql`(${localTs} - to_seconds(CASE ${join(whens, ' ')} ELSE ${last.offsetSeconds} END))`;
}

export const utcSpans: readonly OffsetSpan[] = [{ fromMs: null, offsetSeconds: 0 }];
