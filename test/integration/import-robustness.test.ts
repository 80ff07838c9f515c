// Issue 12 (import, round two), Robustness: real-world file shapes that loaded wrong or not at all.
import { describe, expect, it } from 'vitest';
import { fileLoadProblem } from '../../src/engine/load-failure';
import { previewTabular } from '../../src/engine/tabular';
import { formatProblem, formatRejectionReason } from '../../src/ui/i18n/problems';
import { draftFile } from '../../src/ingest/draft-file';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

/** Loads one file with the given spec and returns the engine and the file's report. */
async function loadOne(path: string, content: string | Uint8Array, spec: Record<string, unknown>) {
  const engine = await createWasmEngine();
  const outcome = await engine.loadWorkspace(
    'l',
    manifestOf('t', 'UTC', [{ path, format: 'csv', ...spec }]),
    new Map([[path, bytes(content)]]),
  );
  return { engine, outcome };
}

describe('amounts that are no numbers for revenue', () => {
  it('counts NaN, Infinity, -inf and 1e400 as unreadable amounts and sums only the finite ones', async () => {
    const rows: [string, string, string][] = [
      ['u1', '2024-01-01 10:00:00', '12.5'],
      ['u2', '2024-01-01 11:00:00', 'NaN'],
      ['u3', '2024-01-02 10:00:00', 'Infinity'],
      ['u4', '2024-01-02 11:00:00', '-inf'],
      ['u5', '2024-01-02 12:00:00', '1e400'],
      ['u6', '2024-01-02 13:00:00', '3'],
    ];
    const text = `user_id,time,amount\n${rows.map((r) => r.join(',')).join('\n')}\n`;
    // Independent: a number for revenue is a finite one, as JavaScript reads the text.
    const finite = rows.filter((r) => Number.isFinite(Number(r[2]))).map((r) => Number(r[2]));
    const byDay = new Map<string, number>();
    for (const r of rows) {
      const v = Number(r[2]);
      if (Number.isFinite(v)) byDay.set(r[1].slice(0, 10), (byDay.get(r[1].slice(0, 10)) ?? 0) + v);
    }
    const { engine, outcome } = await loadOne('amounts.csv', text, {
      role: 'orders',
      columns: { userId: 'user_id', time: 'time', amount: 'amount' },
    });
    const info = expectOk(outcome);
    expect(info.files[0]).toMatchObject({ rowsLoaded: 6, badAmounts: rows.length - finite.length });
    expect(info.files[0]!.badAmountExamples.length).toBeGreaterThan(0);
    const sums = expectOk(
      await engine.sql(
        "SELECT strftime(ts, '%Y-%m-%d') AS day, sum(amount) AS revenue, count(amount) AS n FROM events GROUP BY 1 ORDER BY 1",
      ),
    );
    expect(sums).toEqual(
      [...byDay].map(([day, revenue]) => ({
        day,
        revenue,
        n: rows.filter((r) => r[1].startsWith(day) && Number.isFinite(Number(r[2]))).length,
      })),
    );
    const [revenue] = expectOk(await engine.sql('SELECT sum(amount) AS total FROM user_day_event'));
    expect(revenue).toEqual({ total: finite.reduce((a, b) => a + b, 0) });
  });

  it('counts NaN written among text prices (a column read as text) once, with its text', async () => {
    const text = 'user_id,time,amount\nu1,2024-01-01 10:00:00,免费\nu2,2024-01-01 11:00:00,NaN\nu3,2024-01-02 10:00:00,4\n';
    const { engine, outcome } = await loadOne('text.csv', text, {
      role: 'orders',
      columns: { userId: 'user_id', time: 'time', amount: 'amount' },
    });
    const info = expectOk(outcome);
    expect(info.files[0]).toMatchObject({ rowsLoaded: 3, badAmounts: 2, badAmountExamples: ['NaN', '免费'] });
    expect(expectOk(await engine.sql('SELECT sum(amount) AS s, count(amount) AS n FROM events'))).toEqual([{ s: 4, n: 1 }]);
  });
});

