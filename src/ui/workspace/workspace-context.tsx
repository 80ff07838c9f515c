import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { EngineClient, WorkerFileInput } from '../../engine/engine-client';
import type { LoadProgress } from '../../engine/load-progress';
import type { WorkspaceInfo } from '../../engine/workspace-info';
import type { WorkspaceManifest } from '../../ingest/manifest';
import type { StrataDb } from '../../store/db';
import { saveWorkspace, storedWorkspaces, wipeAll, type StoredWorkspace } from '../../store/workspaces';
import { fetchHostedWorkspace } from './hosted-manifest';

export type WorkspaceStatus =
  | { state: 'idle' }
  | { state: 'loading'; what: string; since: number; progress?: LoadProgress }
  | { state: 'ready' }
  | { state: 'cancelled' }
  | { state: 'error'; message: string };

export interface WorkspaceState {
  client: EngineClient;
  info: WorkspaceInfo | null;
  manifest: WorkspaceManifest | null;
  status: WorkspaceStatus;
  /** Bumps whenever a new workspace is loaded, so panels re-run. */
  version: number;
  openHosted: (url: string) => Promise<void>;
  /** Resolves true when the files loaded (else the status says why). */
  openFiles: (manifest: WorkspaceManifest, files: ReadonlyMap<string, Blob>) => Promise<boolean>;
  /** Reloads the same files with changed settings (time zone, week start). */
  reconfigure: (patch: Partial<Pick<WorkspaceManifest, 'timeZone' | 'weekStart'>>) => Promise<void>;
  dismissError: () => void;
  /** Stops the load in progress; the workspace loaded before stays. */
  cancelLoad: () => void;
  /** What is kept on this device (IndexedDB), and wiping it all. */
  stored: () => Promise<StoredWorkspace[]>;
  wipeStored: () => Promise<void>;
}

const WorkspaceContext = createContext<WorkspaceState | null>(null);

/**
 * Holds the loaded workspace. A failed load only sets an error: the workspace already
 * loaded stays, in the engine (see Engine.loadWorkspace) and here.
 */
export function WorkspaceProvider({ client, db, children }: { client: EngineClient; db: StrataDb; children: ReactNode }) {
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [manifest, setManifest] = useState<WorkspaceManifest | null>(null);
  const [status, setStatus] = useState<WorkspaceStatus>({ state: 'idle' });
  const [version, setVersion] = useState(0);
  const loads = useRef(0);
  const applied = useRef(0);
  const lastSource = useRef<{ files: WorkerFileInput[]; save: (m: WorkspaceManifest) => Promise<void> } | null>(null);

  const load = useCallback(
    async (
      next: WorkspaceManifest,
      files: WorkerFileInput[],
      save: (m: WorkspaceManifest) => Promise<void>,
    ): Promise<boolean> => {
      const ticket = ++loads.current;
      setStatus({ state: 'loading', what: next.name, since: Date.now() });
      const outcome = await client.loadWorkspace(next, files, (progress) => {
        if (ticket === loads.current) setStatus((s) => (s.state === 'loading' ? { ...s, progress } : s));
      });
      const newest = ticket === loads.current;
      if (!outcome.ok) {
        if (newest) {
          setStatus(
            outcome.error.kind === 'cancelled' ? { state: 'cancelled' } : { state: 'error', message: outcome.error.message },
          );
        }
        return false;
      }
      // An older load that succeeded is what the engine holds unless a newer one replaces it
      // (the engine discards an older result once a newer workspace is in place).
      if (ticket < applied.current) return false;
      applied.current = ticket;
      setInfo(outcome.value);
      setManifest(next);
      setVersion((v) => v + 1);
      if (newest) setStatus({ state: 'ready' });
      lastSource.current = { files, save };
      try {
        await save(next);
      } catch {
        // Saving is a convenience; the loaded workspace works without it.
      }
      return true;
    },
    [client],
  );

  const openHosted = useCallback(
    async (url: string) => {
      setStatus({ state: 'loading', what: url, since: Date.now() });
      const hosted = await fetchHostedWorkspace(url, document.baseURI);
      if (!hosted.ok) {
        setStatus({ state: 'error', message: hosted.reason });
        return;
      }
      const { manifest: m, manifestUrl, files } = hosted.value;
      await load(m, files, (saved) => saveWorkspace(db, { id: manifestUrl, manifest: saved, manifestUrl }));
    },
    [db, load],
  );

  const openFiles = useCallback(
    async (m: WorkspaceManifest, files: ReadonlyMap<string, Blob>) => {
      const inputs = [...files].map(([path, file]) => ({ path, file }));
      // Pseudonymised workspaces keep no files: the files hold the original ids.
      const kept = (saved: WorkspaceManifest) => (saved.pseudonymise ? new Map<string, Blob>() : files);
      return load(m, inputs, (saved) => saveWorkspace(db, { id: `local:${m.name}`, manifest: saved }, kept(saved)));
    },
    [db, load],
  );

  const reconfigure = useCallback(
    async (patch: Partial<Pick<WorkspaceManifest, 'timeZone' | 'weekStart'>>) => {
      const source = lastSource.current;
      if (!manifest || !source) return;
      await load({ ...manifest, ...patch }, source.files, source.save);
    },
    [manifest, load],
  );

  const dismissError = useCallback(() => setStatus(info ? { state: 'ready' } : { state: 'idle' }), [info]);
  const stored = useCallback(() => storedWorkspaces(db), [db]);
  const cancelLoad = useCallback(() => client.cancelLoad(), [client]);
  const wipeStored = useCallback(() => wipeAll(db), [db]);

  const value = useMemo<WorkspaceState>(
    () => ({
      client,
      info,
      manifest,
      status,
      version,
      openHosted,
      openFiles,
      reconfigure,
      dismissError,
      cancelLoad,
      stored,
      wipeStored,
    }),
    [client, info, manifest, status, version, openHosted, openFiles, reconfigure, dismissError, cancelLoad, stored, wipeStored],
  );
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): WorkspaceState {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside WorkspaceProvider');
  return value;
}
