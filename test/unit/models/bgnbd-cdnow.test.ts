import { describe, expect, it } from 'vitest';
import {
  conditionalExpectedPurchases,
  customerSummary,
  expectedPurchases,
  fitBgNbd,
  logLikelihood,
  predictMany,
  probabilityAlive,
  type CustomerSummary,
  type PurchaseSummary,
} from '../../../src/models/bgnbd';
import { CALIBRATION_END, masterRecords, publishedSummary, sampleRecords } from './cdnow-data';

// Fader, Hardie & Lee (2005) on the 2,357-customer CDNOW sample, weeks (../shared/data/README.md).
const PUBLISHED = { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 };
const PUBLISHED_LL = -9582.43;

function summarise(records: ReturnType<typeof sampleRecords>): CustomerSummary[] {
  const summary = customerSummary(records, CALIBRATION_END, 'week');
  if (!summary.ok) throw new Error(summary.code);
  return summary.value;
}

/** Customers grouped by (x, tx, T) with a count, in plain code, as the app's SQL groups them. */
function grouped(customers: readonly CustomerSummary[]): PurchaseSummary[] {
  const groups = new Map<string, PurchaseSummary & { count: number }>();
  for (const { x, tx, T } of customers) {
    const key = `${x}|${tx}|${T}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { x, tx, T, count: 1 });
  }
  return [...groups.values()];
}

describe('BG/NBD on the CDNOW sample', () => {
  const sample = summarise(sampleRecords());

  it('summarises every customer exactly as published', () => {
    const published = publishedSummary();
    expect(sample).toHaveLength(2357);
    expect(published.size).toBe(2357);
    const round = (v: number) => Math.round(v * 100) / 100;
    const mismatches = sample.filter((c) => {
      const p = published.get(c.userId);
      return p === undefined || c.x !== p.x || round(c.tx) !== p.tx || round(c.T) !== p.T;
    });
    expect(mismatches).toEqual([]);
  });

  it('has the published log-likelihood at the published parameters', () => {
    expect(logLikelihood(PUBLISHED, sample)).toBeCloseTo(PUBLISHED_LL, 2);
  });

  it('fits the published parameters', () => {
    const fit = fitBgNbd(sample);
    if (!fit.ok) throw new Error(fit.code);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[name] / PUBLISHED[name] - 1)).toBeLessThan(1e-3);
    }
    expect(fit.logLikelihood).toBeCloseTo(PUBLISHED_LL, 2);
    expect(fit.standardErrors).not.toBeNull();
  });

  it('fits the same on customers grouped by (x, t_x, T) with counts as on each customer', () => {
    const triples = grouped(sample);
    console.log(`CDNOW sample: ${sample.length} customers, ${triples.length} distinct (x, t_x, T)`);
    expect(triples.length).toBeLessThan(sample.length);
    expect(triples.reduce((n, t) => n + t.count!, 0)).toBe(sample.length);
    // The weighted sum of the likelihood is the per-customer sum, at any parameters.
    expect(logLikelihood(PUBLISHED, triples)).toBeCloseTo(logLikelihood(PUBLISHED, sample), 8);
    expect(logLikelihood({ r: 1, alpha: 2, a: 3, b: 4 }, triples)).toBeCloseTo(
      logLikelihood({ r: 1, alpha: 2, a: 3, b: 4 }, sample),
      8,
    );
    const weighted = fitBgNbd(triples);
    const each = fitBgNbd(sample);
    if (!weighted.ok || !each.ok) throw new Error('no fit');
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(weighted.params[name] / each.params[name] - 1), name).toBeLessThan(1e-6);
      expect(Math.abs(weighted.params[name] / PUBLISHED[name] - 1), name).toBeLessThan(1e-3);
      expect(Math.abs(weighted.standardErrors![name] / each.standardErrors![name] - 1), name).toBeLessThan(1e-4);
    }
    expect(weighted.logLikelihood).toBeCloseTo(each.logLikelihood, 6);
    expect(weighted.logLikelihood).toBeCloseTo(PUBLISHED_LL, 2);
  });

  it('predicts per triple what each customer of it gets', () => {
    const { pAlive, expected } = predictMany(PUBLISHED, sample, 52);
    sample.forEach((c, i) => {
      expect(pAlive[i]).toBe(probabilityAlive(PUBLISHED, c));
      expect(expected[i]).toBeCloseTo(conditionalExpectedPurchases(PUBLISHED, c, 52), 12);
    });
    const at26 = sample.findIndex((c) => c.x === 26);
    expect(pAlive[at26]).toBeCloseTo(0.9689, 3);
    expect(expected[at26]! / 25.757).toBeCloseTo(1, 3);
  });

  it('predicts as published for one customer and for a new customer', () => {
    const customer = { x: 26, tx: 30.857, T: 31 };
    expect(probabilityAlive(PUBLISHED, customer)).toBeCloseTo(0.9689, 4);
    expect(conditionalExpectedPurchases(PUBLISHED, customer, 52)).toBeCloseTo(25.757, 3);
    expect(expectedPurchases(PUBLISHED, 52)).toBeCloseTo(1.444, 3);
  });
});

describe('BG/NBD on the CDNOW master file', () => {
  it('converges to a maximum near the sample estimates', () => {
    const master = summarise(masterRecords());
    expect(master).toHaveLength(23_570);
    console.log(`CDNOW master: ${master.length} customers, ${grouped(master).length} distinct (x, t_x, T)`);
    const fit = fitBgNbd(master);
    if (!fit.ok) throw new Error(fit.code);
    console.log('CDNOW master BG/NBD fit', fit.params, fit.logLikelihood, fit.standardErrors, fit.iterations);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Number.isFinite(fit.params[name])).toBe(true);
      expect(Math.abs(fit.params[name] / PUBLISHED[name] - 1)).toBeLessThan(0.3);
    }
    expect(fit.logLikelihood).toBeCloseTo(logLikelihood(fit.params, master), 6);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(logLikelihood(PUBLISHED, master));
  });
});
