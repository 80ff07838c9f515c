import { useState } from 'react';
import type { FileReport, WorkspaceInfo } from '../../../engine/workspace-info';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatRejectionReason } from '../../i18n/problems';
import { WorkspaceChangeNote, type WorkspaceChange } from './workspace-change';

/** Removing a file from the loaded workspace, per file of the report. */
export interface RemoveAction {
  canRemove: (path: string) => boolean;
  onRemove: (path: string) => void;
  disabled: boolean;
}

type CountKey = { [K in keyof FileReport]-?: FileReport[K] extends number ? K : never }[keyof FileReport];

const counts: { key: CountKey; label: MessageKey }[] = [
  { key: 'rowsRead', label: 'import.report.read' },
  { key: 'rowsLoaded', label: 'import.report.loaded' },
  { key: 'rejected', label: 'import.report.rejected' },
  { key: 'excluded', label: 'import.report.excluded' },
  { key: 'nullUserIds', label: 'import.report.nullUserIds' },
  { key: 'badTimes', label: 'import.report.badTimes' },
  { key: 'nullEvents', label: 'import.report.nullEvents' },
  { key: 'duplicateIds', label: 'import.report.duplicateIds' },
];

/** Why lines were skipped and where: the reason, how many, the first line as it reads. */
function FileNotes({ file }: { file: FileReport }) {
  const { t, formatNumber, locale } = useI18n();
  const { identity, mergedSameDay } = file;
  const quiet = file.rejections.length === 0 && file.badTimeExamples.length === 0 && file.badAmounts === 0;
  const rules = file.excludedBy ?? [];
  const quietSource = file.recordsFrom === undefined && file.headerRow === undefined;
  if (quiet && !identity && mergedSameDay === undefined && quietSource && rules.length === 0) {
    return null;
  }
  return (
    <ul className="import-notes" data-testid="import-notes">
      {rules.map(({ rule, rows }, i) => (
        <li key={`rule-${i}`} data-testid="import-excluded-by">
          {t('import.report.excludedBy', {
            file: file.path,
            rule: `${rule.column} ${t(`import.exclude.${rule.op}`)}${rule.value !== undefined ? ` ${rule.value}` : ''}`,
            n: formatNumber(rows),
          })}
          {rules.length > 1 && i === rules.length - 1
            ? ` ${t('import.report.excludedOnce', { n: formatNumber(file.excluded) })}`
            : ''}
        </li>
      ))}
      {file.recordsFrom !== undefined ? (
        <li data-testid="import-records-from-note">
          {t('import.report.recordsFrom', { file: file.path, key: file.recordsFrom })}
        </li>
      ) : null}
      {file.headerRow !== undefined ? (
        <li data-testid="import-header-row-note">
          {t('import.report.headerRow', {
            file: file.path,
            row: file.headerRow.row,
            n: formatNumber(file.headerRow.skipped),
          })}
        </li>
      ) : null}
      {mergedSameDay !== undefined ? (
        <li data-testid="import-same-day-note">
          {t('import.sameDayMerged', {
            file: file.path,
            n: formatNumber(mergedSameDay),
            left: formatNumber(file.rowsLoaded - mergedSameDay),
          })}
        </li>
      ) : null}
      {identity ? (
        <li data-testid="import-identity">
          {t('import.identity', {
            file: file.path,
            pairs: formatNumber(identity.pairs),
            events: formatNumber(identity.movedEvents),
            ids: formatNumber(identity.movedIds),
          })}
          {identity.conflicts > 0 ? ` ${t('import.identityConflicts', { n: formatNumber(identity.conflicts) })}` : ''}
        </li>
      ) : null}
      {file.rejections.map((r) => (
        <li key={r.reason}>
          {t(r.examples[0]?.unit === 'record' ? 'import.reject.records' : 'import.reject.lines', {
            file: file.path,
            reason: formatRejectionReason(locale, r.reason),
            lines: formatNumber(r.lines),
          })}
          <ul>
            {r.examples.map((x) => (
              <li key={x.line}>
                {t(x.unit === 'record' ? 'import.reject.record' : 'import.reject.line', {
                  line: x.line,
                  column: x.column ?? '–',
                })}{' '}
                <code>{x.text.slice(0, 200)}</code>
              </li>
            ))}
          </ul>
        </li>
      ))}
      {file.badTimeExamples.length > 0 ? (
        <li>
          {t('import.badTimeExamples', { file: file.path, n: formatNumber(file.badTimes) })}{' '}
          {file.badTimeExamples.map((v) => (
            <code key={v}>{v}</code>
          ))}
        </li>
      ) : null}
      {file.badAmounts > 0 ? (
        <li data-testid="import-bad-amounts">
          {t('import.badAmountExamples', { file: file.path, n: formatNumber(file.badAmounts) })}{' '}
          {file.badAmountExamples.map((v) => (
            <code key={v}>{v}</code>
          ))}
        </li>
      ) : null}
    </ul>
  );
}

