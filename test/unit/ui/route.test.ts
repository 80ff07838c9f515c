import { describe, expect, it } from 'vitest';
import { pickParam } from '../../../src/analyses/url-params';
import { formatRoute, parseRoute } from '../../../src/ui/route';

describe('hash routes', () => {
  it('round-trips a page and its settings', () => {
    const route = { page: 'retention', params: { grain: 'week', start: '下单' } };
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(formatRoute(route)).toBe('#/retention?grain=week&start=%E4%B8%8B%E5%8D%95');
  });
  it('defaults to the overview', () => {
    expect(parseRoute('')).toEqual({ page: 'overview', params: {} });
    expect(parseRoute('#/')).toEqual({ page: 'overview', params: {} });
  });
  it('only takes allowed values from the URL', () => {
    expect(pickParam({ grain: 'week' }, 'grain', ['day', 'week'], 'day')).toBe('week');
    expect(pickParam({ grain: 'year' }, 'grain', ['day', 'week'], 'day')).toBe('day');
  });
});