const enc = (s: string) => new TextEncoder().encode(s);
const events = { role: 'events', columns: { userId: 'user_id', time: 'time', event: 'event' } };

/** Drafts a dropped file as the import preview does, then loads what the preview proposes. */
async function dropAndLoad(name: string, content: string | Uint8Array) {
  const draft = await draftFile(new File([content as BlobPart], name), previewTabular);
  if (!draft.ok) return { draft, outcome: null, engine: null };
  const engine = await createWasmEngine();
  const outcome = await engine.loadWorkspace(
    'l',
    manifestOf('t', 'UTC', [{ ...draft.value.spec }]),
    new Map([[name, bytes(content)]]),
  );
  return { draft, outcome, engine };
}

const loadedEvents = async (engine: { sql: (q: string) => Promise<unknown> } | null) =>
  expectOk((await engine!.sql('SELECT user_id, event FROM events ORDER BY user_id, event')) as never) as {
    user_id: string;
    event: string;
  }[];

describe('CSV shapes that loaded wrong or not at all', () => {
  it('reports a final line that opens a quote and never closes it, and loads the lines above it', async () => {
    const text =
      'user_id,time,event\nu1,2024-01-01 10:00:00,"open, then close"\nu2,2024-01-01 11:00:00,open\n"u3,2024-01-02 10:00:00,open\n';
    const { outcome, engine } = await dropAndLoad('cut.csv', text);
    const info = expectOk(outcome!);
    expect(info.files[0]).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rejected: 1 });
    expect(info.files[0]!.rejections).toEqual([
      {
        reason: 'UNCLOSED QUOTE',
        lines: 1,
        examples: [{ unit: 'line', line: 4, column: null, text: '"u3,2024-01-02 10:00:00,open' }],
      },
    ]);
    expect(await loadedEvents(engine)).toEqual([
      { user_id: 'u1', event: 'open, then close' },
      { user_id: 'u2', event: 'open' },
    ]);
  });

  it.each([
    ['a header with a line break in it', '"user\nid",time,event'],
    ['a header with a quote in it', 'user_id,"ti""me",event'],
    ['a header quoted twice over', '"""user_id""",time,event'],
    ['a header with a name missing', 'user_id,time,event,'],
  ])('loads %s and still guesses the user id', async (_, header) => {
    const text = `${header}\r\nu1,2024-01-01 10:00:00,open${header.endsWith(',') ? ',x' : ''}\r\nu2,2024-01-02 10:00:00,close${header.endsWith(',') ? ',y' : ''}\r\n`;
    const { draft, outcome, engine } = await dropAndLoad('odd-header.csv', text);
    expect(draft.ok && draft.value.spec.columns.userId).toBeTruthy();
    expect(expectOk(outcome!).files[0]).toMatchObject({ rowsLoaded: 2 });
    expect(await loadedEvents(engine)).toEqual([
      { user_id: 'u1', event: 'open' },
      { user_id: 'u2', event: 'close' },
    ]);
  });

  it('reads a file with mixed line endings as CSV', async () => {
    const text =
      'user_id,time,event\r\nu1,2024-01-01 10:00:00,open\nu2,2024-01-01 11:00:00,open\ru3,2024-01-02 10:00:00,close\r\n';
    const { draft, outcome, engine } = await dropAndLoad('mixed.csv', text);
    expect(draft.ok && draft.value.sniffed).toMatchObject({ format: 'csv', header: ['user_id', 'time', 'event'] });
    expect(draft.ok && draft.value.sniffed.rows.length).toBe(3);
    expect(expectOk(outcome!).files[0]).toMatchObject({ rowsLoaded: 3, rejected: 0 });
    expect((await loadedEvents(engine)).map((r) => r.user_id)).toEqual(['u1', 'u2', 'u3']);
  });

  it("honours Excel's sep=; first line: the separator, and not the header", async () => {
    const text =
      'sep=;\r\nuser_id;time;event\r\nu1;2024-01-01 10:00:00;open\r\nu2;2024-01-01 11:00:00\r\nu3;2024-01-02 10:00:00;close\r\n';
    const { draft, outcome, engine } = await dropAndLoad('excel.csv', text);
    expect(draft.ok && draft.value.sniffed.header).toEqual(['user_id', 'time', 'event']);
    expect(draft.ok && draft.value.spec).toMatchObject({
      delimiter: ';',
      columns: { userId: 'user_id', time: 'time', event: 'event' },
    });
    const info = expectOk(outcome!);
    expect(info.files[0]).toMatchObject({ rowsLoaded: 2, rejected: 1 });
    // The line numbers are the file's own, counting the sep= line.
    expect(info.files[0]!.rejections[0]!.examples[0]).toMatchObject({ line: 4 });
    expect((await loadedEvents(engine)).map((r) => r.user_id)).toEqual(['u1', 'u3']);
  });

  it('loads a file with stray NUL bytes on a few lines and reports those lines', async () => {
    const lines = Array.from(
      { length: 40 },
      (_, i) => `u${i + 1},2024-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00,${i === 6 || i === 19 ? 'op\0en' : 'open'}`,
    );
    const text = `user_id,time,event\n${lines.join('\n')}\n`;
    const damaged = lines.map((l, i) => ({ l, line: i + 2 })).filter((x) => x.l.includes('\0'));
    const { draft, outcome, engine } = await dropAndLoad('nul.csv', text);
    expect(draft.ok).toBe(true);
    const info = expectOk(outcome!);
    expect(info.files[0]).toMatchObject({ rowsRead: 40, rowsLoaded: 40 - damaged.length, rejected: damaged.length });
    expect(info.files[0]!.rejections).toEqual([
      {
        reason: 'NUL BYTES',
        lines: damaged.length,
        examples: damaged.map((d) => ({ unit: 'line', line: d.line, column: null, text: d.l.replace('\0', '\u2400') })),
      },
    ]);
    expect((await loadedEvents(engine)).every((r) => r.event === 'open')).toBe(true);
  });

  it('reports a 10 MB field at its own line and loads the other lines (DuckDB named line 1 and loaded none)', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => {
      const note = i === 119 ? `"${'x'.repeat(10 * 1024 * 1024)}"` : i === 150 ? '"two\nlines"' : `n${i}`;
      return `u${i % 7},2024-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00,open,${note}`;
    });
    const text = `user_id,time,event,note\n${lines.join('\n')}\n`;
    // Line 1 is the header: the 120th record is on line 121; the quoted break after it shifts
    // no line before it.
    const { draft, outcome, engine } = await dropAndLoad('long-field.csv', text);
    expect(draft.ok).toBe(true);
    const info = expectOk(outcome!);
    expect(info.files[0]).toMatchObject({ rowsRead: 200, rowsLoaded: 199, rejected: 1 });
    const [rejection] = info.files[0]!.rejections;
    expect(rejection).toMatchObject({ reason: 'LINE SIZE OVER MAXIMUM', lines: 1 });
    expect(rejection!.examples[0]).toMatchObject({ unit: 'line', line: 121 });
    expect(rejection!.examples[0]!.text).toMatch(/^u0,2024-01-08 10:00:00,open,"x+… \(10\.0 MB\)$/);
    const [kept] = expectOk(
      await engine!.sql("SELECT count(*) AS n, count(*) FILTER (WHERE note = 'two\nlines') AS quoted FROM events"),
    );
    expect(kept).toEqual({ n: 199, quoted: 1 });
  });

  it('reads mostly-UTF-8 text with a few invalid bytes as UTF-8 and reports the bad line', async () => {
    const good = 'user_id,time,event\nu1,2024-01-01 10:00:00,打开应用\nu2,2024-01-01 11:00:00,';
    const content = new Uint8Array([...enc(good), 0xff, 0xfe, ...enc('浏览\nu3,2024-01-02 10:00:00,关闭页面\n')]);
    const { draft, outcome, engine } = await dropAndLoad('mostly-utf8.csv', content);
    expect(draft.ok && draft.value.spec.encoding).toBeUndefined();
    const info = expectOk(outcome!);
    expect(info.files[0]).toMatchObject({ rowsLoaded: 2, rejected: 1 });
    expect(info.files[0]!.rejections[0]!.examples[0]).toMatchObject({ line: 3 });
    expect(await loadedEvents(engine)).toEqual([
      { user_id: 'u1', event: '打开应用' },
      { user_id: 'u3', event: '关闭页面' },
    ]);
  });

  it('says a whitespace-only file has no data', async () => {
    const { draft } = await dropAndLoad('blank.csv', '   \r\n\t\n  \n');
    expect(draft).toEqual({ ok: false, problem: { code: 'file.blank', vars: { file: 'blank.csv' } } });
    const engine = await createWasmEngine();
    const outcome = await engine.loadWorkspace(
      'l',
      manifestOf('t', 'UTC', [{ path: 'blank.csv', format: 'csv', ...events }]),
      new Map([['blank.csv', bytes('  \n\n')]]),
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'file.blank', vars: { file: 'blank.csv' } } });
  });
});

