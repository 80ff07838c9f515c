import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../src/engine/load-progress';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

/** 30,000 unquoted lines: more than the 20,480 rows DuckDB's sniffer looks at, so it finds no quote in them. */
const plain = Array.from(
  { length: 30_000 },
  (_, i) => `u${i % 500},2024-01-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00,open,1`,
);

const manifest = manifestOf('late.csv', 'UTC', [
  { role: 'events', path: 'late.csv', format: 'csv', columns: { userId: 'u', time: 't', event: 'e', amount: 'amount' } },
]);

async function load(lines: readonly string[]) {
  const engine = await createWasmEngine();
  const csv = ['u,t,e,amount', ...lines, ''].join('\n');
  const info = expectOk(await engine.loadWorkspace('a', manifest, new Map([['late.csv', bytes(csv)]])));
  return { engine, info, report: info.files[0]! };
}

describe('a CSV whose first quoted field comes after the rows the sniffer looks at', () => {
  it('is read again with the quote, and loads the quoted fields whole instead of rejecting their lines', async () => {
    const late = [
      'u9,2024-01-02 10:00:00,"buy, then return",5',
      'u8,2024-01-02 11:00:00,"said ""hi""",5',
      'u7,2024-01-02 12:00:00,"gift, wrapped","1,250.50"',
    ];
    const { engine, info, report } = await load([...plain, ...late]);
    expect(report.rejected).toBe(0);
    expect(report.rowsRead).toBe(30_003);
    expect(info.events).toBe(30_003);
    expect([...info.eventNames].sort()).toEqual(['buy, then return', 'gift, wrapped', 'open', 'said "hi"']);
    const rows = expectOk(await engine.sql("SELECT event, amount FROM events WHERE event <> 'open' ORDER BY event"));
    // "1,250.50" is an amount written with a thousands separator, read as text and then as 1250.5.
    expect(rows).toEqual([
      { event: 'buy, then return', amount: 5 },
      { event: 'gift, wrapped', amount: 1250.5 },
      { event: 'said "hi"', amount: 5 },
    ]);
  });

  it('keeps the first read when the quote would swallow lines: a stray opening quote further down', async () => {
    const late = [
      'u9,2024-01-02 10:00:00,"buy, then return",5',
      'u7,2024-01-02 11:00:00,"big deal,5',
      ...Array.from({ length: 10 }, (_, i) => `u${i},2024-01-03 10:00:00,open,1`),
      'u6,2024-01-04 10:00:00,tv 5" screen,5',
      'u5,2024-01-04 11:00:00,open,1',
    ];
    const { info, report } = await load([...plain, ...late]);
    // Read without a quote, only the line with the quoted separator is ragged; the stray quote is
    // part of its field. Read with it, the 11 lines from the stray quote to the next became one record.
    expect(report.rejected).toBe(1);
    expect(report.rejections[0]?.examples[0]?.line).toBe(30_002);
    expect(report.rowsRead).toBe(30_000 + late.length);
    expect(info.events).toBe(30_000 + late.length - 1);
    expect(info.eventNames).toContain('"big deal');
    expect(info.eventNames).toContain('tv 5" screen');
  });
});

describe('the progress of a file read a second time', () => {
  const phasesOf = async (lines: readonly string[]) => {
    const seen: LoadProgress['phase'][] = [];
    const engine = await createWasmEngine();
    const csv = ['u,t,e,amount', ...lines, ''].join('\n');
    expectOk(await engine.loadWorkspace('a', manifest, new Map([['late.csv', bytes(csv)]]), (p) => seen.push(p.phase)));
    return seen.filter((phase, i) => phase !== seen[i - 1]);
  };

  it("says so ('reread') instead of staying at the first read's 100%", async () => {
    expect(await phasesOf([...plain, 'u9,2024-01-02 10:00:00,"buy, then return",5'])).toEqual(['read', 'reread', 'derive']);
  });

  it('is not announced for a file read once', async () => {
    expect(await phasesOf(plain)).toEqual(['read', 'derive']);
  });
});
