import { fail, ok, type Result } from '../../schema/problem';
import { grains, type Grain, type WeekStart } from '../../schema/period';
import type { BreakdownFrom, RetentionSpec } from './retention-query';
import type { AverageKind } from '../retention-average';
import { pickParam } from '../url-params';

export interface RetentionSettings {
  spec: RetentionSpec;
  average: AverageKind;
}

export type SettingsProblem =
  { kind: 'missing-event'; event: string } | { kind: 'bad-brackets' } | { kind: 'bad-periods'; min: number; max: number };

/** The range of the periods box; the URL's `n` outside it is reported, never silently moved. */
export const periodsRange = { min: 1, max: 60 } as const;

/** The number of periods shown when the URL gives none: about a quarter, a season or half a year. */
export function defaultPeriods(grain: Grain): number {
  return grain === 'day' ? 14 : grain === 'week' ? 12 : 6;
}

/** Brackets that fit the grain: the first periods one by one, then wider ones. */
export function defaultBrackets(grain: Grain): string {
  return grain === 'day' ? '0-0,1-1,2-7,8-30' : grain === 'week' ? '0-0,1-1,2-4,5-12' : '0-0,1-1,2-3,4-6';
}

/** Parses `0-0,1-1,2-7` into brackets. */
export function parseBrackets(text: string): Result<[number, number][]> {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const brackets: [number, number][] = [];
  for (const part of parts) {
    const m = /^(\d{1,3})\s*-\s*(\d{1,3})$/.exec(part);
    if (!m) return fail('retention.badBrackets', { part });
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (to < from) return fail('retention.badBrackets', { part });
    brackets.push([from, to]);
  }
  return brackets.length > 0 ? ok(brackets) : fail('retention.badBrackets', { part: text });
}

/**
 * The retention spec a URL asks for, checked against the events in the loaded data; `null`
 * while the data is still loading (its events are not known yet, so none is missing).
 */
export function retentionSettingsFromParams(
  params: Record<string, string>,
  eventNames: readonly string[] | null,
  weekStart: WeekStart,
): { settings: RetentionSettings; problem?: undefined } | { problem: SettingsProblem; settings?: RetentionSettings } {
  const startEvent = params.start ? params.start : null;
  const returnEvent = params.ret ? params.ret : null;
  for (const event of [startEvent, returnEvent]) {
    if (event !== null && eventNames !== null && !eventNames.includes(event))
      return { problem: { kind: 'missing-event', event } };
  }
  const grain = pickParam(params, 'grain', grains, 'week');
  const measure = pickParam(params, 'measure', ['on', 'on-or-after', 'bracket'] as const, 'on');
  let brackets: [number, number][] = [];
  if (measure === 'bracket') {
    const parsed = parseBrackets(params.brackets ?? defaultBrackets(grain));
    if (!parsed.ok) return { problem: { kind: 'bad-brackets' } };
    brackets = parsed.value;
  }
  let periods = defaultPeriods(grain);
  let problem: SettingsProblem | undefined;
  if (params.n !== undefined && measure !== 'bracket') {
    const n = /^\d{1,6}$/.test(params.n.trim()) ? Number(params.n) : Number.NaN;
    // Issue 13, bug 8: an `n` out of range is reported, not moved, so the box and the URL agree.
    if (n >= periodsRange.min && n <= periodsRange.max) periods = n;
    else problem = { kind: 'bad-periods', ...periodsRange };
  }
  const settings: RetentionSettings = {
    spec: {
      startEvent,
      returnEvent,
      cohortType: pickParam(params, 'type', ['first-time', 'recurring'] as const, 'first-time'),
      cohortBy: pickParam(params, 'by', ['first-event', 'signup'] as const, 'first-event'),
      grain,
      weekStart,
      periodMode: pickParam(params, 'mode', ['calendar', 'rolling'] as const, 'calendar'),
      measure,
      periods,
      brackets,
      breakdown: params.breakdown ? params.breakdown : null,
      breakdownFrom: breakdownFromParam(params),
    },
    average: pickParam(params, 'mean', ['weighted', 'simple'] as const, 'weighted'),
  };
  return problem ? { problem, settings } : { settings };
}

/** The most segments retention puts side by side (issue 9). */
const maxSegments = 4;

/**
 * The saved segments retention is broken down by: `segments=<id>,<id>` (each id URI-encoded, so
 * an id may hold a comma), each once, at most four. The `segment` filter is a separate param.
 */
export function sideBySideFromParams(params: Record<string, string>): string[] {
  const ids: string[] = [];
  for (const part of (params.segments ?? '').split(',')) {
    let id: string;
    try {
      id = decodeURIComponent(part);
    } catch {
      continue;
    }
    if (id && !ids.includes(id) && ids.length < maxSegments) ids.push(id);
  }
  return ids;
}

/** The `segments` param for a list of segment ids; undefined (dropped) when empty. */
export function sideBySideParam(ids: readonly string[]): string | undefined {
  return ids.length === 0 ? undefined : ids.map(encodeURIComponent).join(',');
}

/** An event column is attributed to each user by its first or last event (`touch=first|last`). */
function breakdownFromParam(params: Record<string, string>): BreakdownFrom {
  const touch = pickParam(params, 'touch', ['user', 'first', 'last'] as const, 'user');
  return touch === 'first' ? 'first-touch' : touch === 'last' ? 'last-touch' : 'user';
}
