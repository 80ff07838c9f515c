import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Engine } from '../src/engine/engine';
import type { FileSource } from '../src/engine/duckdb-session';
import { validateManifest } from '../src/ingest/manifest';
import { defaultOverviewSettings, overviewRequests } from '../src/analyses/overview/overview-requests';
import { encodeKeptAnswers, publishedGeneration } from '../src/ui/workspace/kept-answers';
import type { AnalysisResult } from '../src/engine/engine';
import { createWasmBindings } from './node-duckdb';

/**
 * Publishes the snapshot a hosted manifest names (its `snapshot` field), made by the app's own
 * engine under Node from the manifest's files beside it, gzipped: opening the workspace then
 * restores its tables instead of importing its files (the demo's first screen, issue 12).
 * With `appBuild` (the app's main module file name, see src/app/main.tsx), and a place for them
 * named by the manifest's `answers`, the answers of the Overview's panels at their default
 * settings are published there, computed by the same engine on the same tables, for that build:
 * the first screen draws them while DuckDB starts.
 * Returns the snapshot's path, or null when the manifest names none.
 */
export async function writeHostedSnapshot(manifestFile: string, appBuild?: string): Promise<string | null> {
  const manifest = validateManifest(JSON.parse(readFileSync(manifestFile, 'utf8')));
  if (!manifest.ok) throw new Error(`${manifestFile}: ${JSON.stringify(manifest.problem)}`);
  const { snapshot, files } = manifest.value;
  if (snapshot === undefined) return null;
  const dir = path.dirname(manifestFile);
  const sources = new Map<string, FileSource>(
    files.map((f) => [f.path, { kind: 'bytes', bytes: new Uint8Array(readFileSync(path.join(dir, f.path))) }]),
  );
  const engine = new Engine(await createWasmBindings());
  const loaded = await engine.loadWorkspace('publish', manifest.value, sources);
  if (!loaded.ok) throw new Error(`${manifestFile}: ${JSON.stringify(loaded.error)}`);
  const exported = await engine.exportSnapshot('publish');
  if (!exported.ok) throw new Error(`${manifestFile}: ${JSON.stringify(exported.error)}`);
  const target = path.join(dir, snapshot);
  const bytes = new Uint8Array(await exported.value.arrayBuffer());
  writeFileSync(target, snapshot.endsWith('.gz') ? gzipSync(bytes) : bytes);
  const answersFile = manifest.value.answers;
  if (appBuild !== undefined && answersFile !== undefined) {
    const info = loaded.value;
    const requests = overviewRequests({ ...defaultOverviewSettings, weekStart: info.weekStart, hasAmount: info.hasAmount });
    const answers = new Map<string, AnalysisResult>();
    for (const request of Object.values(requests)) {
      if (request === null) continue;
      const answer = await engine.run('publish', request);
      if (!answer.ok) throw new Error(`${manifestFile}: ${JSON.stringify(answer.error)}`);
      answers.set(JSON.stringify(request), answer.value);
    }
    const kept = await encodeKeptAnswers({ info, answers }, { build: appBuild, generation: publishedGeneration });
    writeFileSync(path.join(dir, answersFile), new Uint8Array(await kept.arrayBuffer()));
  }
  return target;
}
