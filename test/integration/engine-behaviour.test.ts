import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../src/engine/load-progress';
import { bytes, createWasmEngine, expectOk } from '../helpers/wasm-engine';

const manifest = (path: string) => ({
  format: 'strata.workspace',
  version: 1,
  name: path,
  timeZone: 'UTC',
  files: [{ role: 'events', path, format: 'csv', columns: { userId: 'u', time: 't', event: 'e' } }],
});

/** A gzip cut in half: DuckDB's own reader would take it for a shorter file. */
function truncatedGzip(): Uint8Array {
  const lines = Array.from({ length: 20_000 }, (_, i) => `u${i},2024-01-01 10:${String(i % 60).padStart(2, '0')}:00,e${i}`);
  const whole = gzipSync(Buffer.from(`u,t,e\n${lines.join('\n')}\n`));
  return whole.subarray(0, Math.floor(whole.length / 2));
}

describe('the engine', () => {
  it('skips malformed lines and reports each reason with its count, first line and the line itself', async () => {
    const engine = await createWasmEngine();
    const csv = [
      'u,t,e',
      'a,2024-01-01 10:00:00,open',
      'b,2024-01-02',
      'c,2024-01-03 10:00:00,open,extra',
      'd,2024-01-04 10:00:00,open',
      'e,2024-01-05',
      'f,sometime,open',
      'g,2024-01-06 10:00:00,open',
    ].join('\n');
    const info = expectOk(await engine.loadWorkspace('1', manifest('ragged.csv'), new Map([['ragged.csv', bytes(csv)]])));
    expect(info.files[0]).toMatchObject({
      rowsRead: 7,
      rejected: 3,
      badTimes: 1,
      rowsLoaded: 3,
      badTimeExamples: ['sometime'],
      rejections: [
        {
          reason: 'MISSING COLUMNS',
          lines: 2,
          examples: [
            { line: 3, column: 'e', text: 'b,2024-01-02' },
            { line: 6, column: 'e', text: 'e,2024-01-05' },
          ],
        },
        {
          reason: 'TOO MANY COLUMNS',
          lines: 1,
          examples: [{ line: 4, column: null, text: 'c,2024-01-03 10:00:00,open,extra' }],
        },
      ],
    });
    expect(info.users).toBe(3);
  });

  it('keeps the loaded workspace when a later load fails, and names the file', async () => {
    const engine = await createWasmEngine();
    expectOk(
      await engine.loadWorkspace('1', manifest('good.csv'), new Map([['good.csv', bytes('u,t,e\na,2024-01-01 10:00:00,x\n')]])),
    );
    const cases: [string, Uint8Array | string, string, Record<string, string | number>][] = [
      ['empty.csv', '', 'file.empty', {}],
      ['header.csv', 'u,t,e\n', 'file.headerOnly', {}],
      ['junk.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0]), 'file.binary', {}],
      ['wrong.csv', 'user,when\na,2024-01-01\n', 'column.missing', { column: 'u', columns: 'user, when' }],
      ['times.csv', 'u,t,e\na,yesterday,x\nb,soon,y\n', 'time.unreadable', { column: 't', examples: '"yesterday", "soon"' }],
      ['broken.csv.gz', new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]), 'gzip.damaged', {}],
      ['truncated.csv.gz', truncatedGzip(), 'gzip.damaged', {}],
      [
        'all-ragged.csv',
        'u,t,e\na,2024-01-01 10:00:00\nb,2024-01-02 10:00:00\n',
        'file.allRejected',
        { reason: 'MISSING COLUMNS', lines: 2, line: 2, column: 'e', text: '"a,2024-01-01 10:00:00"' },
      ],
    ];
    for (const [name, content, code, vars] of cases) {
      const outcome = await engine.loadWorkspace(name, manifest(name), new Map([[name, bytes(content)]]));
      expect(outcome.ok, name).toBe(false);
      if (!outcome.ok) expect(outcome.error, name).toMatchObject({ kind: 'input', code, vars: { file: name, ...vars } });
      expect(engine.workspace?.name).toBe('good.csv');
      const { rows } = expectOk(await engine.run('q', { kind: 'summary', spec: {} }));
      expect(rows[0]).toMatchObject({ events: 1, users: 1 });
    }
  });

  it('loads a file whose name and headers need quoting', async () => {
    const engine = await createWasmEngine();
    const name = "O'Brien's export.csv";
    // Ids and event names lose edge spaces; a blank event name is none (that row is not loaded).
    const csv =
      '"用户 ID","时间 ""本地""","<script>alert(1)</script>"\n17850.0,2024/5/1 8:00,x\n17850,2024年5月2日 09:30,y\n" 17850 ",2024-05-03 10:00," y  "\n17850,2024-05-04 10:00,"   "\n';
    const info = expectOk(
      await engine.loadWorkspace(
        '1',
        {
          ...manifest(name),
          files: [
            {
              role: 'events',
              path: name,
              format: 'csv',
              columns: { userId: '用户 ID', time: '时间 "本地"', event: '<script>alert(1)</script>' },
            },
          ],
        },
        new Map([[name, bytes(csv)]]),
      ),
    );
    expect(info.events).toBe(3);
    expect(info.files[0]).toMatchObject({ nullEvents: 1 });
    expect(info.users).toBe(1);
    expect(info.eventNames.sort()).toEqual(['x', 'y']);
  });

  it('cancels a running query and stays usable', async () => {
    const engine = await createWasmEngine();
    expectOk(
      await engine.loadWorkspace('1', manifest('good.csv'), new Map([['good.csv', bytes('u,t,e\na,2024-01-01 10:00:00,x\n')]])),
    );
    const slow = engine.sql('SELECT count(*) FROM range(100000000) a, range(100) b WHERE (a.range * b.range) % 7 = 3', 'heavy');
    setTimeout(() => engine.cancel('heavy'), 200);
    const outcome = await slow;
    // The query would run for minutes; a cancel is what ends it (issue 8: no wall-clock bounds in tests).
    expect(outcome.ok ? 'finished' : outcome.error.kind).toBe('cancelled');
    const { rows } = expectOk(await engine.run('q', { kind: 'summary', spec: {} }));
    expect(rows[0]).toMatchObject({ events: 1 });
  });

  it("reports an analysis's time without the time its statements waited for another's on the connection", async () => {
    const engine = await createWasmEngine();
    expectOk(
      await engine.loadWorkspace('1', manifest('good.csv'), new Map([['good.csv', bytes('u,t,e\na,2024-01-01 10:00:00,x\n')]])),
    );
    // A first analysis reads what every run needs once (the data's days), so that the one timed
    // below waits in its own statement.
    expectOk(await engine.run('first', { kind: 'summary', spec: {} }));
    const began = performance.now();
    const heavy = engine.sql('SELECT count(*) AS n FROM range(60000000) t(i) WHERE i % 7 = 3', 'heavy');
    // Asked while the heavy statement holds the connection: its answer comes after it.
    const topEvents = engine.run('q', { kind: 'top-events', spec: { limit: 10 } });
    expect(expectOk(await heavy)[0]).toMatchObject({ n: 8571429 });
    const heavyMs = performance.now() - began;
    const result = expectOk(await topEvents);
    const answeredMs = performance.now() - began;
    expect(result.rows).toMatchObject([{ event: 'x', users: 1 }]);
    expect(answeredMs).toBeGreaterThan(heavyMs);
    // The wall time was the heavy statement's; the analysis's own is a small part of it.
    expect(heavyMs).toBeGreaterThan(150);
    expect(result.ms).toBeLessThan(heavyMs / 3);
  });

  it('cancels a load, even one cancelled before it started, and keeps the workspace loaded before', async () => {
    const engine = await createWasmEngine();
    expectOk(
      await engine.loadWorkspace('1', manifest('good.csv'), new Map([['good.csv', bytes('u,t,e\na,2024-01-01 10:00:00,x\n')]])),
    );
    engine.cancel('load-2');
    const outcome = await engine.loadWorkspace(
      'load-2',
      manifest('next.csv'),
      new Map([['next.csv', bytes('u,t,e\nb,2024-01-02 10:00:00,y\n')]]),
    );
    expect(outcome.ok ? 'loaded' : outcome.error.kind).toBe('cancelled');
    expect(engine.workspace?.name).toBe('good.csv');
    // A later load under another id is not affected.
    expectOk(
      await engine.loadWorkspace(
        'load-3',
        manifest('next.csv'),
        new Map([['next.csv', bytes('u,t,e\nb,2024-01-02 10:00:00,y\n')]]),
      ),
    );
    expect(engine.workspace?.name).toBe('next.csv');
  });

  it('reports progress: bytes of a file decoded in the worker, each file read, then the derived tables', async () => {
    const engine = await createWasmEngine();
    const gbk = iconv.encode(`u,t,e\n${'张三,2024-01-01 10:00:00,打开\n'.repeat(1000)}`, 'gb18030');
    const utf8 = 'u,t,e\nb,2024-01-02 10:00:00,y\nc,2024-01-03 10:00:00,y\n';
    const seen: LoadProgress[] = [];
    expectOk(
      await engine.loadWorkspace(
        'p',
        {
          ...manifest('a.csv'),
          files: [
            {
              role: 'events',
              path: 'a.csv',
              format: 'csv',
              encoding: 'gb18030',
              columns: { userId: 'u', time: 't', event: 'e' },
            },
            { role: 'events', path: 'b.csv', format: 'csv', columns: { userId: 'u', time: 't', event: 'e' } },
          ],
        },
        new Map([
          ['a.csv', bytes(gbk)],
          ['b.csv', bytes(utf8)],
        ]),
        (p) => seen.push(p),
      ),
    );
    const steps = seen.map((p) => [p.phase, p.file ?? null, p.bytesDone ?? null, p.rows ?? null]);
    expect(steps[0]).toEqual(['convert', 'a.csv', 0, 0]);
    expect(steps).toContainEqual(['convert', 'a.csv', gbk.length, 0]);
    expect(steps.slice(-3)).toEqual([
      ['read', 'a.csv', null, 0],
      ['read', 'b.csv', null, 1000],
      ['derive', null, null, 1002],
    ]);
    expect(seen.find((p) => p.file === 'b.csv')).toMatchObject({ fileIndex: 1, fileCount: 2 });
  });

  it('stores a large workspace in its own compressed database, and detaches the one it replaces', async () => {
    const engine = await createWasmEngine({ compressAboveBytes: 0 });
    const csv = (u: string) => bytes(`u,t,e\n${u},2024-01-01 10:00:00,x\n`);
    expectOk(await engine.loadWorkspace('1', manifest('a.csv'), new Map([['a.csv', csv('a')]])));
    expectOk(await engine.loadWorkspace('2', manifest('b.csv'), new Map([['b.csv', csv('b')]])));
    const where = expectOk(
      await engine.sql(`SELECT DISTINCT database_name FROM duckdb_tables() WHERE table_name IN ('activity', 'user_day_event')`),
    );
    expect(where).toEqual([{ database_name: 'ws_2' }]);
    const attached = expectOk(await engine.sql(`SELECT database_name FROM duckdb_databases() WHERE database_name LIKE 'ws_%'`));
    expect(attached).toEqual([{ database_name: 'ws_2' }]);
    const { rows } = expectOk(await engine.run('q', { kind: 'summary', spec: {} }));
    expect(rows[0]).toMatchObject({ events: 1, users: 1 });
  });

  it('keeps the newest workspace when an older, slower load finishes after it', async () => {
    const engine = await createWasmEngine();
    const many = `u,t,e\n${Array.from({ length: 200_000 }, (_, i) => `u${i % 5000},2024-01-01 10:00:00,x`).join('\n')}\n`;
    const slow = engine.loadWorkspace('slow', manifest('slow.csv'), new Map([['slow.csv', bytes(many)]]));
    const fast = engine.loadWorkspace(
      'fast',
      manifest('fast.csv'),
      new Map([['fast.csv', bytes('u,t,e\na,2024-01-01 10:00:00,x\n')]]),
    );
    const [older, newer] = await Promise.all([slow, fast]);
    expect(newer.ok).toBe(true);
    if (older.ok) {
      // The older one finished first after all; the newer then replaced it.
      expect(engine.workspace?.name).toBe('fast.csv');
    } else {
      expect(older.error).toMatchObject({ kind: 'cancelled', code: 'engine.superseded' });
    }
    expect(engine.workspace?.name).toBe('fast.csv');
    const { rows } = expectOk(await engine.run('q', { kind: 'summary', spec: {} }));
    expect(rows[0]).toMatchObject({ events: 1, users: 1 });
  });

  it('goes by the order the loads were requested in, not the order they reached the engine', async () => {
    // As when a file is dropped while the startup demo's files are still being fetched: the
    // drop is the newer request although its load starts first.
    const engine = await createWasmEngine();
    const many = `u,t,e\n${Array.from({ length: 200_000 }, (_, i) => `u${i % 5000},2024-01-01 10:00:00,x`).join('\n')}\n`;
    const dropped = engine.loadWorkspace('drop', manifest('dropped.csv'), new Map([['dropped.csv', bytes(many)]]), undefined, 2);
    const demo = engine.loadWorkspace(
      'demo',
      manifest('demo.csv'),
      new Map([['demo.csv', bytes('u,t,e\na,2024-01-01 10:00:00,x\n')]]),
      undefined,
      1,
    );
    const [newer, older] = await Promise.all([dropped, demo]);
    expect(newer.ok).toBe(true);
    if (!older.ok) expect(older.error).toMatchObject({ kind: 'cancelled', code: 'engine.superseded' });
    expect(engine.workspace?.name).toBe('dropped.csv');
    const { rows } = expectOk(await engine.run('q', { kind: 'summary', spec: {} }));
    expect(rows[0]).toMatchObject({ events: 200_000, users: 5000 });
  });
});
