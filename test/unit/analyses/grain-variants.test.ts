// Issue 13: a grain change redrawn in 300 ms; the grains asked for ahead, nearest first.
import { describe, expect, it } from 'vitest';
import { grainVariants } from '../../../src/analyses/grain-variants';
import type { AnalysisRequest } from '../../../src/analyses/request';

const rate = (grain: 'day' | 'week' | 'month'): AnalysisRequest => ({
  kind: 'churn-rate',
  spec: { coreEvents: [], threshold: null, grain, weekStart: 'monday' },
  from: '2024-01-01',
  filters: [{ on: 'event', column: 'os', op: 'equals', values: ['ios'], min: null, max: null }],
});
const grainsOf = (requests: AnalysisRequest[]) => requests.map((r) => (r.spec as { grain: string }).grain);

describe('grainVariants', () => {
  it('gives the other grains, the nearest first and the coarser of two as near', () => {
    expect(grainsOf(grainVariants(rate('month')))).toEqual(['week', 'day']);
    expect(grainsOf(grainVariants(rate('week')))).toEqual(['month', 'day']);
    expect(grainsOf(grainVariants(rate('day')))).toEqual(['week', 'month']);
  });

  it('keeps the rest of the request (range, filters, other settings) as it is', () => {
    const [week] = grainVariants(rate('month'));
    expect(week).toEqual(rate('week'));
  });

  it('gives nothing for a spec without a grain', () => {
    expect(grainVariants({ kind: 'churn-gaps', spec: { coreEvents: [] } })).toEqual([]);
  });
});
