import Dexie, { type EntityTable } from 'dexie';
import type { WorkspaceManifest } from '../ingest/manifest';

/** A saved workspace: its manifest, and where its files come from. */
export interface SavedWorkspace {
  id: string;
  manifest: WorkspaceManifest;
  /** Set when the files are hosted next to a manifest URL. */
  manifestUrl?: string;
  updatedAt: number;
}

/** Dropped files kept on the device so that a reload does not need them again. */
export interface SavedFile {
  key: string;
  workspaceId: string;
  path: string;
  blob: Blob;
  /** Bytes, kept beside the blob so the storage list need not open it. */
  size?: number;
}

export interface Setting {
  key: string;
  value: unknown;
}

export type StrataDb = Dexie & {
  workspaces: EntityTable<SavedWorkspace, 'id'>;
  files: EntityTable<SavedFile, 'key'>;
  settings: EntityTable<Setting, 'key'>;
};

/** The IndexedDB schema, versioned; add a version (never edit one) to change it. */
export function openDb(name = 'strata'): StrataDb {
  const db = new Dexie(name) as StrataDb;
  db.version(1).stores({
    workspaces: 'id, updatedAt',
    files: 'key, workspaceId',
    settings: 'key',
  });
  return db;
}
