import type { WorkspaceManifest } from '../ingest/manifest';
import type { SavedSegment } from './db';
import { toPortableSegment } from './segments';

/**
 * The workspace manifest as it is exported to be opened elsewhere: with its saved segments,
 * and without the pseudonymisation salt unless asked for (issue 14: whoever has the salt
 * and an id can recompute the id's pseudonym).
 */
export function portableManifest(
  manifest: WorkspaceManifest,
  segments: readonly SavedSegment[],
  options: { includeSalt: boolean },
): WorkspaceManifest {
  const { pseudonymise, segments: _travelled, ...rest } = manifest;
  return {
    ...rest,
    ...(pseudonymise && options.includeSalt ? { pseudonymise } : {}),
    ...(segments.length > 0 ? { segments: segments.map(toPortableSegment) } : {}),
  };
}