describe('JSON documents that are not an array or one record per line', () => {
  const records = [
    { user: 'u1', time: '2024-01-01 10:00:00', event: 'open' },
    { user: 'u2', time: '2024-01-02 10:00:00', event: 'buy' },
    { user: 'u1', time: '2024-01-03 10:00:00', event: 'open' },
  ];

  it.each([
    ['wrapped.json', JSON.stringify({ total: 3, data: records, page: 1 }, null, 2), 'data'],
    ['wrapped-one-line.json', JSON.stringify({ items: records }), 'items'],
  ])('loads %s from the property that holds the records, and says which', async (name, text, key) => {
    const { draft, outcome, engine } = await dropAndLoad(name, text);
    expect(draft.ok && draft.value.recordsFrom).toBe(key);
    const info = expectOk(outcome!);
    expect(info.files[0]).toMatchObject({ rowsLoaded: records.length, recordsFrom: key });
    expect(await loadedEvents(engine)).toEqual(
      records
        .map((r) => ({ user_id: r.user, event: r.event }))
        .sort((a, b) => (a.user_id + a.event).localeCompare(b.user_id + b.event)),
    );
  });

  it.each([
    ['one.json', JSON.stringify(records[0], null, 2)],
    ['one-line.json', JSON.stringify(records[0])],
  ])('loads %s, a single object, as one record', async (name, text) => {
    const { draft, outcome, engine } = await dropAndLoad(name, text);
    expect(draft.ok && draft.value.recordsFrom).toBeUndefined();
    expect(expectOk(outcome!).files[0]).toMatchObject({ rowsLoaded: 1 });
    expect(await loadedEvents(engine)).toEqual([{ user_id: 'u1', event: 'open' }]);
  });
});

