import { describe, expect, it } from 'vitest';
import { parseBrackets, retentionSettingsFromParams } from '../../../../src/analyses/retention/retention-settings';

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

  it('clamps the number of periods and ignores unknown values', () => {
    const r = retentionSettingsFromParams({ n: '999', grain: 'year', mode: 'rolling' }, [], 'monday');
    expect('settings' in r && r.settings.spec).toMatchObject({ periods: 60, grain: 'week', periodMode: 'rolling' });
  });
});
