import { useEffect, useState } from 'react';
import { keptAnswersPath, snapshotPath, type StoredWorkspace } from '../../../store/workspaces';
import { formatBytes } from '../../components/format-bytes';
import { useI18n } from '../../i18n/i18n';
import { useWorkspace } from '../../workspace/workspace-context';

/** 本设备存储: what the app keeps in this browser (IndexedDB), and one button that wipes it. */
export function StoredData() {
  const { t, formatNumber, locale } = useI18n();
  const { stored, wipeStored, keeping, keptVersion } = useWorkspace();
  const [list, setList] = useState<StoredWorkspace[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [wiped, setWiped] = useState(false);

  useEffect(() => {
    let live = true;
    void stored().then((l) => live && setList(l));
    return () => {
      live = false;
    };
  }, [stored, keptVersion, wiped]);

  const total = (list ?? []).reduce((sum, w) => sum + w.files.reduce((s, f) => s + f.bytes, 0), 0);
  return (
    <section className="panel" aria-labelledby="stored-title" data-testid="stored-data">
      <h2 id="stored-title">{t('stored.title')}</h2>
      <p className="muted">{t('stored.explain')}</p>
      {keeping ? (
        <p role="status" data-testid="stored-saving">
          {t('stored.saving')}
        </p>
      ) : null}
      {list && list.length > 0 ? (
        <div className="table-scroll">
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">{t('stored.workspace')}</th>
                <th scope="col">{t('stored.item')}</th>
                <th scope="col">{t('stored.size')}</th>
                <th scope="col">{t('stored.encrypted')}</th>
              </tr>
            </thead>
            <tbody>
              {list.flatMap((w) => {
                const items = [
                  { label: t('stored.manifest'), ...w.manifest },
                  ...w.files.map((f) => ({
                    label:
                      f.path === snapshotPath ? t('stored.snapshot') : f.path === keptAnswersPath ? t('stored.answers') : f.path,
                    bytes: f.bytes,
                    encrypted: f.encrypted,
                  })),
                  ...(w.segments.count > 0 ? [{ label: t('stored.segments', { n: w.segments.count }), ...w.segments }] : []),
                  ...(w.reports.count > 0 ? [{ label: t('stored.reports', { n: w.reports.count }), ...w.reports }] : []),
                ];
                return items.map((item, i) => (
                  <tr key={`${w.id}/${i}`} data-testid="stored-item">
                    {i === 0 ? (
                      <th scope="rowgroup" rowSpan={items.length}>
                        {w.names?.[locale] ?? w.name ?? t('stored.lockedName')}
                        {w.current ? ` (${t('stored.current')})` : ''}
                        {w.files.length === 0 && w.manifestUrl ? <div className="muted">{t('stored.hosted')}</div> : null}
                      </th>
                    ) : null}
                    <td>{item.label}</td>
                    <td>{formatBytes(item.bytes, formatNumber)}</td>
                    <td data-encrypted={item.encrypted}>{item.encrypted ? t('stored.yes') : t('stored.no')}</td>
                  </tr>
                ));
              })}
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
