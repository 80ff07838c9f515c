// Issue 13: a date range that cuts nothing from the data is no scope at all, so its answers are the ones already given.
import { describe, expect, it } from 'vitest';
import { effectiveScope } from '../../../src/analyses/effective-scope';
import type { Scope } from '../../../src/analyses/scope';

const bounds = { firstDay: '2024-03-01', lastDay: '2024-05-09', lastCreatedDay: '2024-05-09' };
const scope = (patch: Partial<Scope>): Scope => ({ asOf: null, from: null, segment: null, filters: [], ...patch });
const rule = {
  kind: 'event',
  event: 'open',
  did: true,
  count: 'at-least',
  n: 1,
  measure: 'times',
  window: { kind: 'last', days: 7 },
  universe: 'all',
} as const;

describe('effectiveScope', () => {
  it('drops an "as of" on or after the last day, and a start on or before the first', () => {
    expect(effectiveScope(scope({ asOf: '2024-05-09', from: '2024-03-01' }), bounds)).toEqual(scope({}));
    expect(effectiveScope(scope({ asOf: '2024-06-30', from: '2023-12-31' }), bounds)).toEqual(scope({}));
  });

  it('keeps bounds that cut days', () => {
    expect(effectiveScope(scope({ asOf: '2024-05-08', from: '2024-03-02' }), bounds)).toEqual(
      scope({ asOf: '2024-05-08', from: '2024-03-02' }),
    );
    expect(effectiveScope(scope({ asOf: '2024-05-09', from: '2024-04-10' }), bounds)).toEqual(scope({ from: '2024-04-10' }));
  });

  it('keeps an "as of" before a signup that comes after the last event', () => {
    const late = { ...bounds, lastCreatedDay: '2024-05-20' };
    expect(effectiveScope(scope({ asOf: '2024-05-09' }), late)).toEqual(scope({ asOf: '2024-05-09' }));
    expect(effectiveScope(scope({ asOf: '2024-05-20' }), late)).toEqual(scope({}));
  });

  it('keeps an "as of" after the last day under a segment rule, whose windows count back from it', () => {
    const ruled = { rule } as const;
    expect(effectiveScope(scope({ asOf: '2024-05-19', segment: ruled }), bounds)).toEqual(
      scope({ asOf: '2024-05-19', segment: ruled }),
    );
    expect(effectiveScope(scope({ asOf: '2024-05-09', segment: ruled }), bounds)).toEqual(scope({ segment: ruled }));
    const ids = { ids: ['a'] };
    expect(effectiveScope(scope({ asOf: '2024-05-19', segment: ids }), bounds)).toEqual(scope({ segment: ids }));
  });

  it('keeps every bound of a workspace without days', () => {
    const none = { firstDay: null, lastDay: null, lastCreatedDay: null };
    expect(effectiveScope(scope({ asOf: '2024-05-09', from: '2024-03-01' }), none)).toEqual(
      scope({ asOf: '2024-05-09', from: '2024-03-01' }),
    );
  });
});
