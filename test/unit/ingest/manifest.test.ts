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
    [null, 'a manifest must be a JSON object'],
    [{ ...good, format: 'other' }, '"format" must be "strata.workspace"'],
    [{ ...good, version: 2 }, 'unsupported manifest version 2 (this app reads 1)'],
    [{ ...good, timeZone: 'Mars/Olympus' }, '"timeZone" must be an IANA time zone name, got "Mars/Olympus"'],
    [{ ...good, weekStart: 'friday' }, '"weekStart" must be "monday" or "sunday"'],
    [{ ...good, files: [] }, '"files" must list at least one file'],
    [
      { ...good, files: [{ ...good.files[0], role: 'sessions' }] },
      'files[0].role must be one of events, users, orders, identity',
    ],
    [{ ...good, files: [{ ...good.files[0], columns: { time: 't' } }] }, 'files[0]: "columns.userId" is required'],
    [{ ...good, files: [{ ...good.files[0], columns: { userId: 'u' } }] }, 'files[0]: an events file needs "columns.time"'],
    [
      { ...good, files: [{ role: 'users', path: 'u.csv', format: 'csv', columns: { userId: 'u' } }] },
      'a workspace needs at least one events or orders file',
    ],
    [
      { ...good, files: [{ ...good.files[0], format: 'xls' }] },
      'files[0].format must be one of csv, whitespace, json, ndjson, xlsx, parquet',
    ],
    [
      { ...good, files: [{ ...good.files[0], columns: { userId: 'u', time: 't', quantity: 'q' } }] },
      'files[0]: "columns.quantity" needs "columns.amount" (the unit price)',
    ],
    [
      { ...good, files: [{ ...good.files[0], exclude: [{ column: 'InvoiceNo', op: 'like', value: 'C%' }] }] },
      'files[0].exclude[0].op must be one of starts-with, equals, contains, is-empty',
    ],
    [
      { ...good, files: [{ ...good.files[0], exclude: [{ column: 'InvoiceNo', op: 'starts-with' }] }] },
      'files[0].exclude[0].value is required for starts-with',
    ],
  ])('rejects %j', (input, reason) => {
    expect(validateManifest(input)).toEqual({ ok: false, reason });
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
});
