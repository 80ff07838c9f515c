import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SavedSegment, StrataDb } from '../../store/db';
import { deleteSegment, listSegments, putSegment } from '../../store/segments';
import { useWorkspace } from './workspace-context';

export interface SegmentsState {
  /** The loaded workspace's saved segments, newest first (empty while none is loaded). */
  segments: readonly SavedSegment[];
  /** Saves a segment; false when it could not be kept (the storage banner says why). */
  save: (segment: SavedSegment) => Promise<boolean>;
  remove: (id: string) => Promise<boolean>;
}

const SegmentsContext = createContext<SegmentsState | null>(null);

/** The saved segments (人群) of the workspace in use, kept in IndexedDB. */
export function SegmentsProvider({ db, children }: { db: StrataDb; children: ReactNode }) {
  const { workspaceId, reportStorage } = useWorkspace();
  const [segments, setSegments] = useState<{ workspaceId: string; list: SavedSegment[] } | null>(null);

  const reload = useCallback(
    async (id: string) => {
      const read = await listSegments(db, id);
      if (!read.ok) {
        reportStorage([read.problem]);
        return;
      }
      reportStorage(read.value.skipped);
      setSegments({ workspaceId: id, list: read.value.value });
    },
    [db, reportStorage],
  );

  useEffect(() => {
    if (workspaceId !== null) void reload(workspaceId);
  }, [workspaceId, reload]);

  const save = useCallback(
    async (segment: SavedSegment) => {
      const saved = await putSegment(db, segment);
      if (!saved.ok) reportStorage([saved.problem]);
      await reload(segment.workspaceId);
      return saved.ok;
    },
    [db, reload, reportStorage],
  );

  const remove = useCallback(
    async (id: string) => {
      const removed = await deleteSegment(db, id);
      if (!removed.ok) reportStorage([removed.problem]);
      if (workspaceId !== null) await reload(workspaceId);
      return removed.ok;
    },
    [db, reload, reportStorage, workspaceId],
  );

  const value = useMemo<SegmentsState>(
    () => ({ segments: segments && segments.workspaceId === workspaceId ? segments.list : [], save, remove }),
    [segments, workspaceId, save, remove],
  );
  return <SegmentsContext.Provider value={value}>{children}</SegmentsContext.Provider>;
}

export function useSegments(): SegmentsState {
  const value = useContext(SegmentsContext);
  if (!value) throw new Error('useSegments outside SegmentsProvider');
  return value;
}
