import { StrictMode, useCallback } from 'react';
import { createRoot } from 'react-dom/client';
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { EngineClient } from '../engine/engine-client';
import { openDb } from '../store/db';
import { I18nProvider } from '../ui/i18n/i18n';
import { ReportsProvider } from '../ui/workspace/reports-context';
import { SegmentsProvider } from '../ui/workspace/segments-context';
import { VaultProvider } from '../ui/workspace/vault-context';
import { VaultGate } from '../ui/workspace/vault-gate';
import { WorkspaceProvider, useWorkspace } from '../ui/workspace/workspace-context';
import { App } from './app';
import './styles.css';

const demoManifest = 'demo/manifest.json';

const client = new EngineClient({
  createWorker: () => new Worker(new URL('../engine/engine.worker.ts', import.meta.url), { type: 'module' }),
  // Resolved here: a worker resolves relative URLs against its own script, not the page.
  wasmUrl: new URL(wasmUrl, document.baseURI).href,
  onRestart: (reason) => console.warn(`engine restarted: ${reason}`),
});
const db = openDb();

// `?bench` exposes the engine client to the benchmark's page.evaluate and opens no workspace
// by itself, so that nothing else runs while the benchmark measures (see bench/bench.test.ts).
const benchMode = new URLSearchParams(location.search).has('bench');
if (benchMode) {
  (window as unknown as { strataEngine: EngineClient }).strataEngine = client;
}

/** What to open first: `?workspace=<url>`, else the workspace in use last time, else the demo. */
function Startup() {
  const { openHosted, openSaved } = useWorkspace();
  const start = useCallback(() => {
    if (benchMode) return;
    const requested = new URLSearchParams(location.search).get('workspace');
    if (requested) {
      void openHosted(requested);
      return;
    }
    void openSaved().then((opened) => {
      if (!opened) void openHosted(demoManifest);
    });
  }, [openHosted, openSaved]);
  return <App onStart={start} />;
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <VaultProvider db={db}>
        {/* Nothing opens (and so nothing kept is read) before an encrypted workspace is unlocked. */}
        <VaultGate>
          <WorkspaceProvider client={client} db={db}>
            <SegmentsProvider db={db}>
              <ReportsProvider db={db}>
                <Startup />
              </ReportsProvider>
            </SegmentsProvider>
          </WorkspaceProvider>
        </VaultGate>
      </VaultProvider>
    </I18nProvider>
  </StrictMode>,
);
