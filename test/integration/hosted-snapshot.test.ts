// Issue 12: a hosted manifest may name a snapshot of its tables published beside its files (the
// demo's, made at build time), so that opening it restores them instead of importing the files.
// Published from real files by scripts/hosted-snapshot.ts, it opens in a fresh engine with the
// numbers of an import of the same files; a manifest without `snapshot` publishes nothing.
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../src/ingest/manifest';
import type { AnalysisRequest } from '../../src/analyses/request';
import type { Engine } from '../../src/engine/engine';
import { writeHostedSnapshot } from '../../scripts/hosted-snapshot';
import { overviewRequests } from '../../src/analyses/overview/overview-requests';
import { publishedGeneration, readKeptAnswers } from '../../src/ui/workspace/kept-answers';
import { createWasmEngine, expectOk } from '../helpers/wasm-engine';

const cdnow = path.resolve(__dirname, '../../../shared/data/cdnow/cdnow_sample_elog.csv');

function hostedDir(manifest: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hosted-'));
  copyFileSync(cdnow, path.join(dir, 'elog.csv'));
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

const manifestJson = (extra: Record<string, unknown>) => ({
  format: 'strata.workspace',
  version: 1,
  name: 'CDNOW sample',
  timeZone: 'UTC',
  files: [{ role: 'orders', path: 'elog.csv', format: 'csv', columns: { userId: 'sampleid', time: 'date', amount: 'sales' } }],
  ...extra,
});

const requests: AnalysisRequest[] = [
  { kind: 'summary', spec: {} },
  { kind: 'active-users', spec: { mauWindow: 30, coreEvents: [] } },
  { kind: 'revenue', spec: { grain: 'month', weekStart: 'monday' } },
  { kind: 'lifecycle', spec: { grain: 'month', weekStart: 'monday', coreEvents: [] } },
];

async function results(engine: Engine) {
  const out = [];
  for (const request of requests) out.push(expectOk(await engine.run('q', request)).rows);
  return out;
}

describe('issue 12: a snapshot published with a hosted manifest', () => {
  it('is written gzipped beside the manifest and opens with the numbers of an import', async () => {
    const dir = hostedDir(manifestJson({ snapshot: 'tables.snapshot.gz' }));
    const written = await writeHostedSnapshot(path.join(dir, 'manifest.json'));
    expect(written).toBe(path.join(dir, 'tables.snapshot.gz'));
    const gz = readFileSync(written!);
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);

    const checked = validateManifest(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
    if (!checked.ok) throw new Error(checked.problem.code);
    const manifest = checked.value;
    const restored = await createWasmEngine();
    const info = expectOk(await restored.openSnapshot('o', manifest, { kind: 'bytes', bytes: new Uint8Array(gunzipSync(gz)) }));
    // 2,357 customers and 6,919 purchases in the CDNOW sample (../shared/data/README.md).
    expect([info.users, info.events]).toEqual([2357, 6919]);

    const imported = await createWasmEngine();
    const file = new Uint8Array(readFileSync(cdnow));
    expectOk(await imported.loadWorkspace('l', manifest, new Map([['elog.csv', { kind: 'bytes', bytes: file }]])));
    expect(await results(restored)).toEqual(await results(imported));

    // A manifest changed since (here its zone) does not take the published tables.
    const other = await restored.openSnapshot(
      'o2',
      { ...manifest, timeZone: 'Asia/Shanghai' },
      { kind: 'bytes', bytes: new Uint8Array(gunzipSync(gz)) },
    );
    expect(other.ok ? null : other.error.code).toBe('snapshot.otherManifest');
  });

  it('publishes with it the Overview answers of that build, the numbers of an import of the files', async () => {
    const dir = hostedDir(manifestJson({ snapshot: 'tables.snapshot.gz', answers: 'overview.answers.json' }));
    await writeHostedSnapshot(path.join(dir, 'manifest.json'), 'index-Abc123.js');
    const published = new Blob([readFileSync(path.join(dir, 'overview.answers.json'))]);
    const stamp = { build: 'index-Abc123.js', generation: publishedGeneration };
    const kept = await readKeptAnswers(published, stamp);
    expect(kept?.info.users).toBe(2357);
    // Keyed by the requests the Overview page makes at its default settings.
    const requests = overviewRequests({ mauWindow: 30, grain: 'day', weekStart: 'monday', hasAmount: true });
    const keys = Object.values(requests).map((r) => JSON.stringify(r));
    expect([...kept!.answers.keys()].sort()).toEqual(keys.sort());

    const manifest = validateManifest(manifestJson({}));
    if (!manifest.ok) throw new Error(manifest.problem.code);
    const imported = await createWasmEngine();
    const file = new Uint8Array(readFileSync(cdnow));
    expectOk(await imported.loadWorkspace('l', manifest.value, new Map([['elog.csv', { kind: 'bytes', bytes: file }]])));
    for (const request of Object.values(requests)) {
      expect(kept!.answers.get(JSON.stringify(request))?.rows).toEqual(expectOk(await imported.run('q', request!)).rows);
    }
    // A manifest that names no answers gets none written (and the page asks for none).
    const bare = hostedDir(manifestJson({ snapshot: 'tables.snapshot.gz' }));
    await writeHostedSnapshot(path.join(bare, 'manifest.json'), 'index-Abc123.js');
    expect(readdirSync(bare).filter((f) => f.includes('answers'))).toEqual([]);
    // Another build does not take them.
    expect(await readKeptAnswers(published, { ...stamp, build: 'index-Def456.js' })).toBeNull();
  });

  it('publishes nothing for a manifest that names no snapshot', async () => {
    const dir = hostedDir(manifestJson({}));
    expect(await writeHostedSnapshot(path.join(dir, 'manifest.json'))).toBeNull();
    expect(existsSync(path.join(dir, 'tables.snapshot.gz'))).toBe(false);
  });
});
