import { StrictMode, useCallback } from 'react';
import { createRoot } from 'react-dom/client';
import type { EngineClient } from '../engine/engine-client';
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

/** What to open first: `?workspace=<url>`, else the workspace in use last time, else the demo. */
function Startup({ benchMode }: { benchMode: boolean }) {
  const { openHosted, openSaved, loadsStarted } = useWorkspace();
  const start = useCallback(() => {
    if (benchMode) return;
    // Files the user drops while the kept workspace is still being read are what they open:
    // the opening at start gives way instead of replacing them.
    const before = loadsStarted();
    const giveWay = () => loadsStarted() !== before;
    const requested = new URLSearchParams(location.search).get('workspace');
    if (requested) {
      void openHosted(requested, giveWay);
      return;
    }
    void openSaved(giveWay).then((opened) => {
      if (!opened) void openHosted(demoManifest, giveWay);
    });
  }, [benchMode, openHosted, openSaved, loadsStarted]);
  return <App onStart={start} />;
}

/** Draws the app on the page's #root, over the engine started by main.tsx. */
/** `build`: what names this build of the app (see main.tsx). */
export function renderApp(client: EngineClient, benchMode: boolean, build: string): void {
  const db = openDb();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <VaultProvider db={db}>
          {/* Nothing opens (and so nothing kept is read) before an encrypted workspace is unlocked. */}
          <VaultGate>
            <WorkspaceProvider client={client} db={db} appBuild={build}>
              <SegmentsProvider db={db}>
                <ReportsProvider db={db}>
                  <Startup benchMode={benchMode} />
                </ReportsProvider>
              </SegmentsProvider>
            </WorkspaceProvider>
          </VaultGate>
        </VaultProvider>
      </I18nProvider>
    </StrictMode>,
  );
}
