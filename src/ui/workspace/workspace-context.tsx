import {
  createContext,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { AnalysisResult } from '../../engine/engine';
import type { EngineClient, WorkerFileInput } from '../../engine/engine-client';
import { IdlePrefetch } from './idle-prefetch';
import type { Outcome } from '../../engine/engine-error';
import type { LoadProgress, ProgressListener } from '../../engine/load-progress';
import type { WorkspaceInfo } from '../../engine/workspace-info';
import type { WorkspaceManifest } from '../../ingest/manifest';
import { fail, ok, type Problem, type Result } from '../../schema/problem';
import type { BackupContent } from '../../store/backup/backup-content';
import { decodeBackup, encodeBackup } from '../../store/backup/backup-file';
import { readBackupContent, restoreBackupContent } from '../../store/backup/backup-store';
import type { StrataDb } from '../../store/db';
import { storedKeyOf } from '../../store/stored-blobs';
import {
  keepAnswers,
  keepSnapshot,
  keptAnswersPath,
  readCurrentWorkspace,
  saveWorkspace,
  snapshotPath,
  storedWorkspaces,
  wipeAll,
  type StoredWorkspace,
} from '../../store/workspaces';
import { AnswerBook } from './answer-book';
import { encodeKeptAnswers, publishedGeneration, readKeptAnswers, type KeptAnswers } from './kept-answers';
import { rememberOpensOnKeptAnswers } from './opens-on-kept-answers';
import { fetchHostedWorkspace } from './hosted-manifest';
import { StorageProblemBanner } from './storage-problem-banner';
import { useVault } from './vault-context';

export type WorkspaceStatus =
  | { state: 'idle' }
  /**
   * `names`: what is loading in each language, when its manifest gives them (the demo's).
   * `opening`: the workspace opened at start (the one kept, or the demo), which a load the user
   * asks for meanwhile replaces.
   */
  | {
      state: 'loading';
      what: string;
      names?: WorkspaceManifest['names'];
      since: number;
      progress?: LoadProgress;
      opening?: boolean;
    }
  | { state: 'ready' }
  | { state: 'cancelled' }
  /** `detail`: DuckDB's or the browser's own text of an unexpected failure, for a details view only. */
  | { state: 'error'; problem: Problem; detail?: string };

export interface WorkspaceState {
  client: EngineClient;
  /** Answers computed ahead while the engine is idle (see IdlePrefetch). */
  prefetch: IdlePrefetch;
  /** The loaded workspace's, or while the one kept is being opened at start, what it was last time. */
  info: WorkspaceInfo | null;
  /** `info` is what the workspace kept was last time: the engine has no tables to answer from yet. */
  infoKept: boolean;
  /**
   * The answers the panels of the workspace kept on this device were given last time (see
   * kept-answers.ts), from its opening at start until another workspace (or zone) is loaded: drawn
   * until the engine answers again.
   */
  keptAnswers: KeptAnswers | null;
  /** Takes an answer given on workspace `version`, to keep with the workspace. */
  keepAnswer: (version: number, request: string, result: AnalysisResult) => void;
  /** As `info`: the loaded workspace's, or the one kept (or published) while it opens at start. */
  manifest: WorkspaceManifest | null;
  /** The key of the loaded workspace on this device (what its segments belong to). */
  workspaceId: string | null;
  status: WorkspaceStatus;
  /** Bumps whenever a new workspace is loaded, so panels re-run. */
  version: number;
  /**
   * Writing the loaded workspace to this device goes on after it is shown: `keeping` is true
   * meanwhile (a reload then would not find it), and `keptVersion` bumps once it is written
   * (and again whenever the answers given on it are).
   */
  keeping: boolean;
  keptVersion: number;
  /**
   * Opens a workspace hosted beside the app. `giveWay`: checked before loading; true stops it
   * (the opening at start gives way to a workspace the user opened meanwhile).
   */
  openHosted: (url: string, giveWay?: () => boolean) => Promise<void>;
  /** Resolves true when the files loaded (else the status says why). */
  openFiles: (manifest: WorkspaceManifest, files: ReadonlyMap<string, Blob>) => Promise<boolean>;
  /** The files the loaded workspace was read from (to add to it or remove one), or null for a hosted one. */
  currentFiles: () => ReadonlyMap<string, Blob> | null;
  /** Reloads the same files with changed settings (time zone, week start). */
  reconfigure: (patch: Partial<Pick<WorkspaceManifest, 'timeZone' | 'weekStart'>>) => Promise<void>;
  dismissError: () => void;
  /** Stops the load in progress; the workspace loaded before stays. */
  cancelLoad: () => void;
  /**
   * Opens the workspace kept on this device from last time. Resolves false when there is
   * none (or it cannot be read: the storage problems then say why). `giveWay` as for openHosted
   * (resolving true: something else is opening).
   */
  openSaved: (giveWay?: () => boolean) => Promise<boolean>;
  /** How many loads have started so far (to tell whether one started since). */
  loadsStarted: () => number;
  /** What is kept on this device (IndexedDB), and wiping it all (true when wiped). */
  stored: () => Promise<StoredWorkspace[]>;
  wipeStored: () => Promise<boolean>;
  /** One backup file of the workspace in use, encrypted when a passphrase is given (issue 14). */
  backUp: (options: {
    includeFiles: boolean;
    passphrase?: string;
  }) => Promise<Result<{ bytes: Uint8Array; content: BackupContent }>>;
  /**
   * Restores a backup file as the workspace kept here, then opens it (`opened` false when it
   * brought no files to open). On any problem nothing kept has changed.
   */
  restoreBackup: (bytes: Uint8Array, passphrase?: string) => Promise<Result<{ content: BackupContent; opened: boolean }>>;
  /** Why something could not be kept on, or read back from, this device. */
  storageProblems: readonly Problem[];
  reportStorage: (problems: readonly Problem[]) => void;
  dismissStorageProblems: () => void;
}

/**
 * Keeps a loaded workspace on this device (`info`: what the load made of it); resolves the
 * generation of the tables kept (see SavedWorkspace), or null when no answers are to be kept.
 */
type Save = (manifest: WorkspaceManifest, info: WorkspaceInfo) => Promise<Result<string | null>>;

/** How long answers gather before they are written: most of a page's panels answer within it. */
const answersWriteDelayMs = 400;

/** Builds the workspace in the engine (an import of its files, or a change of zone), reporting progress. */
type Build = (onProgress: ProgressListener) => Promise<Outcome<WorkspaceInfo>>;

/** What was kept with a workspace's snapshot: its generation and the answers given on it (file and contents). */
interface KeptWith {
  generation?: string;
  answers?: Blob;
  seed?: ReadonlyMap<string, AnalysisResult>;
}

/** The answers published beside a hosted snapshot for this build, or null (none, or unusable). */
async function fetchPublishedAnswers(url: string, appBuild: string): Promise<KeptAnswers | null> {
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    return await readKeptAnswers(await response.blob(), { build: appBuild, generation: publishedGeneration });
  } catch {
    return null;
  }
}

