import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SavedSegment, StrataDb } from '../../store/db';

export type { SavedSegment };
import { deleteSegment, listSegments, putSegment } from '../../store/segments';
import { useWorkspace } from './workspace-context';

export interface SegmentsState {
  /** The loaded workspace's saved segments, newest first (empty while none is loaded). */
  segments: readonly SavedSegment[];
  /** The segments of the loaded workspace have been read (an unknown id is then really unknown). */
  ready: boolean;
  /** Saves a segment; false when it could not be kept (the storage banner says why). */
  save: (segment: SavedSegment) => Promise<boolean>;
  remove: (id: string) => Promise<boolean>;
}

const SegmentsContext = createContext<SegmentsState | null>(null);

/** The saved segments (人群) of the workspace in use, kept in IndexedDB. */
export function SegmentsProvider({ db, children }: { db: StrataDb; children: ReactNode }) {
  const { workspaceId, reportStorage } = useWorkspace();
  const [segments, setSegments] = useState<{ workspaceId: string; list: SavedSegment[] } | null>(null);

  // Bumped after every change, so the list is read back as stored.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (workspaceId === null) return;
    let live = true;
    void listSegments(db, workspaceId).then((read) => {
      if (!live) return;
      if (!read.ok) {
        reportStorage([read.problem]);
        return;
      }
      reportStorage(read.value.skipped);
      setSegments({ workspaceId, list: read.value.value });
    });
    return () => {
      live = false;
    };
  }, [db, workspaceId, generation, reportStorage]);

  const save = useCallback(
    async (segment: SavedSegment) => {
      const saved = await putSegment(db, segment);
      if (!saved.ok) reportStorage([saved.problem]);
      setGeneration((g) => g + 1);
      return saved.ok;
    },
    [db, reportStorage],
  );

  const remove = useCallback(
    async (id: string) => {
      const removed = await deleteSegment(db, id);
      if (!removed.ok) reportStorage([removed.problem]);
      setGeneration((g) => g + 1);
      return removed.ok;
    },
    [db, reportStorage],
  );

  const value = useMemo<SegmentsState>(() => {
    const current = segments !== null && segments.workspaceId === workspaceId;
    return { segments: current ? segments.list : [], ready: current, save, remove };
  }, [segments, workspaceId, save, remove]);
  return <SegmentsContext.Provider value={value}>{children}</SegmentsContext.Provider>;
}

export function useSegments(): SegmentsState {
  const value = useContext(SegmentsContext);
  if (!value) throw new Error('useSegments outside SegmentsProvider');
  return value;
}
