import { describe, expect, it } from 'vitest';
import type { AnalysisFilter } from '../../../src/analyses/analysis-filter';
import { formatFilterParam, parseFilterParam } from '../../../src/analyses/filter-param';

const base = { values: [] as string[], min: null, max: null };

describe('filters in the URL', () => {
  it('reads what a person would write', () => {
    expect(parseFilterParam('event:Country:equals:France;user:plan:in:pro|team;event:os:not-empty;user:age:range:18|')).toEqual({
      filters: [
        { on: 'event', column: 'Country', op: 'equals', ...base, values: ['France'] },
        { on: 'user', column: 'plan', op: 'in', ...base, values: ['pro', 'team'] },
        { on: 'event', column: 'os', op: 'not-empty', ...base },
        { on: 'user', column: 'age', op: 'range', ...base, min: 18, max: null },
      ],
      invalid: null,
    });
  });

  it('round-trips any column name and value, separators and percent signs included', () => {
    const filters: AnalysisFilter[] = [
      { on: 'event', column: '国家:地区', op: 'in', ...base, values: ['O\'Brien "<script>"', 'a|b;c', '100%', ''] },
      { on: 'user', column: 'score;%', op: 'range', ...base, min: -1.5, max: 2e3 },
      { on: 'user', column: 'phone', op: 'empty', ...base },
    ];
    const text = formatFilterParam(filters);
    expect(text).toBeDefined();
    expect(text!.split(';')).toHaveLength(3);
    expect(parseFilterParam(text)).toEqual({ filters, invalid: null });
  });

  it('nothing for no filters; a clear "invalid" for what cannot be used, never a half-read list', () => {
    expect(formatFilterParam([])).toBeUndefined();
    expect(parseFilterParam(undefined)).toEqual({ filters: [], invalid: null });
    for (const bad of [
      'device:x:equals:1',
      'event:x:like:1',
      'user:age:range:|',
      'user:age:range:ten|',
      'event:x:equals',
      'event:x:equals:a:b',
      'event:%E0:equals:a',
    ]) {
      expect(parseFilterParam(`event:ok:equals:1;${bad}`), bad).toEqual({ filters: [], invalid: expect.any(String) });
    }
  });
});
