import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../../src/ingest/manifest';

const good = {
  format: 'strata.workspace',
  version: 1,
  name: 'w',
  timeZone: 'America/New_York',
  files: [{ role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'u', time: 't' } }],
};

describe('validateManifest', () => {
  it('accepts a minimal manifest and defaults the week start', () => {
    const r = validateManifest(good);
    expect(r).toEqual({ ok: true, value: { ...good, weekStart: 'monday' } });
  });

  it.each([
    [null, 'manifest.notJsonObject', undefined],
    [{ ...good, format: 'other' }, 'manifest.wrongFormat', { expected: 'strata.workspace' }],
    [{ ...good, version: 2 }, 'manifest.unsupportedVersion', { version: '2', supported: 1 }],
    [{ ...good, timeZone: 'Mars/Olympus' }, 'manifest.badTimeZone', { value: '"Mars/Olympus"' }],
    [{ ...good, weekStart: 'friday' }, 'manifest.badWeekStart', undefined],
    [{ ...good, files: [] }, 'manifest.noFiles', undefined],
    [
      { ...good, files: [{ ...good.files[0], role: 'sessions' }] },
      'manifest.notOneOf',
      { field: 'files[0].role', options: 'events, users, orders, identity' },
    ],
    [
      { ...good, files: [{ ...good.files[0], columns: { time: 't' } }] },
      'manifest.required',
      { field: 'files[0].columns.userId' },
    ],
    [
      { ...good, files: [{ ...good.files[0], columns: { userId: 'u' } }] },
      'manifest.needsTime',
      { field: 'files[0].columns.time', role: 'events' },
    ],
    [
      { ...good, files: [{ ...good.files[0], columns: { userId: 'u', time: 't', event: '' } }] },
      'manifest.notText',
      { field: 'files[0].columns.event' },
    ],
    [
      { ...good, files: [{ role: 'users', path: 'u.csv', format: 'csv', columns: { userId: 'u' } }] },
      'manifest.noEventsFile',
      undefined,
    ],
    [
      { ...good, files: [{ ...good.files[0], format: 'xls' }] },
      'manifest.notOneOf',
      { field: 'files[0].format', options: 'csv, whitespace, json, ndjson, xlsx, parquet' },
    ],
    [
      { ...good, files: [{ ...good.files[0], columns: { userId: 'u', time: 't', quantity: 'q' } }] },
      'manifest.quantityNeedsAmount',
      { field: 'files[0].columns.quantity' },
    ],
    [
      { ...good, files: [{ ...good.files[0], exclude: [{ column: 'InvoiceNo', op: 'like', value: 'C%' }] }] },
      'manifest.notOneOf',
      { field: 'files[0].exclude[0].op', options: 'starts-with, equals, contains, is-empty' },
    ],
    [
      { ...good, files: [{ ...good.files[0], exclude: [{ column: 'InvoiceNo', op: 'starts-with' }] }] },
      'manifest.ruleNeedsValue',
      { field: 'files[0].exclude[0].value', op: 'starts-with' },
    ],
  ])('rejects %j', (input, code, vars) => {
    expect(validateManifest(input)).toEqual({ ok: false, problem: vars ? { code, vars } : { code } });
  });

  it('keeps the path of a published snapshot of the tables, and refuses one that is no path', () => {
    expect(validateManifest({ ...good, snapshot: 'tables.snapshot.gz' })).toEqual({
      ok: true,
      value: { ...good, weekStart: 'monday', snapshot: 'tables.snapshot.gz' },
    });
    for (const snapshot of ['', 3, null]) {
      expect(validateManifest({ ...good, snapshot })).toEqual({
        ok: false,
        problem: { code: 'manifest.required', vars: { field: 'snapshot' } },
      });
    }
  });

  it('keeps the path of the answers published with the snapshot, and refuses one that is no path', () => {
    const named = { ...good, snapshot: 'tables.snapshot.gz', answers: 'tables.answers.json' };
    expect(validateManifest(named)).toEqual({ ok: true, value: { ...named, weekStart: 'monday' } });
    for (const answers of ['', 3, null]) {
      expect(validateManifest({ ...good, answers })).toEqual({
        ok: false,
        problem: { code: 'manifest.required', vars: { field: 'answers' } },
      });
    }
  });

  it('keeps import rules and the aligned-text format', () => {
    const file = {
      role: 'orders',
      path: 'o.txt',
      format: 'whitespace',
      columns: { userId: 'u', time: 't', amount: 'price', quantity: 'qty' },
      exclude: [
        { column: 'InvoiceNo', op: 'starts-with', value: 'C' },
        { column: 'note', op: 'is-empty' },
      ],
      sameDayAsOne: true,
    };
    const r = validateManifest({ ...good, files: [file] });
    expect(r.ok && r.value.files[0]).toEqual(file);
  });

  it("keeps a workbook's header row below row 1, drops row 1 (the default), and rejects what is no row number", () => {
    const sheet = { ...good.files[0], path: 'e.xlsx', format: 'xlsx', sheet: '明细' };
    const read = (headerRow: unknown) => validateManifest({ ...good, files: [{ ...sheet, headerRow }] });
    const kept = read(3);
    expect(kept.ok && kept.value.files[0]).toEqual({ ...sheet, headerRow: 3 });
    const first = read(1);
    expect(first.ok && first.value.files[0]).toEqual(sheet);
    for (const bad of [0, 2.5, '3', -1, 1_048_577]) {
      expect(read(bad)).toEqual({
        ok: false,
        problem: { code: 'manifest.notRowNumber', vars: { field: 'files[0].headerRow', max: 1_048_576 } },
      });
    }
  });
});
