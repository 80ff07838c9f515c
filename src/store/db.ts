import Dexie, { type EntityTable } from 'dexie';
import type { SegmentScope } from '../analyses/segment-rule';
import type { WorkspaceManifest } from '../ingest/manifest';
import type { ReportDefinition } from '../report/report-definition';

/** A saved workspace: its manifest, and where its files come from. */
export interface SavedWorkspace {
  id: string;
  manifest: WorkspaceManifest;
  /** Set when the files are hosted next to a manifest URL. */
  manifestUrl?: string;
  updatedAt: number;
  /**
   * Which tables its kept files and snapshot hold: new at every import or change of zone, kept
   * when a reopen restores the snapshot as it was. Answers kept for other tables are not used.
   */
  generation?: string;
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

/**
 * A saved segment (人群) of a workspace: dynamic (its rule, re-evaluated on whatever data is
 * loaded) or frozen (its member ids as of a time).
 */
export interface SavedSegment {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  definition: SegmentScope;
  /** For a frozen segment: when its members were taken (epoch ms). */
  frozenAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A report of a workspace: pinned analyses and notes, re-run on whatever data is loaded. */
export interface SavedReport extends ReportDefinition {
  workspaceId: string;
  createdAt: number;
  updatedAt: number;
}

export interface Setting {
  key: string;
  value: unknown;
}

export type StrataDb = Dexie & {
  workspaces: EntityTable<SavedWorkspace, 'id'>;
  files: EntityTable<SavedFile, 'key'>;
  settings: EntityTable<Setting, 'key'>;
  segments: EntityTable<SavedSegment, 'id'>;
  reports: EntityTable<SavedReport, 'id'>;
};

/** The IndexedDB schema, versioned; add a version (never edit one) to change it. */
export function openDb(name = 'strata'): StrataDb {
  const db = new Dexie(name) as StrataDb;
  db.version(1).stores({
    workspaces: 'id, updatedAt',
    files: 'key, workspaceId',
    settings: 'key',
  });
  // Version 2 (issue 9): segments, kept per workspace and across workspace switches.
  db.version(2).stores({ segments: 'id, workspaceId, updatedAt' });
  // Version 3 (issue 11): reports, kept per workspace like segments.
  db.version(3).stores({ reports: 'id, workspaceId, updatedAt' });
  return db;
}
