import { describe, expect, it } from 'vitest';
import {
  parseBrackets,
  retentionSettingsFromParams,
  sideBySideFromParams,
  sideBySideParam,
} from '../../../../src/analyses/retention/retention-settings';

describe('retention settings from the URL', () => {
  it('defaults to weekly first-time "on" retention over any event, weighted', () => {
    const r = retentionSettingsFromParams({}, ['open'], 'sunday');
    expect(r).toEqual({
      settings: {
        spec: {
          startEvent: null,
          returnEvent: null,
          cohortType: 'first-time',
          cohortBy: 'first-event',
          grain: 'week',
          weekStart: 'sunday',
          periodMode: 'calendar',
          measure: 'on',
          periods: 12,
          brackets: [],
          breakdown: null,
          breakdownFrom: 'user',
        },
        average: 'weighted',
      },
    });
  });

  it('says when a start event no longer exists after a re-import', () => {
    expect(retentionSettingsFromParams({ start: 'old_event' }, ['open'], 'monday')).toEqual({
      problem: { kind: 'missing-event', event: 'old_event' },
    });
  });

  it('reads brackets and rejects malformed ones', () => {
    expect(parseBrackets('0-0, 1-1,2-7')).toEqual({
      ok: true,
      value: [
        [0, 0],
        [1, 1],
        [2, 7],
      ],
    });
    expect(parseBrackets('3-1').ok).toBe(false);
    expect(parseBrackets('a-b').ok).toBe(false);
    expect(retentionSettingsFromParams({ measure: 'bracket', brackets: '1-' }, [], 'monday')).toEqual({
      problem: { kind: 'bad-brackets' },
    });
  });

  it('ignores unknown values', () => {
    const r = retentionSettingsFromParams({ n: '20', grain: 'year', mode: 'rolling' }, [], 'monday');
    expect(r.settings?.spec).toMatchObject({ periods: 20, grain: 'week', periodMode: 'rolling' });
  });

  it('Issue 13, bug 8: reports an out-of-range n instead of moving it, and keeps the other settings', () => {
    for (const n of ['100', '0', '-3', '2.5', 'abc', '']) {
      const r = retentionSettingsFromParams({ n, grain: 'month' }, [], 'monday');
      expect(r.problem).toEqual({ kind: 'bad-periods', min: 1, max: 60 });
      expect(r.settings?.spec.grain).toBe('month');
    }
    expect(retentionSettingsFromParams({ n: '60' }, [], 'monday')).toMatchObject({ settings: { spec: { periods: 60 } } });
    expect(retentionSettingsFromParams({ n: '1' }, [], 'monday')).toMatchObject({ settings: { spec: { periods: 1 } } });
  });

  it('Issue 13, bug 1: default brackets fit the grain', () => {
    const brackets = (grain: string) =>
      retentionSettingsFromParams({ grain, measure: 'bracket' }, [], 'monday').settings?.spec.brackets;
    expect(brackets('day')).toEqual([
      [0, 0],
      [1, 1],
      [2, 7],
      [8, 30],
    ]);
    expect(brackets('week')).toEqual([
      [0, 0],
      [1, 1],
      [2, 4],
      [5, 12],
    ]);
    expect(brackets('month')).toEqual([
      [0, 0],
      [1, 1],
      [2, 3],
      [4, 6],
    ]);
  });
});

describe('segments side by side in the URL (issue 9)', () => {
  it('reads up to four ids, each once, and keeps the segment filter apart', () => {
    expect(sideBySideFromParams({ segments: 'a,b,a,,c,d,e', segment: 'f' })).toEqual(['a', 'b', 'c', 'd']);
    expect(sideBySideFromParams({ segment: 'f' })).toEqual([]);
  });

  it('round-trips ids that hold a comma or a bad escape', () => {
    const ids = ['seg,1', '%zz', '用户'];
    expect(sideBySideParam(ids)).toBe('seg%2C1,%25zz,%E7%94%A8%E6%88%B7');
    expect(sideBySideFromParams({ segments: sideBySideParam(ids) ?? '' })).toEqual(ids);
    expect(sideBySideFromParams({ segments: '%E0%A4%A,ok' })).toEqual(['ok']);
    expect(sideBySideParam([])).toBeUndefined();
  });
});
