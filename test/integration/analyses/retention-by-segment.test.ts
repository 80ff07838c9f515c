import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RetentionSpec } from '../../../src/analyses/retention/retention-query';
import type { SegmentScope } from '../../../src/analyses/segment-rule';
import type { Engine } from '../../../src/engine/engine';
import type { Row } from '../../../src/schema/row';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../../helpers/wasm-engine';

// Issue 9: retention broken down by segment runs each segment through the envelope; the
// retention of segment S must be the retention of the file cut down to S's members.
const masterPath = path.resolve(__dirname, '../../../../shared/data/cdnow/CDNOW_master.txt');
const master = readFileSync(masterPath, 'utf8');
const [header = '', ...lines] = master.trim().split(/\r?\n/);
const idOf = (line: string) => line.trim().split(/\s+/)[0] ?? '';
const dateOf = (line: string) => line.trim().split(/\s+/)[1] ?? '';

const manifest = manifestOf('cdnow', 'UTC', [
  {
    role: 'orders',
    path: 'cdnow.txt',
    format: 'whitespace',
    columns: { userId: 'customer_id', time: 'date', amount: 'dollar_value' },
  },
]);

async function load(text: string): Promise<Engine> {
  const engine = await createWasmEngine();
  expectOk(await engine.loadWorkspace('l', manifest, new Map([['cdnow.txt', bytes(text)]])));
  return engine;
}

const spec = (patch: Partial<RetentionSpec>): RetentionSpec => ({
  startEvent: null,
  returnEvent: null,
  cohortType: 'first-time',
  cohortBy: 'first-event',
  grain: 'month',
  weekStart: 'monday',
  periodMode: 'calendar',
  measure: 'on',
  periods: 12,
  brackets: [],
  breakdown: null,
  ...patch,
});

const cells = (rows: readonly Row[]) =>
  rows.map((r) => [new Date(Number(r.cohort)).toISOString().slice(0, 10), r.period_n, r.cohort_size, r.retained, r.complete]);

describe('retention of a segment = retention of the file restricted to its members (CDNOW master)', () => {
  let whole: Engine;
  beforeAll(async () => {
    whole = await load(master);
  }, 120_000);

  // Frozen: every customer whose id ends in 3. Rule: first purchase before 1997-02-01.
  const firstDay = new Map<string, string>();
  for (const line of lines) {
    const id = idOf(line);
    const day = dateOf(line);
    if (!firstDay.has(id) || day < (firstDay.get(id) ?? '')) firstDay.set(id, day);
  }
  const frozenIds = [...firstDay.keys()].filter((id) => id.endsWith('3'));
  const januaryIds = new Set([...firstDay].filter(([, day]) => day < '19970201').map(([id]) => id));
  const segments: [string, SegmentScope, (id: string) => boolean][] = [
    ['frozen ids ending in 3', { ids: frozenIds }, (id) => id.endsWith('3')],
    [
      'rule: first seen before 1997-02-01',
      { rule: { kind: 'seen', which: 'first', op: 'before', date: '1997-02-01', days: null } },
      (id) => januaryIds.has(id),
    ],
  ];

  it.each(segments)(
    '%s',
    async (_name, segment, member) => {
      const kept = lines.filter((line) => member(idOf(line)));
      expect(kept.length).toBeGreaterThan(1000);
      expect(kept.length).toBeLessThan(lines.length);
      const restricted = await load([header, ...kept].join('\n') + '\n');
      for (const s of [
        spec({}),
        spec({ measure: 'on-or-after', grain: 'week', periods: 10 }),
        spec({
          periodMode: 'rolling',
          measure: 'bracket',
          brackets: [
            [0, 0],
            [1, 2],
            [3, 6],
          ],
        }),
      ]) {
        const bySegment = expectOk(await whole.run('s', { kind: 'retention', spec: s, segment })).rows;
        const byFile = expectOk(await restricted.run('f', { kind: 'retention', spec: s })).rows;
        expect(bySegment.length).toBeGreaterThanOrEqual(3);
        expect(cells(bySegment)).toEqual(cells(byFile));
        // And not simply the whole file's numbers.
        const all = expectOk(await whole.run('a', { kind: 'retention', spec: s })).rows;
        expect(cells(all)).not.toEqual(cells(bySegment));
      }
    },
    180_000,
  );
});