/** What the last load did with each file: rows read, loaded, and each reason rows were not. */
export function ImportReport({
  info,
  change,
  remove,
}: {
  info: WorkspaceInfo;
  /** What the last add or remove changed, when `info` is its result. */
  change?: WorkspaceChange | null;
  remove?: RemoveAction | null;
}) {
  const { t, formatNumber, formatDay } = useI18n();
  // Removing reloads the workspace without the file: asked once more, beside the button.
  const [confirming, setConfirming] = useState<string | null>(null);
  const range =
    info.firstDay !== null && info.lastDay !== null ? `${formatDay(info.firstDay)} – ${formatDay(info.lastDay)}` : '–';
  return (
    <section className="import-report" aria-labelledby="import-report-title" data-testid="import-report">
      <h3 id="import-report-title">{t('import.report')}</h3>
      <div className="table-scroll">
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('import.report.file')}</th>
              <th scope="col">{t('import.role')}</th>
              {counts.map((c) => (
                <th key={c.key} scope="col">
                  {t(c.label)}
                </th>
              ))}
              {remove ? <th scope="col">{t('import.remove.column')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {info.files.map((f) => (
              <tr key={f.path}>
                <th scope="row">{f.path}</th>
                <td>{t(`import.role.${f.role}`)}</td>
                {counts.map((c) => (
                  <td key={c.key} data-testid={`report-${c.key}`}>
                    {formatNumber(Number(f[c.key]))}
                  </td>
                ))}
                {remove ? (
                  <td>
                    {remove.canRemove(f.path) && confirming === f.path ? (
                      <span role="group" aria-label={t('import.remove.title', { file: f.path })}>
                        {t('import.remove.ask')}{' '}
                        <button
                          type="button"
                          data-testid="report-remove-confirm"
                          disabled={remove.disabled}
                          onClick={() => {
                            setConfirming(null);
                            remove.onRemove(f.path);
                          }}
                        >
                          {t('import.remove.confirm')}
                        </button>{' '}
                        <button type="button" data-testid="report-remove-keep" onClick={() => setConfirming(null)}>
                          {t('import.remove.keep')}
                        </button>
                      </span>
                    ) : remove.canRemove(f.path) ? (
                      <button
                        type="button"
                        data-testid="report-remove"
                        disabled={remove.disabled}
                        title={t('import.remove.title', { file: f.path })}
                        aria-label={t('import.remove.title', { file: f.path })}
                        onClick={() => setConfirming(f.path)}
                      >
                        {t('import.remove')}
                      </button>
                    ) : (
                      <span className="muted" data-testid="report-remove-last">
                        {t('import.remove.last')}
                      </span>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {info.files.map((f) => (
        <FileNotes key={f.path} file={f} />
      ))}
      <p data-testid="import-result">
        {t('import.report.result', {
          users: formatNumber(info.users),
          events: formatNumber(info.events),
          names: formatNumber(info.eventNameCount),
          range,
          zone: info.timeZone,
        })}
      </p>
      {change ? <WorkspaceChangeNote change={change} info={info} /> : null}
      {info.openedMs !== undefined && info.rezonedMs === undefined ? (
        <p className="muted" data-testid="import-restored">
          {info.hostedTables
            ? t('import.report.restoredHosted', { s: formatNumber(info.openedMs / 1000, { maximumFractionDigits: 1 }) })
            : t('import.report.restored', {
                s: formatNumber(info.openedMs / 1000, { maximumFractionDigits: 1 }),
                imported: formatNumber(info.loadMs / 1000, { maximumFractionDigits: 1 }),
              })}
        </p>
      ) : null}
      {info.rezonedMs !== undefined ? (
        <p className="muted" data-testid="import-rezoned">
          {t('import.report.rezoned', {
            zone: info.timeZone,
            s: formatNumber(info.rezonedMs / 1000, { maximumFractionDigits: 1 }),
          })}
        </p>
      ) : null}
    </section>
  );
}
