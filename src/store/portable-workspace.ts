import type { WorkspaceManifest } from '../ingest/manifest';
import type { SavedReport, SavedSegment } from './db';
import { toPortableReport } from './reports';
import { toPortableSegment } from './segments';

/**
 * The workspace manifest as it is exported to be opened elsewhere: with its saved segments and reports,
 * and without the pseudonymisation salt unless asked for (issue 14: whoever has the salt
 * and an id can recompute the id's pseudonym).
 */
export function portableManifest(
  manifest: WorkspaceManifest,
  segments: readonly SavedSegment[],
  options: { includeSalt: boolean; reports?: readonly SavedReport[] },
): WorkspaceManifest {
  const { pseudonymise, segments: _travelled, reports: _reports, ...rest } = manifest;
  const reports = options.reports ?? [];
  return {
    ...rest,
    ...(pseudonymise && options.includeSalt ? { pseudonymise } : {}),
    ...(segments.length > 0 ? { segments: segments.map(toPortableSegment) } : {}),
    ...(reports.length > 0 ? { reports: reports.map(toPortableReport) } : {}),
  };
}
