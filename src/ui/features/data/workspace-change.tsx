import type { WorkspaceInfo } from '../../../engine/workspace-info';
import type { RenamedPath } from '../../../ingest/workspace-merge';
import { useI18n } from '../../i18n/i18n';

/** Files added to or removed from the loaded workspace, and its counts before. */
export interface WorkspaceChange {
  name: string;
  /** The workspace's paths once changed: the change is shown while these are what is loaded. */
  paths: readonly string[];
  /** `from` is the dropped file's name, `to` the path it is kept under (the same unless renamed). */
  added: readonly RenamedPath[];
  removed: readonly string[];
  before: Pick<WorkspaceInfo, 'events' | 'users'>;
}

/** Whether `info` is the workspace `change` made (not an earlier one, nor a later drop). */
export function isChangeOf(change: WorkspaceChange, info: WorkspaceInfo): boolean {
  return (
    info.name === change.name &&
    info.files.length === change.paths.length &&
    info.files.every((f, i) => f.path === change.paths[i])
  );
}

/** What the last add or remove changed: which files, and events and users before → after. */
export function WorkspaceChangeNote({ change, info }: { change: WorkspaceChange; info: WorkspaceInfo }) {
  const { t, formatNumber } = useI18n();
  const added = change.added.map((a) => (a.from === a.to ? a.to : t('import.change.renamedAs', { from: a.from, to: a.to })));
  return (
    <div className="import-change" data-testid="import-change">
      {added.length > 0 ? <p data-testid="import-change-added">{t('import.change.added', { files: added.join(', ') })}</p> : null}
      {change.removed.length > 0 ? (
        <p data-testid="import-change-removed">{t('import.change.removed', { files: change.removed.join(', ') })}</p>
      ) : null}
      <p data-testid="import-change-counts">
        {t('import.change.counts', {
          eventsBefore: formatNumber(change.before.events),
          eventsAfter: formatNumber(info.events),
          usersBefore: formatNumber(change.before.users),
          usersAfter: formatNumber(info.users),
        })}
      </p>
    </div>
  );
}
