import type { AddAdvice, RenamedPath } from '../../../ingest/workspace-merge';
import { useI18n } from '../../i18n/i18n';

export type ImportMode = 'add' | 'replace';

/**
 * The choice, in the import preview, between adding the dropped files to the workspace
 * loaded now and replacing it, with what each does.
 */
export function AddOrReplace({
  name,
  zone,
  mode,
  onMode,
  paths,
  renamed,
  advice,
  disabled,
}: {
  /** The loaded workspace's name, as shown. */
  name: string;
  zone: string;
  mode: ImportMode;
  onMode: (mode: ImportMode) => void;
  /** The workspace's file paths once the dropped ones are added. */
  paths: readonly string[];
  renamed: readonly RenamedPath[];
  advice: AddAdvice;
  disabled: boolean;
}) {
  const { t, formatDay } = useI18n();
  return (
    <fieldset className="import-mode" data-testid="import-mode">
      <legend>{t('import.mode', { name })}</legend>
      {(['add', 'replace'] as const).map((m) => (
        <label key={m}>
          <input
            type="radio"
            name="import-mode"
            value={m}
            data-testid={`import-mode-${m}`}
            checked={mode === m}
            disabled={disabled}
            onChange={() => onMode(m)}
          />{' '}
          {t(`import.mode.${m}`)}
        </label>
      ))}
      {advice ? (
        <p className="panel-warning" role="status" data-testid="import-mode-advice">
          {advice.code === 'overlaps'
            ? t('import.mode.overlaps', {
                file: advice.file,
                day: formatDay(advice.day),
                range: `${formatDay(advice.from)} – ${formatDay(advice.to)}`,
              })
            : t(`import.mode.${advice.code}`, { file: advice.file })}
        </p>
      ) : null}
      {mode === 'add' ? (
        <>
          <p data-testid="import-mode-explain">{t('import.mode.addExplain', { files: paths.join(', '), zone })}</p>
          {renamed.map((r) => (
            <p key={r.to} className="muted" data-testid="import-mode-renamed">
              {t('import.mode.renamed', { from: r.from, to: r.to })}
            </p>
          ))}
        </>
      ) : (
        <p data-testid="import-mode-explain">{t('import.mode.replaceExplain', { name })}</p>
      )}
    </fieldset>
  );
}
