// Issue 10: the BG/NBD per-customer table comes in pages and as a file made in the worker, and the at-risk list reuses the fit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine';
import type { Row } from '../../../src/schema/row';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../../helpers/wasm-engine';

const cdnow = path.resolve(__dirname, '../../../../shared/data/cdnow');
const spec = { calibrationEnd: '1997-09-30', unit: 'week', horizon: 52, event: null } as const;
const atRisk = { coreEvents: [], threshold: null, asOf: '1997-09-30', alpha: 3, pAlive: 0.5, window: 14, beta: 50 };

async function loadSample(): Promise<Engine> {
  const engine = await createWasmEngine();
  const manifest = manifestOf('cdnow sample', 'UTC', [
    {
      role: 'orders',
      path: 'cdnow_sample_elog.csv',
      format: 'csv',
      columns: { userId: 'sampleid', time: 'date', amount: 'sales' },
    },
  ]);
  const file = bytes(new Uint8Array(readFileSync(path.join(cdnow, 'cdnow_sample_elog.csv'))));
  expectOk(await engine.loadWorkspace('l', manifest, new Map([['cdnow_sample_elog.csv', file]])));
  return engine;
}

/** The published per-customer summary (x, t_x, T in weeks to 1997-09-30), by customer id. */
function published(): Map<string, { x: number; tx: number; T: number }> {
  const lines = readFileSync(path.join(cdnow, 'cdnow_sample_summary_published.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return new Map(
    lines.map((line) => {
      const [id, x, tx, T] = line.split(',');
      return [id!, { x: +x!, tx: +tx!, T: +T! }];
    }),
  );
}

/** P(alive) in closed form (Fader, Hardie & Lee 2005, eq. 11), written here apart from the app's model. */
function pAliveByHand(p: Record<string, number>, c: { x: number; tx: number; T: number }): number {
  if (c.x === 0) return 1;
  return 1 / (1 + (p.a! / (p.b! + c.x - 1)) * ((p.alpha! + c.T) / (p.alpha! + c.tx)) ** (p.r! + c.x));
}

/** CSV text as written by the app (every cell quoted, CRLF) to rows of cells. */
function parseCsv(text: string): string[][] {
  return text
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
}

describe('BG/NBD per-customer table in pages, as a CSV and in buckets, on the CDNOW sample', () => {
  let engine: Engine;
  let tables: Record<string, Row[]>;
  let params: Record<string, number>;
  let pages: Row[];
  const pageProgress: string[] = [];
  beforeAll(async () => {
    engine = await loadSample();
    tables = expectOk(await engine.run('bgnbd', { kind: 'churn-bgnbd', spec })).tables ?? {};
    params = Object.fromEntries(tables.parameters!.map((r) => [String(r.parameter), Number(r.value)]));
    pages = [];
    for (let offset = 0; offset < 3000; offset += 250) {
      const page = expectOk(
        await engine.run('page', { kind: 'churn-bgnbd-customers', spec: { ...spec, offset, limit: 250 } }, (p) =>
          pageProgress.push(p.step),
        ),
      );
      expect(page.tables?.page).toEqual([{ offset, customers: 2357 }]);
      pages.push(...page.rows);
    }
  });

  it('sends no per-customer rows with the fit, only the first page', () => {
    expect(tables.customers).toEqual(pages.slice(0, 100));
    expect(Number(tables.fit![0]!.customers)).toBe(2357);
  });

  it('pages concatenate to every customer once, in user id order, with the published summaries and P(alive) by hand', () => {
    const expected = published();
    expect(pages).toHaveLength(2357);
    const ids = pages.map((r) => Number(r.user_id));
    expect(ids).toEqual([...expected.keys()].map(Number).sort((a, b) => a - b));
    const off = pages.filter((r) => {
      const p = expected.get(String(r.user_id))!;
      const round = (v: unknown) => Math.round(Number(v) * 100) / 100;
      const byHand = pAliveByHand(params, { x: Number(r.x), tx: Number(r.t_x), T: Number(r.T) });
      return r.x !== p.x || round(r.t_x) !== p.tx || round(r.T) !== p.T || Math.abs(Number(r.p_alive) - byHand) > 1e-9;
    });
    expect(off).toEqual([]);
    // The pages reuse the panel's fit: none of them fitted again.
    expect(pageProgress).not.toContain('fit');
  });

  it('writes the whole table as CSV in the worker, equal to the pages (cells to 6 decimals)', async () => {
    const result = expectOk(
      await engine.run('csv', { kind: 'churn-bgnbd-export', spec: { ...spec, bucket: null, format: 'csv' } }),
    );
    expect(result.rows).toEqual([]);
    // A BOM first, for Excel in a Chinese locale (text() drops it).
    expect([...new Uint8Array(await result.file!.slice(0, 3).arrayBuffer())]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await result.file!.text();
    const [header, ...lines] = parseCsv(text);
    expect(header).toEqual(['user_id', 'x', 't_x', 'T', 'p_alive', 'expected_purchases']);
    expect(lines).toHaveLength(pages.length);
    const mismatches = lines.filter((cells, i) => {
      const r = pages[i]!;
      if (cells[0] !== String(r.user_id) || cells[1] !== String(r.x)) return true;
      return (['t_x', 'T', 'p_alive', 'expected_purchases'] as const).some(
        (c, j) => Math.abs(Number(cells[j + 2]) - Number(r[c])) > 5e-7,
      );
    });
    expect(mismatches).toEqual([]);
  });

  it('counts the P(alive) bins and buckets as the pages do, and lists a bucket’s ids', async () => {
    const bins = new Array<number>(20).fill(0);
    for (const r of pages) bins[Math.min(19, Math.floor(Number(r.p_alive) * 20))]!++;
    expect(tables.p_alive_bins!.map((b) => b.customers)).toEqual(bins);
    const bounds = [0, 0.25, 0.5, 0.75, 1.0000001];
    const inBucket = (r: Row, k: number) => Number(r.p_alive) >= bounds[k]! && Number(r.p_alive) < bounds[k + 1]!;
    expect(tables.p_alive_buckets!.map((b) => b.customers)).toEqual(
      [0, 1, 2, 3].map((k) => pages.filter((r) => inBucket(r, k)).length),
    );
    const low = expectOk(await engine.run('ids', { kind: 'churn-bgnbd-export', spec: { ...spec, bucket: 0, format: 'ids' } }));
    const ids = JSON.parse(await low.file!.text()) as string[];
    expect(ids).toEqual(pages.filter((r) => inBucket(r, 0)).map((r) => String(r.user_id)));
    expect(ids.length).toBeGreaterThan(100);
  });

  it('gives the at-risk list its P(alive) from the same fit, with the reasons it gave when it fitted alone', async () => {
    const progress: string[] = [];
    const shared = expectOk(await engine.run('risk', { kind: 'churn-at-risk', spec: atRisk }, (p) => progress.push(p.step)));
    expect(progress).not.toContain('fit');
    expect(shared.statements.some((s) => s.startsWith('-- shared step'))).toBe(true);
    // P(alive) of each flagged purchase customer by hand, from the fit's parameters; the rule is P < 0.5.
    const summaries = new Map(pages.map((r) => [String(r.user_id), { x: Number(r.x), tx: Number(r.t_x), T: Number(r.T) }]));
    const wrong = shared.rows.filter((r) => {
      const byHand = pAliveByHand(params, summaries.get(String(r.user_id))!);
      return Math.abs(Number(r.p_alive) - byHand) > 1e-9 || String(r.reasons).split('+').includes('p_alive') !== byHand < 0.5;
    });
    expect(wrong).toEqual([]);
    expect(shared.rows.filter((r) => String(r.reasons).includes('p_alive')).length).toBeGreaterThan(50);

    // A fresh engine, where the at-risk list fits on its own: the same rows and reasons.
    const alone = await loadSample();
    const aloneProgress: string[] = [];
    const own = expectOk(await alone.run('risk', { kind: 'churn-at-risk', spec: atRisk }, (p) => aloneProgress.push(p.step)));
    expect(aloneProgress).toContain('fit');
    expect(own.rows).toEqual(shared.rows);
  });
});
