import { describe, expect, it } from 'vitest';
import type { FileSpec, WorkspaceManifest } from '../../../src/ingest/manifest';
import {
  addAdvice,
  addToManifest,
  canRemoveFile,
  earliestDay,
  placePaths,
  removeFromManifest,
  uniquePath,
} from '../../../src/ingest/workspace-merge';

const events = (path: string): FileSpec => ({
  role: 'events',
  path,
  format: 'csv',
  columns: { userId: 'uid', time: 'ts', event: 'name' },
});
const users: FileSpec = { role: 'users', path: 'users.csv', format: 'csv', columns: { userId: 'uid', signupTime: 'joined' } };

const current: WorkspaceManifest = {
  format: 'strata.workspace',
  version: 1,
  name: 'events.csv',
  timeZone: 'Asia/Shanghai',
  weekStart: 'sunday',
  files: [events('events.csv')],
  segments: [{ id: 's1' }],
  reports: [{ id: 'r1' }],
};

describe('uniquePath', () => {
  it('keeps a free path and numbers a taken one before all its extensions', () => {
    expect(uniquePath('week2.csv', new Set(['events.csv']))).toBe('week2.csv');
    expect(uniquePath('events.csv', new Set(['events.csv']))).toBe('events (2).csv');
    expect(uniquePath('events.csv', new Set(['events.csv', 'events (2).csv']))).toBe('events (3).csv');
    expect(uniquePath('log.csv.gz', new Set(['log.csv.gz']))).toBe('log (2).csv.gz');
    expect(uniquePath('README', new Set(['README']))).toBe('README (2)');
    expect(uniquePath('.hidden', new Set(['.hidden']))).toBe('.hidden (2)');
    expect(uniquePath('export.2026.11.23.csv', new Set(['export.2026.11.23.csv']))).toBe('export.2026.11.23 (2).csv');
    expect(uniquePath('dir.v2/events', new Set(['dir.v2/events']))).toBe('dir.v2/events (2)');
    expect(uniquePath('log.GZ', new Set(['log.GZ']))).toBe('log (2).GZ');
  });

  it('places several added paths so that none clashes with the others either', () => {
    expect(placePaths(['a.csv', 'a (2).csv'], ['a.csv', 'a.csv', 'b.csv'])).toEqual({
      addedPaths: ['a (3).csv', 'a (4).csv', 'b.csv'],
      renamed: [
        { from: 'a.csv', to: 'a (3).csv' },
        { from: 'a.csv', to: 'a (4).csv' },
      ],
    });
  });
});

describe('addToManifest', () => {
  it('adds the files after the workspace’s own, keeping its name, zone, week start, segments and reports', () => {
    const merged = addToManifest(current, [events('events.csv'), users]);
    expect(merged).toEqual({
      ok: true,
      value: {
        manifest: { ...current, files: [events('events.csv'), events('events (2).csv'), users] },
        addedPaths: ['events (2).csv', 'users.csv'],
        renamed: [{ from: 'events.csv', to: 'events (2).csv' }],
      },
    });
  });

  it('keeps the pseudonyms of the workspace: added files are read with its salt', () => {
    const salted = { ...current, pseudonymise: { salt: '0123456789abcdef0123' } };
    const merged = addToManifest(salted, [users]);
    expect(merged.ok && merged.value.manifest.pseudonymise).toEqual({ salt: '0123456789abcdef0123' });
  });

  it('refuses an added file that is not a valid file spec, saying which', () => {
    const bad = { ...events('x.csv'), columns: { userId: 'uid' } };
    expect(addToManifest(current, [bad])).toEqual({
      ok: false,
      problem: { code: 'manifest.needsTime', vars: { field: 'files[1].columns.time', role: 'events' } },
    });
  });
});

