import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../../../src/analyses/request';

/** A valid spec of each churn kind. */
const validSpecs = {
  'churn-gaps': { coreEvents: [] },
  'churn-rate': { grain: 'week', weekStart: 'monday', coreEvents: ['open'], threshold: null },
  'churn-stages': { grain: 'month', weekStart: 'sunday', coreEvents: [], threshold: 60, silent: 14 },
  'churn-status': { coreEvents: [], threshold: 30, asOf: '1997-09-30' },
  'churn-at-risk': { coreEvents: [], threshold: null, asOf: null, alpha: 2.5, pAlive: 0.3, window: 14, beta: 50 },
  'churn-by-cohort': { coreEvents: [], threshold: 30, asOf: null, grain: 'month', weekStart: 'monday' },
  'churn-by-attribute': { coreEvents: [], threshold: null, asOf: '2024-01-31', attribute: "O'Brien's plan" },
  'churn-churned-users': { coreEvents: ['open'], threshold: 30, asOf: null, churned: false },
  'churn-flow': { grain: 'week', weekStart: 'monday', coreEvents: [], threshold: 60, silent: 14, period: '2024-01-15' },
  'churn-bgnbd': { calibrationEnd: '1997-09-30', unit: 'week', horizon: 52, event: null },
};

describe('the churn kinds at the worker door', () => {
  it.each(Object.entries(validSpecs))('accepts a valid %s spec and rejects junk', (kind, spec) => {
    const checked = validateRequest({ kind, spec });
    expect(checked.ok && checked.value.spec).toEqual(spec);
    expect(validateRequest({ kind, spec: 'junk' }).ok).toBe(false);
  });

  it('rejects a threshold of 0 days, a date that does not exist, a horizon of 0, an alpha below 1', () => {
    const field = (kind: keyof typeof validSpecs, patch: Record<string, unknown>) => {
      const checked = validateRequest({ kind, spec: { ...validSpecs[kind], ...patch } });
      return checked.ok ? null : checked.problem.vars?.field;
    };
    expect(field('churn-status', { threshold: 0 })).toBe('threshold');
    expect(field('churn-status', { asOf: '1997-02-30' })).toBe('asOf');
    expect(field('churn-bgnbd', { horizon: 0 })).toBe('horizon');
    expect(field('churn-bgnbd', { unit: 'month' })).toBe('unit');
    expect(field('churn-at-risk', { alpha: 0.5 })).toBe('alpha');
    expect(field('churn-at-risk', { pAlive: 2 })).toBe('pAlive');
    expect(field('churn-at-risk', { window: 0 })).toBe('window');
    expect(field('churn-at-risk', { window: 2.5 })).toBe('window');
    expect(field('churn-at-risk', { beta: 0 })).toBe('beta');
    expect(field('churn-flow', { period: '2024-13-01' })).toBe('period');
    expect(field('churn-by-attribute', { attribute: 3 })).toBe('attribute');
  });
});
