import { useMemo } from 'react';
import type { WeekStart } from '../../../schema/period';
import { useI18n } from '../../i18n/i18n';
import { useWorkspace } from '../../workspace/workspace-context';

const commonZones = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

function allZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const supported = intl.supportedValuesOf?.('timeZone') ?? [];
  return [...new Set([...commonZones, ...supported])];
}

/** The workspace's time zone and week start; changing one reloads the same files. */
export function WorkspaceSettings() {
  const { t } = useI18n();
  const { manifest, reconfigure, status } = useWorkspace();
  const zones = useMemo(() => allZones(), []);
  if (!manifest) return null;
  const busy = status.state === 'loading';
  return (
    <div className="settings-row">
      <label>
        {t('settings.timeZone')}{' '}
        <select
          value={manifest.timeZone}
          disabled={busy}
          data-testid="time-zone"
          onChange={(e) => void reconfigure({ timeZone: e.target.value })}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
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