describe('removing a file', () => {
  const two = { ...current, files: [events('events.csv'), events('week2.csv'), users] };

  it('removes any file while another events file stays, and only then', () => {
    expect(removeFromManifest(two, 'week2.csv')).toEqual({
      ok: true,
      value: { ...two, files: [events('events.csv'), users] },
    });
    expect(removeFromManifest(two, 'users.csv')).toEqual({
      ok: true,
      value: { ...two, files: [events('events.csv'), events('week2.csv')] },
    });
    const one = { ...current, files: [events('events.csv'), users] };
    expect(canRemoveFile(one, 'events.csv')).toBe(false);
    expect(canRemoveFile(one, 'users.csv')).toBe(true);
    expect(removeFromManifest(one, 'events.csv')).toEqual({
      ok: false,
      problem: { code: 'workspace.lastEventsFile', vars: { file: 'events.csv' } },
    });
    expect(removeFromManifest(one, 'gone.csv')).toEqual({
      ok: false,
      problem: { code: 'workspace.fileNotFound', vars: { file: 'gone.csv' } },
    });
  });

  it('counts an orders file as the events a workspace needs', () => {
    const orders: FileSpec = { ...events('orders.csv'), role: 'orders' };
    const mixed = { ...current, files: [events('events.csv'), orders] };
    expect(canRemoveFile(mixed, 'events.csv')).toBe(true);
    expect(canRemoveFile({ ...current, files: [orders, users] }, 'orders.csv')).toBe(false);
  });
});

describe('addAdvice', () => {
  const sizes = new Map([['events.csv', 1200]]);
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  const loaded = { firstDay: day('2026-11-16'), lastDay: day('2026-11-22') };
  const dropped = (spec: FileSpec, size: number, firstDay: number | null = day('2026-11-23')) => ({ spec, size, firstDay });

  it('advises adding a later export like the one loaded, and a users file or identity map to the events', () => {
    const identity: FileSpec = {
      role: 'identity',
      path: 'ids.csv',
      format: 'csv',
      columns: { userId: 'uid', anonymousId: 'did' },
    };
    expect(
      addAdvice(current, sizes, loaded, [dropped(events('week2.csv'), 1200), dropped(users, 90, null), dropped(identity, 40)]),
    ).toBeNull();
    // The same name with other contents: another export named alike, added (and renamed).
    expect(addAdvice(current, sizes, loaded, [dropped(events('events.csv'), 1500)])).toBeNull();
    // Times that do not read as dates say nothing either way.
    expect(addAdvice(current, sizes, loaded, [dropped(events('week2.csv'), 1500, null)])).toBeNull();
  });

  it('advises replacing when a file already loaded is dropped again, which would count its rows twice', () => {
    expect(addAdvice(current, sizes, loaded, [dropped(users, 90), dropped(events('events.csv'), 1200)])).toEqual({
      code: 'sameFile',
      file: 'events.csv',
    });
  });

  it('advises replacing when the events dropped start within the days loaded (the same data again)', () => {
    expect(addAdvice(current, sizes, loaded, [dropped(events('again.parquet'), 9000, day('2026-11-22'))])).toEqual({
      code: 'overlaps',
      file: 'again.parquet',
      day: day('2026-11-22'),
      from: loaded.firstDay,
      to: loaded.lastDay,
    });
    // An earlier export (last month's added to this one's) is new events too.
    expect(addAdvice(current, sizes, loaded, [dropped(events('october.csv'), 9000, day('2026-10-01'))])).toBeNull();
  });

  it('advises replacing when the events dropped are shaped like another data set', () => {
    const other: FileSpec = { ...events('cdnow.txt'), columns: { userId: 'customer_id', time: 'date' } };
    expect(addAdvice(current, sizes, loaded, [dropped(other, 10)])).toEqual({ code: 'otherShape', file: 'cdnow.txt' });
    const asOrders: FileSpec = { ...events('orders.csv'), role: 'orders' };
    expect(addAdvice(current, sizes, loaded, [dropped(asOrders, 10)])).toEqual({ code: 'otherShape', file: 'orders.csv' });
    // A data set of its own, users and all: its events decide.
    expect(addAdvice(current, sizes, loaded, [dropped(users, 90), dropped(other, 10)])).toEqual({
      code: 'otherShape',
      file: 'cdnow.txt',
    });
  });
});

describe('earliestDay', () => {
  it('reads the earliest date a time column starts with, whatever follows, and skips what is no date', () => {
    const header = ['uid', 'ts', 'name'];
    const rows = [
      ['u1', '2026-11-24 08:00:00', 'view'],
      ['u2', '2026/11/23T23:59:59Z', 'view'],
      ['u3', '', 'view'],
      ['u4', '1479254400', 'view'],
      ['u5'],
    ];
    expect(earliestDay(header, rows, 'ts')).toBe(Date.UTC(2026, 10, 23));
    expect(earliestDay(header, rows, 'name')).toBeNull();
    expect(earliestDay(header, rows, 'missing')).toBeNull();
    expect(earliestDay(header, rows, undefined)).toBeNull();
  });
});
