import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ReportSnapshot } from '../../report/report-types';
import type { SavedReport, StrataDb } from '../../store/db';
import { deleteReport, importManifestReports, listReports, putReport } from '../../store/reports';
import { useVault } from './vault-context';
import { useWorkspace } from './workspace-context';

export type { SavedReport };

/** A report file opened read-only: what it holds, and the file as it came (to show it as it was). */
export interface ReceivedReport {
  snapshot: ReportSnapshot;
  html: string;
}

export interface ReportsState {
  /** The loaded workspace's reports, newest first (empty while none is loaded). */
  reports: readonly SavedReport[];
  ready: boolean;
  /** Saves (creates or replaces) a report; false when it could not be kept (the storage banner says why). */
  save: (report: SavedReport) => Promise<boolean>;
  remove: (id: string) => Promise<boolean>;
  /** A report file opened read-only (kept in memory only: it is the sender's, not this workspace's). */
  received: ReceivedReport | null;
  setReceived: (report: ReceivedReport | null) => void;
}

/** A new report or item id: unique on this device, and plain text in a URL. */
export const newReportId = (prefix = 'rep') => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

const ReportsContext = createContext<ReportsState | null>(null);

/** The reports of the workspace in use, kept in IndexedDB. */
export function ReportsProvider({ db, children }: { db: StrataDb; children: ReactNode }) {
  // `version` too: a restored backup reloads the same workspace with other records kept.
  const { workspaceId, manifest, reportStorage, version } = useWorkspace();
  const { key } = useVault();
  const [reports, setReports] = useState<{ workspaceId: string; list: SavedReport[] } | null>(null);
  const [generation, setGeneration] = useState(0);
  const [received, setReceived] = useState<ReceivedReport | null>(null);

  // A manifest opened from elsewhere brings its reports; those this device lacks are kept.
  const travelled = manifest?.reports;
  useEffect(() => {
    if (workspaceId === null || !travelled || travelled.length === 0) return;
    let live = true;
    void importManifestReports(db, workspaceId, travelled, Date.now(), key).then((imported) => {
      if (!live) return;
      if (!imported.ok) reportStorage([imported.problem]);
      else {
        reportStorage(imported.value.skipped);
        if (imported.value.added > 0) setGeneration((g) => g + 1);
      }
    });
    return () => {
      live = false;
    };
  }, [db, workspaceId, travelled, key, reportStorage]);

  useEffect(() => {
    if (workspaceId === null) return;
    let live = true;
    void listReports(db, workspaceId, key).then((read) => {
      if (!live) return;
      if (!read.ok) {
        reportStorage([read.problem]);
        return;
      }
      reportStorage(read.value.skipped);
      setReports({ workspaceId, list: read.value.value });
    });
    return () => {
      live = false;
    };
  }, [db, workspaceId, generation, version, key, reportStorage]);

  const save = useCallback(
    async (report: SavedReport) => {
      // Shown at once; read back from storage after.
      setReports((r) => (r ? { ...r, list: [report, ...r.list.filter((x) => x.id !== report.id)] } : r));
      const saved = await putReport(db, report, key);
      if (!saved.ok) reportStorage([saved.problem]);
      setGeneration((g) => g + 1);
      return saved.ok;
    },
    [db, key, reportStorage],
  );

  const remove = useCallback(
    async (id: string) => {
      const removed = await deleteReport(db, id);
      if (!removed.ok) reportStorage([removed.problem]);
      setGeneration((g) => g + 1);
      return removed.ok;
    },
    [db, reportStorage],
  );

  const value = useMemo<ReportsState>(() => {
    const current = reports !== null && reports.workspaceId === workspaceId;
    return { reports: current ? reports.list : [], ready: current, save, remove, received, setReceived };
  }, [reports, workspaceId, save, remove, received]);
  return <ReportsContext.Provider value={value}>{children}</ReportsContext.Provider>;
}

export function useReports(): ReportsState {
  const value = useContext(ReportsContext);
  if (!value) throw new Error('useReports outside ReportsProvider');
  return value;
}
