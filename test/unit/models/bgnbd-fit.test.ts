import { describe, expect, it } from 'vitest';
import { fitBgNbd, fitBgNbdSteps, logLikelihood, type FitProgress, type PurchaseSummary } from '../../../src/models/bgnbd';
import { compressSummaries } from '../../../src/models/bgnbd/compress-summaries';
import { negativeLogLikelihood } from '../../../src/models/bgnbd/log-likelihood';
import { seededRandom } from './simulate-bgnbd';
import { simulateSummaries } from './simulate-bgnbd';

const TRUE = { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 };
const NAMES = ['r', 'alpha', 'a', 'b'] as const;
const simulated = simulateSummaries(TRUE, 20_000, { random: seededRandom(20050101), minT: 26, maxT: 52 });

describe('fitBgNbd', () => {
  it('recovers the parameters of simulated customers to within their standard errors', () => {
    const fit = fitBgNbd(simulated);
    if (!fit.ok) throw new Error(fit.code);
    expect(fit.standardErrors).not.toBeNull();
    for (const name of NAMES) expect(Math.abs(fit.params[name] - TRUE[name])).toBeLessThan(4 * fit.standardErrors![name]);
    expect(fit.logLikelihood).toBeGreaterThan(logLikelihood(TRUE, simulated));
  });

  it('gives the same fit for customers grouped with counts', () => {
    const groups = new Map<string, PurchaseSummary>();
    for (const c of simulated) {
      const key = `${c.x} ${c.tx} ${c.T}`;
      const g = groups.get(key);
      if (g) g.count = (g.count ?? 1) + 1;
      else groups.set(key, { ...c, count: 1 });
    }
    const plain = fitBgNbd(simulated);
    const grouped = fitBgNbd([...groups.values()]);
    if (!plain.ok || !grouped.ok) throw new Error('no fit');
    for (const name of NAMES) expect(grouped.params[name]).toBeCloseTo(plain.params[name], 6);
  });

  it('steps one iteration at a time, reporting progress, to the same result', () => {
    const reported: FitProgress[] = [];
    const steps = fitBgNbdSteps(simulated, { onProgress: (p) => reported.push(p) });
    const yielded: FitProgress[] = [];
    let step = steps.next();
    while (!step.done) {
      yielded.push(step.value);
      step = steps.next();
    }
    expect(yielded).toEqual(reported);
    const optimising = yielded.filter((p) => p.phase === 'optimise');
    expect(optimising.map((p) => p.iteration)).toEqual(optimising.map((_, i) => i + 1));
    expect(yielded.at(-1)!.phase).toBe('standard-errors');
    const fit = fitBgNbd(simulated);
    expect(step.value).toEqual(fit);
    if (!fit.ok) throw new Error(fit.code);
    expect(optimising.at(-1)!.logLikelihood).toBeCloseTo(fit.logLikelihood, 9);
  });

  it('reports standard errors from the curvature of the log-likelihood in the natural parameters', () => {
    const fit = fitBgNbd(simulated);
    if (!fit.ok || !fit.standardErrors) throw new Error('no fit');
    // Second differences of the plain log-likelihood in (r, alpha, a, b), inverted by Gauss–Jordan.
    const p = NAMES.map((n) => fit.params[n]);
    const ll = (q: number[]) => logLikelihood({ r: q[0]!, alpha: q[1]!, a: q[2]!, b: q[3]! }, simulated);
    const h = p.map((v) => 1e-3 * v);
    const shifted = (i: number, di: number, j: number, dj: number) =>
      ll(p.map((v, k) => v + (k === i ? di * h[i]! : 0) + (k === j ? dj * h[j]! : 0)));
    const m = NAMES.map((_, i) =>
      NAMES.map(
        (_, j) =>
          -(shifted(i, 1, j, 1) - shifted(i, 1, j, -1) - shifted(i, -1, j, 1) + shifted(i, -1, j, -1)) / (4 * h[i]! * h[j]!),
      ),
    );
    const inv = NAMES.map((_, i) => NAMES.map((_, j) => (i === j ? 1 : 0)));
    for (let c = 0; c < 4; c++) {
      const pivot = m[c]![c]!;
      for (let k = 0; k < 4; k++) {
        m[c]![k]! /= pivot;
        inv[c]![k]! /= pivot;
      }
      for (let row = 0; row < 4; row++) {
        if (row === c) continue;
        const factor = m[row]![c]!;
        for (let k = 0; k < 4; k++) {
          m[row]![k]! -= factor * m[c]![k]!;
          inv[row]![k]! -= factor * inv[c]![k]!;
        }
      }
    }
    NAMES.forEach((name, i) => expect(fit.standardErrors![name] / Math.sqrt(inv[i]![i]!)).toBeCloseTo(1, 3));
  });

  it('fails without customers, without repeat purchases, or on an invalid summary', () => {
    expect(fitBgNbd([])).toEqual({ ok: false, code: 'too-few-customers', vars: { customers: 0, minimum: 10 } });
    expect(fitBgNbd(Array.from({ length: 100 }, (_, i) => ({ x: 0, tx: 0, T: 10 + i })))).toEqual({
      ok: false,
      code: 'no-repeat-purchases',
      vars: { customers: 100 },
    });
    expect(fitBgNbd([...simulated.slice(0, 50), { x: 2, tx: 30, T: 20 }])).toEqual({
      ok: false,
      code: 'invalid-summary',
      vars: { index: 50, field: 'T' },
    });
    expect(fitBgNbd([{ x: 1.5, tx: 1, T: 2 }])).toMatchObject({ ok: false, code: 'invalid-summary', vars: { field: 'x' } });
  });

  it('stops when asked to, between iterations', () => {
    expect(fitBgNbd(simulated, { shouldStop: () => true })).toEqual({ ok: false, code: 'cancelled', vars: { iterations: 0 } });
    let seen = 0;
    const fit = fitBgNbd(simulated, { onProgress: (p) => (seen = p.iteration), shouldStop: () => seen >= 3 });
    expect(fit).toEqual({ ok: false, code: 'cancelled', vars: { iterations: 3 } });
  });

  it('reports what it tried when it runs out of iterations, and no parameters', () => {
    const fit = fitBgNbd(simulated, { maxIterations: 2 });
    expect(fit).toMatchObject({ ok: false, code: 'not-converged', vars: { iterations: 2, starts: 1 } });
    expect(fit).not.toHaveProperty('params');
    if (fit.ok || fit.code !== 'not-converged') throw new Error('expected not-converged');
    expect(fit.vars.gradientNorm).toBeGreaterThan(0);
    expect(Number.isFinite(fit.vars.logLikelihood)).toBe(true);
  });

  it('reports no maximum when the likelihood rises toward the edge of the parameter space', () => {
    // Identical purchase rates and nobody lapsing: the Gamma and Beta mixtures degenerate.
    const fit = fitBgNbd([
      { x: 0, tx: 0, T: 30, count: 50 },
      { x: 2, tx: 20, T: 30, count: 50 },
    ]);
    expect(fit).toMatchObject({ ok: false, code: 'not-converged' });
    expect(fit).toHaveProperty('vars.atBound');
  });
});

describe('negativeLogLikelihood', () => {
  const compressed = compressSummaries(simulated);
  if (!compressed.ok) throw new Error(compressed.code);
  const theta = Float64Array.from([0.3, 5, 0.6, 3], Math.log);

  it('is the negative of the plain log-likelihood', () => {
    const params = { r: 0.3, alpha: 5, a: 0.6, b: 3 };
    expect(negativeLogLikelihood(theta, compressed.value)).toBeCloseTo(-logLikelihood(params, simulated), 7);
  });

  it('has the analytic gradient in log-parameters', () => {
    const gradient = new Float64Array(4);
    negativeLogLikelihood(theta, compressed.value, gradient);
    for (let i = 0; i < 4; i++) {
      const h = 1e-6;
      const plus = theta.map((t, k) => (k === i ? t + h : t));
      const minus = theta.map((t, k) => (k === i ? t - h : t));
      const numeric = (negativeLogLikelihood(plus, compressed.value) - negativeLogLikelihood(minus, compressed.value)) / (2 * h);
      expect(Math.abs(gradient[i]! - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
    }
  });
});
