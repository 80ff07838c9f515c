import type { WeekStart } from '../../../schema/period';
import { useI18n } from '../../i18n/i18n';
import { useWorkspace } from '../../workspace/workspace-context';
import { ZoneSelect } from './zone-select';

/** The workspace's time zone and week start; a new zone rebuilds the summary tables, a new week start reloads the files. */
export function WorkspaceSettings() {
  const { t } = useI18n();
  const { manifest, reconfigure, status } = useWorkspace();
  if (!manifest) return null;
  const busy = status.state === 'loading';
  return (
    <div className="settings-row">
      <label>
        {t('settings.timeZone')}{' '}
        <ZoneSelect
          value={manifest.timeZone}
          disabled={busy}
          testId="time-zone"
          onChange={(timeZone) => void reconfigure({ timeZone })}
        />
      </label>{' '}
      <label>
        {t('settings.weekStart')}{' '}
        <select
          value={manifest.weekStart}
          disabled={busy}
          onChange={(e) => void reconfigure({ weekStart: e.target.value as WeekStart })}
        >
          <option value="monday">{t('settings.monday')}</option>
          <option value="sunday">{t('settings.sunday')}</option>
        </select>
      </label>
      <p className="muted">{t('settings.timeZoneNote')}</p>
    </div>
  );
}