/** A new generation of kept tables (see SavedWorkspace); random, and made on plain HTTP too. */
function newGeneration(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A save that keeps no answers. */
const nothing = (saved: Result<void>): Result<string | null> => (saved.ok ? ok(null) : saved);

/** The key a workspace is kept under (and its segments belong to): its manifest's URL, or its name. */
const localId = (m: WorkspaceManifest) => `local:${m.name}`;

const WorkspaceContext = createContext<WorkspaceState | null>(null);

/**
 * Holds the loaded workspace. A failed load only sets an error: the workspace already
 * loaded stays, in the engine (see Engine.loadWorkspace) and here. `appBuild` names this build
 * of the app: answers kept by another are not drawn (see kept-answers.ts).
 */
export function WorkspaceProvider({
  client,
  db,
  appBuild,
  children,
}: {
  client: EngineClient;
  db: StrataDb;
  appBuild: string;
  children: ReactNode;
}) {
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const prefetch = useMemo(() => new IdlePrefetch(client), [client]);
  useEffect(() => () => prefetch.dispose(), [prefetch]);
  // The workspace kept on this device opened at start, and the answers kept with it.
  const [provisional, setProvisional] = useState<{ id: string; manifest: WorkspaceManifest; kept: KeptAnswers } | null>(null);
  const versionRef = useRef(0);
  const book = useRef<AnswerBook | null>(null);
  const writeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // One write of answers at a time: a slow one must not land over a newer one.
  const writing = useRef<Promise<void>>(Promise.resolve());
  const [manifest, setManifest] = useState<WorkspaceManifest | null>(null);
  const [workspaceId, setWorkspaceId] = useState<string | null>(null);
  const [status, setStatus] = useState<WorkspaceStatus>({ state: 'idle' });
  const [version, setVersion] = useState(0);
  const [savesPending, setSavesPending] = useState(0);
  const [keptVersion, setKeptVersion] = useState(0);
  const [storageProblems, setStorageProblems] = useState<readonly Problem[]>([]);
  const loads = useRef(0);
  const applied = useRef(0);
  // The ticket of the opening at start while it loads.
  const opening = useRef<number | null>(null);
  const lastSource = useRef<{ files: WorkerFileInput[]; id: string; save: Save } | null>(null);
  // Read when a save runs, not when its load began: encryption may be turned on in between.
  const { key } = useVault();
  const keyRef = useRef(key);
  useEffect(() => {
    keyRef.current = key;
  }, [key]);

  const reportStorage = useCallback((problems: readonly Problem[]) => {
    if (problems.length) setStorageProblems((shown) => [...shown, ...problems]);
  }, []);

  /** Writes the answers of the workspace in use, once they stop coming for a moment. */
  const scheduleAnswersWrite = useCallback(() => {
    if (writeTimer.current !== null) return;
    writeTimer.current = setTimeout(() => {
      writeTimer.current = null;
      const answers = book.current;
      if (!answers || !answers.dirty || answers.failed || answers.generation === null) return;
      answers.dirty = false;
      const stamp = { build: appBuild, generation: answers.generation };
      const kept = answers.kept();
      writing.current = writing.current.then(async () => {
        let blob: Blob;
        try {
          blob = await encodeKeptAnswers(kept, stamp);
        } catch {
          // No digest without WebCrypto (a page served over plain HTTP): nothing is kept.
          answers.failed = true;
          return;
        }
        const written = await keepAnswers(db, answers.workspaceId, blob, keyRef.current);
        if (written.ok) {
          if (written.value) setKeptVersion((v) => v + 1);
          // An encrypted store's prompt waits for the passphrase: its engine had better start meanwhile.
          rememberOpensOnKeptAnswers(keyRef.current === null);
          return;
        }
        answers.failed = true;
        reportStorage([written.problem]);
      });
    }, answersWriteDelayMs);
  }, [appBuild, db, reportStorage]);
  useEffect(
    () => () => {
      if (writeTimer.current !== null) clearTimeout(writeTimer.current);
    },
    [],
  );

  const keepAnswer = useCallback(
    (version: number, request: string, result: AnalysisResult) => {
      const answers = book.current;
      if (answers?.version !== version) return;
      answers.add(request, result);
      if (answers.dirty) scheduleAnswersWrite();
    },
    [scheduleAnswersWrite],
  );

  const load = useCallback(
    async (
      next: WorkspaceManifest,
      files: WorkerFileInput[],
      id: string,
      save: Save,
      build: Build = (onProgress) => client.loadWorkspace(next, files, onProgress),
      atStart = false,
      seed?: ReadonlyMap<string, AnalysisResult>,
    ): Promise<boolean> => {
      // The user's own load stops the opening at start still loading: theirs replaces it anyway.
      if (!atStart && opening.current !== null && opening.current === loads.current) client.cancelLoad();
      if (!atStart) setProvisional(null);
      const ticket = ++loads.current;
      if (atStart) opening.current = ticket;
      setStatus({
        state: 'loading',
        what: next.name,
        ...(next.names ? { names: next.names } : {}),
        since: Date.now(),
        ...(atStart ? { opening: true } : {}),
      });
      const outcome = await build((progress) => {
        // A transition, as screens and results render (app.tsx, use-analysis.ts): an urgent update
        // would restart those renders at every report, and hold a screen change back for seconds.
        if (ticket === loads.current) startTransition(() => setStatus((s) => (s.state === 'loading' ? { ...s, progress } : s)));
      });
      if (opening.current === ticket) opening.current = null;
      // Answers kept for tables that did not open are for nothing.
      if (atStart && !outcome.ok) setProvisional(null);
      const newest = ticket === loads.current;
      if (!outcome.ok) {
        if (newest) {
          const { kind, code, vars, detail } = outcome.error;
          const problem = vars ? { code, vars } : { code };
          setStatus(kind === 'cancelled' ? { state: 'cancelled' } : { state: 'error', problem, ...(detail ? { detail } : {}) });
        }
        return false;
      }
      // An older load that succeeded is what the engine holds unless a newer one replaces it
      // (the engine discards an older result once a newer workspace is in place).
      if (ticket < applied.current) return false;
      applied.current = ticket;
      setInfo(outcome.value);
      setManifest(next);
      setWorkspaceId(id);
      const version = ++versionRef.current;
      setVersion(version);
      // Answers kept with the tables restored as they were are still theirs.
      const answers = new AnswerBook(version, id, outcome.value, outcome.value.openedMs !== undefined ? seed : undefined);
      book.current = answers;
      if (newest) setStatus({ state: 'ready' });
      lastSource.current = { files, id, save };
      if (outcome.value.snapshotProblem) reportStorage([outcome.value.snapshotProblem]);
      // The loaded workspace works without being kept; a failure to keep it is shown, not fatal.
      setSavesPending((n) => n + 1);
      const saved = await save(next, outcome.value);
      setSavesPending((n) => n - 1);
      setKeptVersion((v) => v + 1);
      if (!saved.ok) reportStorage([saved.problem]);
      else if (saved.value !== null) {
        answers.generation = saved.value;
        scheduleAnswersWrite();
      }
      return true;
    },
    [client, reportStorage, scheduleAnswersWrite],
  );

  const openHosted = useCallback(
    async (url: string, giveWay?: () => boolean) => {
      if (giveWay?.()) return;
      setProvisional(null);
      setStatus({ state: 'loading', what: url, since: Date.now(), ...(giveWay ? { opening: true } : {}) });
      const hosted = await fetchHostedWorkspace(url, document.baseURI);
      // The status is then the other load's.
      if (giveWay?.()) return;
      if (!hosted.ok) {
        setStatus({ state: 'error', problem: hosted.problem });
        return;
      }
      const { manifest: m, manifestUrl, files, snapshotUrl, answersUrl } = hosted.value;
      // Its snapshot is fetched while the engine starts: the next opening should not wait for drawing.
      if (giveWay) rememberOpensOnKeptAnswers(false);
      // At start only: other panels than this workspace's are on screen otherwise.
      const published = answersUrl && giveWay ? await fetchPublishedAnswers(answersUrl, appBuild) : null;
      if (giveWay?.()) return;
      // Drawn at once, until the engine has the tables and answers again.
      if (published) setProvisional({ id: manifestUrl, manifest: m, kept: published });
      await load(
        m,
        files,
        manifestUrl,
        // Hosted files can change on their server: no answers are kept for them.
        async (saved) =>
          nothing(await saveWorkspace(db, { id: manifestUrl, manifest: saved, manifestUrl }, new Map(), keyRef.current)),
        (onProgress) => client.loadWorkspace(m, files, onProgress, snapshotUrl),
        giveWay !== undefined,
      );
    },
    [appBuild, client, db, load],
  );

  /** Keeps a snapshot of the loaded workspace's tables beside its files, so that a reload restores them. */
  const keepTables = useCallback(
    async (id: string) => {
      const exported = await client.exportSnapshot();
      // Without a snapshot the kept files still reopen the workspace, by importing them.
      if (!exported.ok) return;
      const kept = await keepSnapshot(db, id, exported.value, keyRef.current);
      if (!kept.ok) reportStorage([kept.problem]);
    },
    [client, db, reportStorage],
  );

  /**
   * `snapshot`: the workspace's tables kept with these files, restored instead of importing them
   * if it fits; `kept`: what was kept with that snapshot (its generation, and the answers given on
   * it), kept again as it is when the snapshot is restored.
   */
  const openFiles = useCallback(
    async (m: WorkspaceManifest, files: ReadonlyMap<string, Blob>, snapshot?: Blob, atStart = false, kept?: KeptWith) => {
      const inputs = [...files].map(([path, file]) => ({ path, file, ...(storedKeyOf(file) ? { stored: true } : {}) }));
      const id = localId(m);
      const save: Save = async (saved, info) => {
        // Pseudonymised workspaces keep no files (they hold the original ids), nor tables or answers.
        if (saved.pseudonymise) return nothing(await saveWorkspace(db, { id, manifest: saved }, new Map(), keyRef.current));
        // Restored from the snapshot as it was: kept again as it is. Anything else (an import,
        // a change of zone) is kept with a snapshot of what is loaded now, as new tables.
        const restored = snapshot !== undefined && info.openedMs !== undefined && info.rezonedMs === undefined;
        const generation = restored && kept?.generation ? kept.generation : newGeneration();
        const keep = new Map(files);
        if (restored) keep.set(snapshotPath, snapshot);
        if (restored && kept?.answers) keep.set(keptAnswersPath, kept.answers);
        const result = await saveWorkspace(db, { id, manifest: saved, generation }, keep, keyRef.current);
        if (!result.ok) return result;
        if (!restored) await keepTables(id);
        return ok(generation);
      };
      const build: Build = (onProgress) => client.loadWorkspace(m, inputs, onProgress, snapshot);
      return load(m, inputs, id, save, build, atStart, kept?.seed);
    },
    [client, db, load, keepTables],
  );

  const reconfigure = useCallback(
    async (patch: Partial<Pick<WorkspaceManifest, 'timeZone' | 'weekStart'>>) => {
      const source = lastSource.current;
      if (!manifest || !source) return;
      const next = { ...manifest, ...patch };
      const { timeZone } = patch;
      // Only the zone changing: the tables that depend on it are rebuilt, the files are not
      // imported again (issue 13, bug 7), unless the import itself depended on the zone.
      const rezone: Build | undefined =
        timeZone !== undefined && timeZone !== manifest.timeZone && (patch.weekStart ?? manifest.weekStart) === manifest.weekStart
          ? async (onProgress) => {
              const rezoned = await client.rezone(timeZone, onProgress);
              if (rezoned.ok || rezoned.error.code !== 'rezone.reimport') return rezoned;
              return client.loadWorkspace(next, source.files, onProgress);
            }
          : undefined;
      await load(next, source.files, source.id, source.save, rezone);
    },
    [client, manifest, load],
  );

  const openSaved = useCallback(
    async (giveWay?: () => boolean) => {
      // Answers of the workspace open before (a backup restored over it) are not this one's.
      setProvisional(null);
      const read = await readCurrentWorkspace(db, keyRef.current);
      if (giveWay?.()) return true;
      if (!read.ok) {
        reportStorage([read.problem]);
        return false;
      }
      reportStorage(read.value.skipped);
      const saved = read.value.value;
      if (saved?.workspace.manifestUrl) {
        await openHosted(saved.workspace.manifestUrl, giveWay);
        return true;
      }
      if (!saved) return false;
      const files = new Map(saved.files);
      const snapshot = files.get(snapshotPath);
      const answersFile = files.get(keptAnswersPath);
      files.delete(snapshotPath);
      files.delete(keptAnswersPath);
      if (files.size === 0) return false;
      const { generation } = saved.workspace;
      const kept = answersFile && generation ? await readKeptAnswers(answersFile, { build: appBuild, generation }) : null;
      rememberOpensOnKeptAnswers(kept !== null && keyRef.current === null);
      if (giveWay?.()) return true;
      // Drawn at once, until the engine has the tables and answers again.
      if (kept) setProvisional({ id: saved.workspace.id, manifest: saved.workspace.manifest, kept });
      await openFiles(saved.workspace.manifest, files, snapshot, true, {
        ...(generation ? { generation } : {}),
        ...(kept && answersFile ? { answers: answersFile, seed: kept.answers } : {}),
      });
      return true;
    },
    [appBuild, db, openHosted, openFiles, reportStorage],
  );
  const loadsStarted = useCallback(() => loads.current, []);

  const currentFiles = useCallback(() => {
    const source = lastSource.current;
    if (!source || source.id !== workspaceId || !workspaceId.startsWith('local:')) return null;
    const files = new Map<string, Blob>();
    for (const f of source.files) if ('file' in f) files.set(f.path, f.file);
    return files;
  }, [workspaceId]);

  const dismissError = useCallback(() => setStatus(info ? { state: 'ready' } : { state: 'idle' }), [info]);
  const stored = useCallback(async () => {
    const read = await storedWorkspaces(db, key);
    if (!read.ok) {
      reportStorage([read.problem]);
      return [];
    }
    reportStorage(read.value.skipped);
    return read.value.value;
  }, [db, key, reportStorage]);
  const cancelLoad = useCallback(() => client.cancelLoad(), [client]);
  const wipeStored = useCallback(async () => {
    const wiped = await wipeAll(db);
    if (!wiped.ok) reportStorage([wiped.problem]);
    return wiped.ok;
  }, [db, reportStorage]);
  const dismissStorageProblems = useCallback(() => setStorageProblems([]), []);
  const backUp = useCallback(
    async (options: { includeFiles: boolean; passphrase?: string }) => {
      if (workspaceId === null) return fail('backup.nothingKept');
      const content = await readBackupContent(db, workspaceId, { includeFiles: options.includeFiles }, key);
      if (!content.ok) return content;
      const passphrase = options.passphrase !== undefined ? { passphrase: options.passphrase } : {};
      return ok({ bytes: await encodeBackup(content.value, passphrase), content: content.value });
    },
    [db, workspaceId, key],
  );
  const restoreBackup = useCallback(
    async (bytes: Uint8Array, passphrase?: string) => {
      const content = await decodeBackup(bytes, passphrase);
      if (!content.ok) return content;
      const restored = await restoreBackupContent(db, content.value, key);
      if (!restored.ok) return restored;
      return ok({ content: content.value, opened: await openSaved() });
    },
    [db, key, openSaved],
  );

  const value = useMemo<WorkspaceState>(
    () => ({
      client,
      prefetch,
      info: info ?? provisional?.kept.info ?? null,
      infoKept: info === null && provisional !== null,
      keptAnswers: provisional?.kept ?? null,
      keepAnswer,
      manifest: manifest ?? provisional?.manifest ?? null,
      workspaceId: workspaceId ?? provisional?.id ?? null,
      status,
      version,
      keeping: savesPending > 0,
      keptVersion,
      openHosted,
      openFiles,
      currentFiles,
      reconfigure,
      dismissError,
      cancelLoad,
      openSaved,
      loadsStarted,
      stored,
      wipeStored,
      backUp,
      restoreBackup,
      storageProblems,
      reportStorage,
      dismissStorageProblems,
    }),
    [
      client,
      prefetch,
      info,
      provisional,
      keepAnswer,
      manifest,
      workspaceId,
      status,
      version,
      savesPending,
      keptVersion,
      openHosted,
      openFiles,
      currentFiles,
      reconfigure,
      dismissError,
      cancelLoad,
      openSaved,
      loadsStarted,
      stored,
      wipeStored,
      backUp,
      restoreBackup,
      storageProblems,
      reportStorage,
      dismissStorageProblems,
    ],
  );
  // The banner sits here so that every screen shows it, whatever the shell draws.
  return (
    <WorkspaceContext.Provider value={value}>
      <StorageProblemBanner problems={storageProblems} onDismiss={dismissStorageProblems} />
      {children}
    </WorkspaceContext.Provider>
  );
}

export function useWorkspace(): WorkspaceState {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside WorkspaceProvider');
  return value;
}
