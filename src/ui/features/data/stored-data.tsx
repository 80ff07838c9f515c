import { useEffect, useState } from 'react';
import type { StoredWorkspace } from '../../../store/workspaces';
import { formatBytes } from '../../components/format-bytes';
import { useI18n } from '../../i18n/i18n';
import { useWorkspace } from '../../workspace/workspace-context';

/** 本设备存储: what the app keeps in this browser (IndexedDB), and one button that wipes it. */
export function StoredData() {
  const { t, formatNumber } = useI18n();
  const { stored, wipeStored, version } = useWorkspace();
  const [list, setList] = useState<StoredWorkspace[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [wiped, setWiped] = useState(false);

  useEffect(() => {
    let live = true;
    void stored().then((l) => live && setList(l));
    return () => {
      live = false;
    };
  }, [stored, version, wiped]);

  const total = (list ?? []).reduce((sum, w) => sum + w.files.reduce((s, f) => s + f.bytes, 0), 0);
  return (
    <section className="panel" aria-labelledby="stored-title" data-testid="stored-data">
      <h2 id="stored-title">{t('stored.title')}</h2>
      <p className="muted">{t('stored.explain')}</p>
      {list && list.length > 0 ? (
        <div className="table-scroll">
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">{t('stored.workspace')}</th>
                <th scope="col">{t('stored.files')}</th>
                <th scope="col">{t('stored.size')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((w) => (
                <tr key={w.id}>
                  <th scope="row">
                    {w.name}
                    {w.current ? ` (${t('stored.current')})` : ''}
                  </th>
                  <td>{w.files.length ? w.files.map((f) => f.path).join(', ') : w.manifestUrl ? t('stored.hosted') : '–'}</td>
                  <td>
                    {formatBytes(
                      w.files.reduce((s, f) => s + f.bytes, 0),
                      formatNumber,
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p data-testid="stored-empty">{t('stored.empty')}</p>
      )}
      <p>
        {confirming ? (
          <>
            {t('stored.confirm', { size: formatBytes(total, formatNumber) })}{' '}
            <button
              type="button"
              data-testid="stored-wipe-confirm"
              onClick={() =>
                void wipeStored().then((done) => {
                  setConfirming(false);
                  if (!done) return;
                  setList([]);
                  setWiped(true);
                })
              }
            >
              {t('stored.wipeNow')}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              {t('import.cancel')}
            </button>
          </>
        ) : (
          <button
            type="button"
            data-testid="stored-wipe"
            disabled={!list || list.length === 0}
            onClick={() => setConfirming(true)}
          >
            {t('stored.wipe')}
          </button>
        )}
      </p>
      {wiped ? (
        <p role="status" data-testid="stored-wiped">
          {t('stored.wiped')}
        </p>
      ) : null}
    </section>
  );
}