describe('several exclude rules per file (issue 12, workspaces over time)', () => {
  const rows = [
    ['C100', 'u1', '2024-01-01 10:00:00', '5', 'UK'],
    ['101', 'u1', '2024-01-01 11:00:00', '7', 'UK'],
    ['102', 'u2', '2024-01-02 10:00:00', '3', 'Test'],
    ['C103', 'u3', '2024-01-02 11:00:00', '4', 'Test'],
    ['104', 'u4', '2024-01-03 10:00:00', '9', ''],
    ['105', '', '2024-01-03 11:00:00', '2', 'FR'],
    ['106', 'u5', '2024-01-04 10:00:00', '6', 'FR'],
  ];
  const text = `invoice,customer,time,amount,country\n${rows.map((r) => r.join(',')).join('\n')}\n`;
  const rules = [
    { column: 'invoice', op: 'starts-with', value: 'C' },
    { column: 'country', op: 'equals', value: 'Test' },
    { column: 'country', op: 'is-empty' },
  ] as const;
  const matches = (rule: (typeof rules)[number], r: string[]) => {
    const v = (rule.column === 'invoice' ? r[0] : r[4])!.trim();
    return rule.op === 'starts-with' ? v.startsWith(rule.value) : rule.op === 'equals' ? v === rule.value : v === '';
  };

  it('leaves out a row that matches any rule, counts each rule, and loads the rest', async () => {
    const { engine, outcome } = await loadOne('orders.csv', text, {
      role: 'orders',
      columns: { userId: 'customer', time: 'time', amount: 'amount' },
      exclude: rules,
    });
    const info = expectOk(outcome);
    // Independent: each rule's own matches, and the rows that pass every rule.
    const perRule = rules.map((rule) => rows.filter((r) => matches(rule, r)).length);
    const kept = rows.filter((r) => rules.every((rule) => !matches(rule, r)));
    expect(perRule).toEqual([2, 2, 1]);
    expect(info.files[0]).toMatchObject({
      excluded: rows.length - kept.length,
      excludedBy: rules.map((rule, i) => ({ rule, rows: perRule[i] })),
      nullUserIds: kept.filter((r) => r[1] === '').length,
      rowsLoaded: kept.filter((r) => r[1] !== '').length,
    });
    const loaded = expectOk(await engine.sql('SELECT user_id, amount FROM events ORDER BY user_id'));
    expect(loaded).toEqual(kept.filter((r) => r[1] !== '').map((r) => ({ user_id: r[1], amount: Number(r[3]) })));
    // The rule mask is gone once counted: the file's own columns are what the events keep.
    expect(info.eventColumns).not.toContain('excluded_by');
  });

  it('keeps a manifest with one rule valid, its count the excluded rows', async () => {
    const { outcome } = await loadOne('orders.csv', text, {
      role: 'orders',
      columns: { userId: 'customer', time: 'time', amount: 'amount' },
      exclude: [rules[0]],
    });
    expect(expectOk(outcome).files[0]).toMatchObject({ excluded: 2, excludedBy: [{ rule: rules[0], rows: 2 }] });
  });
});

