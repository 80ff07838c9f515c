import { describe, expect, it } from 'vitest';
import { analyses, declaredKinds } from '../../../src/analyses/registry';
import { validateRequest } from '../../../src/analyses/request';

const weekly = {
  startEvent: null,
  returnEvent: 'buy',
  cohortType: 'first-time',
  cohortBy: 'first-event',
  grain: 'week',
  weekStart: 'monday',
  periodMode: 'calendar',
  measure: 'on',
  periods: 12,
  brackets: [],
  breakdown: null,
  breakdownFrom: 'user',
};

/** A valid spec of each kind (a new kind adds its own here). */
const validSpecs: Partial<Record<keyof typeof analyses, unknown>> = {
  summary: {},
  'active-users': { mauWindow: 30, coreEvents: [] },
  'new-users': { grain: 'day', weekStart: 'sunday' },
  revenue: { grain: 'month', weekStart: 'monday' },
  'top-events': { limit: 10 },
  retention: weekly,
  'retention-users': { ...weekly, cell: { cohort: '2024-01-01', breakdown: null, periodN: 2 } },
  lifecycle: { grain: 'week', weekStart: 'monday', coreEvents: ['open'] },
  stickiness: { grain: 'month', weekStart: 'monday', coreEvents: [], span: '2024-02-01' },
  'lifecycle-users': { grain: 'week', weekStart: 'monday', coreEvents: [], bar: { period: '2024-01-08', state: 'dormant' } },
  'stickiness-users': {
    grain: 'week',
    weekStart: 'sunday',
    coreEvents: ['open'],
    span: null,
    bucket: { span: '2024-01-07', k: 3, atLeast: true },
  },
};

describe('the analysis registry', () => {
  it('declares each kind once', () => {
    expect(new Set(declaredKinds).size).toBe(declaredKinds.length);
    expect(Object.keys(analyses).sort()).toEqual([...declaredKinds].sort());
  });

  it.each(Object.entries(validSpecs))('accepts a valid %s spec and rejects junk', (kind, spec) => {
    const checked = validateRequest({ kind, spec });
    expect(checked.ok && checked.value.spec).toEqual(spec);
    expect(validateRequest({ kind, spec: 'junk' }).ok).toBe(false);
  });
});

describe('validateRequest: the worker door', () => {
  it('names the unknown kind, including names of Object.prototype', () => {
    for (const kind of ['nope', '__proto__', 'toString', 42]) {
      expect(validateRequest({ kind, spec: {} })).toEqual({
        ok: false,
        problem: { code: 'request.unknownKind', vars: { kind: String(kind) } },
      });
    }
  });

  it('checks a segment: a rule or frozen ids, nothing else', () => {
    expect(validateRequest({ kind: 'summary', spec: {}, segment: 's1' }).ok).toBe(false);
    expect(validateRequest({ kind: 'summary', spec: {}, segment: { ids: ['a', 3] } })).toEqual({
      ok: false,
      problem: { code: 'spec.invalid', vars: { field: 'segment.ids[1]', expected: 'text' } },
    });
    expect(validateRequest({ kind: 'summary', spec: {}, segment: { rule: { kind: 'drop' } } }).ok).toBe(false);
    const rule = { kind: 'seen', which: 'last', op: 'within', date: null, days: 7 };
    const checked = validateRequest({ kind: 'summary', spec: {}, segment: { rule } });
    expect(checked.ok && checked.value.scope).toEqual({ asOf: null, from: null, segment: { rule }, filters: [] });
  });

  it('checks filters: where each applies, a known test, the values it needs', () => {
    const country = { on: 'event', column: 'Country', op: 'equals', values: ['France'], min: null, max: null };
    const checked = validateRequest({ kind: 'summary', spec: {}, filters: [country] });
    expect(checked.ok && checked.value.scope.filters).toEqual([country]);
    expect(validateRequest({ kind: 'summary', spec: {}, filters: [{ ...country, on: 'device' }] })).toEqual({
      ok: false,
      problem: { code: 'spec.invalid', vars: { field: 'filters[0].on', expected: 'event | user' } },
    });
    expect(validateRequest({ kind: 'summary', spec: {}, filters: [{ ...country, values: [] }] })).toEqual({
      ok: false,
      problem: { code: 'spec.invalid', vars: { field: 'filters[0].values', expected: 'one value' } },
    });
    expect(validateRequest({ kind: 'summary', spec: {}, filters: 'Country=France' }).ok).toBe(false);
  });

  it('checks the "as of" date and carries it in the scope', () => {
    expect(validateRequest({ kind: 'summary', spec: {}, asOf: '2024-13-01' })).toEqual({
      ok: false,
      problem: { code: 'spec.invalid', vars: { field: 'asOf', expected: 'YYYY-MM-DD' } },
    });
    const checked = validateRequest({ kind: 'summary', spec: {}, asOf: '2024-02-29' });
    expect(checked.ok && checked.value.scope).toEqual({ asOf: '2024-02-29', from: null, segment: null, filters: [] });
  });

  it('names the spec field that is wrong', () => {
    expect(validateRequest({ kind: 'retention', spec: { ...weekly, measure: "'; DROP TABLE events; --" } })).toEqual({
      ok: false,
      problem: { code: 'spec.invalid', vars: { field: 'measure', expected: 'on | on-or-after | bracket' } },
    });
  });

  it('refuses what is not a request', () => {
    for (const input of [null, 'summary', [], 3])
      expect(validateRequest(input)).toEqual({ ok: false, problem: { code: 'request.invalid' } });
  });
});
