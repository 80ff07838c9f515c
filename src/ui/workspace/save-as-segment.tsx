import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useSegments } from './segments-context';

/** Saves the users behind a number as a frozen segment (固定人群), then links to it. */
export function SaveAsSegment({ name, ids }: { name: string; ids: readonly string[] | (() => Promise<readonly string[]>) }) {
  const { t } = useI18n();
  const { saveFrozen } = useSegments();
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (saved) {
    return (
      <a href={`#/segments/${encodeURIComponent(saved)}`} role="status">
        {t('segment.savedAs', { name })}
      </a>
    );
  }
  const onClick = async () => {
    setBusy(true);
    const list = typeof ids === 'function' ? await ids() : ids;
    setSaved(await saveFrozen(name, list));
    setBusy(false);
  };
  return (
    <button type="button" disabled={busy} onClick={() => void onClick()}>
      {t('segment.saveAs')}
    </button>
  );
}
