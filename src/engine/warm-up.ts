import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { manifestFormat, manifestVersion, type WorkspaceManifest } from '../ingest/manifest';
import { DuckDBSession, type CancelToken } from './duckdb-session';
import { WorkspaceLoader } from './workspace-loader';
import { laterZonedTables } from './zoned-tables';
import { workspaceStorage } from './workspace-storage';

/**
 * An import of a small made-up events file, into a schema of its own that is dropped after:
 * what the engine does while idle so that the user's own import runs on warm code. The browser
 * first runs WebAssembly in a baseline tier and optimises a function only once it has run a
 * while; a 5M-event import in a fresh tab took 7.9 s to its first tables, 5.9 s after this
 * (Chromium, 2 cores): sniffing 750 -> 260 ms, the per-user-per-day table 1.8 -> 0.9 s.
 */
export const warmUpRows = 100_000;

const events = ['app_open', 'view_item', 'add_to_cart', 'purchase'];
const pad = (n: number) => String(n).padStart(2, '0');

/** The made-up file: 20,000 users over February 2024, a purchase in four events with its amount. */
export function warmUpCsv(rows = warmUpRows): Uint8Array {
  const lines = ['user_id,event_time,event,amount'];
  for (let i = 0; i < rows; i++) {
    const amount = i % 4 === 3 ? `${(i % 100) + 0.5}` : '';
    lines.push(
      `u${(i * 7919) % 20_000},2024-02-${pad(1 + (i % 29))} ${pad(i % 24)}:${pad(i % 60)}:00,${events[i % 4]},${amount}`,
    );
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

const manifest: WorkspaceManifest = {
  format: manifestFormat,
  version: manifestVersion,
  name: 'warm-up',
  timeZone: 'Asia/Shanghai',
  weekStart: 'monday',
  files: [
    {
      role: 'events',
      path: 'warm-up.csv',
      format: 'csv',
      columns: { userId: 'user_id', time: 'event_time', event: 'event', amount: 'amount' },
    },
  ],
};

/** Imports the made-up file as a workspace is imported, every table included, then drops it. */
export async function warmUp(db: DuckDBBindings, token: CancelToken): Promise<void> {
  const storage = workspaceStorage('strata_warm_up', false);
  const admin = DuckDBSession.open(db);
  await admin.query(storage.drop);
  await admin.query(storage.create);
  const session = DuckDBSession.open(db, storage.use);
  try {
    const loader = new WorkspaceLoader(session, storage.name, token);
    const info = await loader.load(manifest, new Map([['warm-up.csv', { kind: 'bytes', bytes: warmUpCsv() }]]));
    for (const table of laterZonedTables(loader.zoneSources!, info.timeZone)) await session.query(table.query.text, token);
  } finally {
    session.close();
    await admin.query(storage.drop);
    admin.close();
  }
}
