import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SavedSegment, StrataDb } from '../../store/db';

export type { SavedSegment };
import { deleteSegment, importManifestSegments, listSegments, putSegment } from '../../store/segments';
import { useVault } from './vault-context';
import { useWorkspace } from './workspace-context';

export interface SegmentsState {
  /** The loaded workspace's saved segments, newest first (empty while none is loaded). */
  segments: readonly SavedSegment[];
  /** The segments of the loaded workspace have been read (an unknown id is then really unknown). */
  ready: boolean;
  /** Saves a segment; false when it could not be kept (the storage banner says why). */
  save: (segment: SavedSegment) => Promise<boolean>;
  remove: (id: string) => Promise<boolean>;
  /** Saves the users behind a number (a retention cell, an RFM group) as a frozen segment; its id, or null. */
  saveFrozen: (name: string, ids: readonly string[]) => Promise<string | null>;
}

/** A new segment id: unique on this device, and plain text in a URL. */
export const newSegmentId = () => `seg-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

const SegmentsContext = createContext<SegmentsState | null>(null);

/** The saved segments (人群) of the workspace in use, kept in IndexedDB. */
export function SegmentsProvider({ db, children }: { db: StrataDb; children: ReactNode }) {
  // `version` too: a restored backup reloads the same workspace with other records kept.
  const { workspaceId, manifest, reportStorage, version } = useWorkspace();
  const { key } = useVault();
  const [segments, setSegments] = useState<{ workspaceId: string; list: SavedSegment[] } | null>(null);

  // Bumped after every change, so the list is read back as stored.
  const [generation, setGeneration] = useState(0);

  // A manifest opened from elsewhere brings its segments; those this device lacks are kept.
  const travelled = manifest?.segments;
  useEffect(() => {
    if (workspaceId === null || !travelled || travelled.length === 0) return;
    let live = true;
    void importManifestSegments(db, workspaceId, travelled, Date.now(), key).then((imported) => {
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
    void listSegments(db, workspaceId, key).then((read) => {
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
  }, [db, workspaceId, generation, version, key, reportStorage]);

  const save = useCallback(
    async (segment: SavedSegment) => {
      const saved = await putSegment(db, segment, key);
      if (!saved.ok) reportStorage([saved.problem]);
      setGeneration((g) => g + 1);
      return saved.ok;
    },
    [db, key, reportStorage],
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

  const saveFrozen = useCallback(
    async (name: string, ids: readonly string[]) => {
      if (workspaceId === null) return null;
      const now = Date.now();
      const id = newSegmentId();
      const segment = {
        id,
        workspaceId,
        name,
        description: '',
        definition: { ids: [...ids] },
        frozenAt: now,
        createdAt: now,
        updatedAt: now,
      };
      return (await save(segment)) ? id : null;
    },
    [save, workspaceId],
  );

  const value = useMemo<SegmentsState>(() => {
    const current = segments !== null && segments.workspaceId === workspaceId;
    return { segments: current ? segments.list : [], ready: current, save, remove, saveFrozen };
  }, [segments, workspaceId, save, remove, saveFrozen]);
  return <SegmentsContext.Provider value={value}>{children}</SegmentsContext.Provider>;
}

export function useSegments(): SegmentsState {
  const value = useContext(SegmentsContext);
  if (!value) throw new Error('useSegments outside SegmentsProvider');
  return value;
}
