import { describe, expect, it } from 'vitest';
import { namedSegments, rfGrid, segmentMap, segmentOf, type RfmCell } from '../../../../src/analyses/rfm/rfm-segments';
import { parseBreaks, rfmSettingsFromParams } from '../../../../src/analyses/rfm/rfm-settings';

const scores = [1, 2, 3, 4, 5];

describe('the named segments score map', () => {
  it('gives every score triple exactly one segment, and names every segment', () => {
    const seen = new Set<string>();
    for (const r of scores) {
      for (const f of scores) {
        for (const m of scores) {
          const matching = segmentMap.filter((rule) =>
            [r >= rule.r[0] && r <= rule.r[1], f >= rule.f[0] && f <= rule.f[1], m >= rule.m[0] && m <= rule.m[1]].every(Boolean),
          );
          expect(matching, `R${r} F${f} M${m}`).toHaveLength(1);
          seen.add(segmentOf(r, f, m)!);
        }
      }
    }
    expect([...seen].sort()).toEqual([...namedSegments].sort());
  });

  it('takes the first rule that holds', () => {
    const map = [
      { segment: 'lost', r: [1, 5], f: [1, 5], m: [1, 1] },
      { segment: 'champions', r: [5, 5], f: [1, 5], m: [1, 5] },
    ] as const;
    expect(segmentOf(5, 5, 1, map)).toBe('lost');
    expect(segmentOf(5, 5, 2, map)).toBe('champions');
    expect(segmentOf(4, 5, 2, map)).toBeNull();
  });

  it('lays out the R x F grid: 25 squares, shares of all customers, the segment of each square', () => {
    const cell = (r: number, f: number, m: number, users: number): RfmCell => ({
      r,
      f,
      m,
      group: 'general-value',
      users,
      recencySum: 0,
      frequencySum: 0,
      monetarySum: 0,
      revenue: 0,
      recency: [0, 0],
      frequency: [0, 0],
      monetary: [0, 0],
    });
    const grid = rfGrid([cell(5, 5, 1, 3), cell(5, 5, 4, 1), cell(1, 1, 1, 4)]);
    expect(grid).toHaveLength(25);
    expect(grid.find((s) => s.r === 5 && s.f === 5)).toEqual({ r: 5, f: 5, users: 4, share: 0.5, segment: 'champions' });
    expect(grid.find((s) => s.r === 1 && s.f === 1)).toMatchObject({ users: 4, segment: 'lost' });
    expect(grid.filter((s) => s.users === 0)).toHaveLength(23);
  });
});

describe('RFM settings from the URL', () => {
  it('reads four ascending breaks, and refuses anything else', () => {
    expect(parseBreaks('30,60,120,240')).toEqual({ ok: true, value: [30, 60, 120, 240] });
    expect(parseBreaks(' 1.5, 2，3 4 ')).toEqual({ ok: true, value: [1.5, 2, 3, 4] });
    expect(parseBreaks('1,2,3').ok).toBe(false);
    expect(parseBreaks('1,3,2,4').ok).toBe(false);
    expect(parseBreaks('1,1,2,3').ok).toBe(false);
    expect(parseBreaks('a,b,c,d').ok).toBe(false);
  });

  it('defaults everything but keeps what the link says', () => {
    expect(rfmSettingsFromParams({})).toEqual({
      ok: true,
      value: {
        spec: {
          asOf: null,
          frequency: 'orders',
          orderColumn: null,
          monetary: 'total',
          split: 'mean',
          rBreaks: null,
          fBreaks: null,
          mBreaks: null,
        },
        view: 'classic',
      },
    });
    const linked = rfmSettingsFromParams({
      asOf: '2011-12-10',
      orderColumn: 'InvoiceNo',
      frequency: 'days',
      fBreaks: '2,3,5,10',
      view: 'named',
    });
    expect(linked.ok && linked.value.spec).toMatchObject({
      asOf: '2011-12-10',
      orderColumn: 'InvoiceNo',
      frequency: 'days',
      fBreaks: [2, 3, 5, 10],
    });
    expect(rfmSettingsFromParams({ asOf: '2011-13-01' })).toEqual({
      ok: false,
      problem: { code: 'rfm.badAsOf', vars: { value: '2011-13-01' } },
    });
    expect(rfmSettingsFromParams({ mBreaks: '5,4,3,2' })).toEqual({
      ok: false,
      problem: { code: 'rfm.badBreaks', vars: { measure: 'M' } },
    });
  });
});
