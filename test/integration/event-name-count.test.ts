import { describe, expect, it } from 'vitest';
import { allEventNames } from '../../src/engine/workspace-info';
import { retentionSettingsFromParams } from '../../src/analyses/retention/retention-settings';
import { churnSettingsFromParams } from '../../src/analyses/churn/churn-settings';
import { missingReference, type SegmentRule } from '../../src/analyses/segment-rule';
import { bytes, createWasmEngine, expectOk, manifestOf } from '../helpers/wasm-engine';

/** 620 event names: `e0` 621 times down to `e619` twice, so the most frequent are e0, e1, ... */
function manyNames(): string {
  const lines = ['u,t,e'];
  for (let k = 0; k < 620; k++) {
    for (let i = 0; i < 621 - k + 1; i++)
      lines.push(`u${i % 40},2024-01-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00,e${k}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('a workspace with more event names than its pickers list', () => {
  it('counts every name, lists the 500 most frequent, and calls none of the others missing', async () => {
    const engine = await createWasmEngine();
    const manifest = manifestOf('many', 'UTC', [
      { role: 'events', path: 'many.csv', format: 'csv', columns: { userId: 'u', time: 't', event: 'e' } },
    ]);
    const info = expectOk(await engine.loadWorkspace('a', manifest, new Map([['many.csv', bytes(manyNames())]])));
    expect(info.eventNameCount).toBe(620);
    expect(info.eventNames).toHaveLength(500);
    expect(info.eventNames.slice(0, 3)).toEqual(['e0', 'e1', 'e2']);
    expect(info.eventNames.at(-1)).toBe('e499');
    expect(allEventNames(info)).toBeNull();

    // e600 is in the data but not in the list: a bookmarked URL or a saved segment on it stays valid.
    expect(retentionSettingsFromParams({ start: 'e600' }, allEventNames(info), 'monday').problem).toBeUndefined();
    expect(churnSettingsFromParams({ event: 'e600' }, allEventNames(info), false).problems.inactivity).toBeNull();
    const rule: SegmentRule = { kind: 'sequence', first: 'e600', then: 'e0', withinDays: 7, window: { kind: 'all' } };
    expect(missingReference(rule, { columns: [], events: allEventNames(info), eventColumns: [] })).toBeNull();
    // A name the data does not hold is still called missing when every name is listed.
    expect(missingReference(rule, { columns: [], events: ['e0'], eventColumns: [] })).toEqual({ kind: 'event', name: 'e600' });
  });
});
