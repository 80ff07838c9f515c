import { describe, expect, it } from 'vitest';
import { gridRegions } from '../../../../src/analyses/rfm/grid-regions';
import {
  rfGrid,
  segmentMap,
  summarizeNamedSegments,
  type RfmCell,
  type SegmentRule,
} from '../../../../src/analyses/rfm/rfm-segments';
import {
  formatScoreMap,
  isDefaultScoreMap,
  scoreMapNotes,
  scoreMapProblems,
  tryParseScoreMap,
} from '../../../../src/analyses/rfm/score-map';

const cell = (r: number, f: number, m: number, users: number, revenue = 0): RfmCell => ({
  r,
  f,
  m,
  group: 'general-value',
  users,
  recencySum: users * 10,
  frequencySum: users * 2,
  monetarySum: revenue,
  revenue,
  recency: [0, 0],
  frequency: [0, 0],
  monetary: [0, 0],
});

describe('the score map in the URL', () => {
  it('writes rules in order as segment.RR.FF.MM and reads them back', () => {
    const map: SegmentRule[] = [
      { segment: 'champions', r: [4, 5], f: [4, 5], m: [1, 5] },
      { segment: 'lost', r: [1, 1], f: [1, 3], m: [2, 2] },
    ];
    expect(formatScoreMap(map)).toBe('champions.45.45.15_lost.11.13.22');
    expect(tryParseScoreMap('champions.45.45.15_lost.11.13.22')).toEqual({ ok: true, value: map });
    expect(tryParseScoreMap(formatScoreMap(segmentMap))).toEqual({ ok: true, value: segmentMap });
    expect(isDefaultScoreMap(segmentMap)).toBe(true);
    expect(isDefaultScoreMap(map)).toBe(false);
  });

  it('says which rule is wrong and why', () => {
    expect(tryParseScoreMap('champions.45.45.15_lost.11.1')).toEqual({
      ok: false,
      problem: { code: 'rfm.map.syntax', vars: { rule: 2, text: 'lost.11.1' } },
    });
    expect(tryParseScoreMap('vip.55.55.55')).toEqual({
      ok: false,
      problem: { code: 'rfm.map.unknownSegment', vars: { rule: 1, name: 'vip' } },
    });
    expect(tryParseScoreMap('champions.54.45.15')).toEqual({
      ok: false,
      problem: { code: 'rfm.map.range', vars: { rule: 1, measure: 'R', low: 5, high: 4 } },
    });
    expect(tryParseScoreMap('champions.55.06.15').ok).toBe(false);
    expect(tryParseScoreMap('<script>.55.55.55').ok).toBe(false);
    expect(scoreMapProblems([])).toEqual([{ code: 'rfm.map.empty' }]);
    expect(scoreMapProblems(Array.from({ length: 23 }, () => segmentMap[0]!))).toEqual([
      { code: 'rfm.map.tooMany', vars: { n: 23, max: 22 } },
    ]);
  });

  it('notes rules that earlier ones shadow and scores no rule holds', () => {
    expect(scoreMapNotes(segmentMap)).toEqual([]);
    const map: SegmentRule[] = [
      { segment: 'champions', r: [4, 5], f: [1, 5], m: [1, 5] },
      { segment: 'loyal', r: [5, 5], f: [5, 5], m: [1, 5] },
      { segment: 'lost', r: [1, 1], f: [1, 5], m: [1, 5] },
    ];
    // R 2 and 3 are in no rule: 2 x 5 x 5 triples.
    expect(scoreMapNotes(map)).toEqual([
      { code: 'rfm.map.unreached', vars: { rule: 2, name: 'loyal' } },
      { code: 'rfm.map.unmatched', vars: { n: 50 } },
    ]);
  });
});

describe('named segments under an edited map', () => {
  const cells = [cell(5, 5, 5, 3, 300), cell(4, 2, 1, 2, 20), cell(3, 3, 3, 4, 40), cell(1, 1, 1, 1, 1)];

  it('counts customers by the first rule that holds, the rest as Other', () => {
    const map: SegmentRule[] = [
      { segment: 'lost', r: [1, 2], f: [1, 5], m: [1, 5] },
      { segment: 'champions', r: [4, 5], f: [2, 5], m: [1, 5] },
      { segment: 'loyal', r: [1, 5], f: [5, 5], m: [1, 5] },
    ];
    const groups = summarizeNamedSegments(cells, map, true);
    expect(groups.map((g) => [g.key, g.users])).toEqual([
      ['lost', 1],
      ['champions', 5],
      ['loyal', 0],
      ['other', 4],
    ]);
    const other = groups.find((g) => g.key === 'other')!;
    expect(other.userShare).toBeCloseTo(4 / 10, 12);
    expect(other.revenueShare).toBeCloseTo(40 / 361, 12);
    // The same map with Other left out when nobody and no score falls outside it.
    expect(summarizeNamedSegments(cells).map((g) => g.key)).not.toContain('other');
  });

  it('draws the regions the squares get, not the rules boxes', () => {
    // The second rule's box (all of R 5) is partly taken by the first (R 5, F 4-5).
    const map: SegmentRule[] = [
      { segment: 'champions', r: [5, 5], f: [4, 5], m: [1, 5] },
      { segment: 'new-customers', r: [5, 5], f: [1, 5], m: [1, 5] },
      { segment: 'lost', r: [1, 4], f: [1, 5], m: [2, 5] },
    ];
    const grid = rfGrid([], map);
    expect(grid.find((s) => s.r === 5 && s.f === 3)!.segment).toBe('new-customers');
    expect(grid.find((s) => s.r === 5 && s.f === 4)!.segment).toBe('champions');
    // M 1 at R 1-4 is in no rule, so those squares depend on M: unnamed.
    expect(grid.find((s) => s.r === 2 && s.f === 2)!.segment).toBeNull();
    const { labels, edges } = gridRegions(grid);
    expect(labels).toEqual([
      { r: 5, f: 1, segment: 'new-customers' },
      { r: 5, f: 4, segment: 'champions' },
    ]);
    // The border between new-customers (F 1-3) and champions (F 4-5) on row R 5.
    expect(edges).toContainEqual({ x1: 3.5, y1: 4.5, x2: 3.5, y2: 5.5 });
    // No border inside the R 1-4 region.
    expect(edges).not.toContainEqual({ x1: 1.5, y1: 1.5, x2: 1.5, y2: 2.5 });
    // The grid's outline: 20 sides, plus the border under R 5 (5) and the one in it (1).
    expect(edges).toHaveLength(26);
  });
});
