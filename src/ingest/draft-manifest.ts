import type { WeekStart } from '../schema/period';
import { fail, ok, type Result } from '../schema/problem';
import type { DraftFile } from './draft-file';
import { holdsEvents, manifestFormat, manifestVersion, validateManifest, type WorkspaceManifest } from './manifest';

/** The workspace the drafts describe, or what still has to be chosen before it can load. */
export function draftManifest(
  drafts: readonly DraftFile[],
  timeZone: string,
  weekStart: WeekStart,
  pseudonymise?: { salt: string },
): Result<WorkspaceManifest> {
  const manifest = {
    format: manifestFormat,
    version: manifestVersion,
    name: drafts.map((d) => d.file.name).join(', '),
    timeZone,
    weekStart,
    files: drafts.map((d) => d.spec),
    ...(pseudonymise ? { pseudonymise } : {}),
  };
  const chosen = checkDrafts(drafts);
  if (!chosen.ok) return chosen;
  if (!drafts.some((d) => holdsEvents(d.spec.role))) return fail('draft.noEvents');
  return validateManifest(manifest);
}

/** What still has to be chosen in the drafts before they can load, if anything. */
export function checkDrafts(drafts: readonly DraftFile[]): Result<void> {
  for (const d of drafts) {
    const file = d.file.name;
    if (!d.spec.columns.userId) return fail('draft.chooseUserId', { file });
    if (holdsEvents(d.spec.role) && !d.spec.columns.time) return fail('draft.chooseTime', { file });
    if (d.spec.role === 'identity' && !d.spec.columns.anonymousId) return fail('draft.chooseAnonymousId', { file });
  }
  return ok(undefined);
}