describe('messages of a failed load (no DuckDB wording, no internal file names)', () => {
  it('names the file and the line DuckDB named, in both languages, and keeps DuckDB text as detail only', () => {
    const duckdb = 'Invalid Input Error: CSV Error on Line: 7\nOriginal Line: u7,"x\nws_6_0.csv';
    expect(fileLoadProblem('orders.csv', 'load', duckdb)).toEqual({
      code: 'file.notLoadedAt',
      vars: { file: 'orders.csv', line: 7 },
    });
    expect(fileLoadProblem('orders.csv', 'sniff', 'Error when sniffing file "ws_11_0.csv".')).toEqual({
      code: 'csv.unreadable',
      vars: { file: 'orders.csv' },
    });
    for (const locale of ['zh', 'en'] as const) {
      for (const p of [
        fileLoadProblem('orders.csv', 'load', duckdb),
        fileLoadProblem('o.csv', 'sniff', 'x'),
        { code: 'sql.failed' },
      ]) {
        const text = formatProblem(locale, p);
        expect(text).not.toMatch(/duckdb|ws_\d|sniff/i);
      }
      expect(formatProblem(locale, fileLoadProblem('orders.csv', 'load', duckdb))).toMatch(/orders\.csv.*7/);
      // A reason DuckDB may add later is said plainly, not as its code.
      expect(formatRejectionReason(locale, 'SOME NEW ERROR TYPE')).not.toContain('SOME NEW');
    }
  });

  it('turns a failure while a file is read into a problem naming that file', async () => {
    // An exclude rule naming a column the file lacks: the problem names the file and its columns.
    const { outcome } = await loadOne('bad.csv', 'user_id,time,event\nu1,2024-01-01 10:00:00,open\n', {
      ...events,
      exclude: [{ column: 'nope', op: 'is-empty' }],
    });
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'input', code: 'column.missing', vars: { file: 'bad.csv' } } });
  });
});
