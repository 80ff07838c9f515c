import { describe, expect, it } from 'vitest';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../../helpers/wasm-engine';

const events = `uid,time,name,price
u1,2024-05-01 09:00:00,open,
u1,2024-05-02 10:00:00,buy,10
u2,2024-05-01 23:59:00,open,
u3,2024-05-06 00:30:00,buy,5
`;

async function fingerprintOf(csv: string) {
  const engine = await createWasmEngine();
  const manifest = manifestOf('fp', 'Asia/Shanghai', [
    { role: 'events', path: 'e.csv', format: 'csv', columns: { userId: 'uid', time: 'time', event: 'name', amount: 'price' } },
  ]);
  expectOk(await engine.loadWorkspace('l', manifest, new Map([['e.csv', bytes(csv)]])));
  return expectOk(await engine.run('fp', { kind: 'data-fingerprint', spec: {} })).rows;
}

describe('the data fingerprint of an exported report', () => {
  it('counts the loaded rows and hashes their content, whatever the order of the rows', async () => {
    const rows = await fingerprintOf(events);
    expect(rows.map((r) => [r.table, Number(r.rows)])).toEqual([
      ['events', 4],
      ['users', 0],
    ]);
    expect(String(rows[0]!.hash)).toMatch(/^[0-9a-f]{16}$/);
    const lines = events.trim().split('\n');
    const shuffled = [lines[0], ...lines.slice(1).reverse()].join('\n') + '\n';
    expect(await fingerprintOf(shuffled)).toEqual(rows);
  });

  it('changes when one value changes', async () => {
    const before = await fingerprintOf(events);
    const after = await fingerprintOf(events.replace('buy,10', 'buy,11'));
    expect(after[0]!.rows).toEqual(before[0]!.rows);
    expect(after[0]!.hash).not.toEqual(before[0]!.hash);
  });
});
