import type { ReactNode } from 'react';
import {
  excludeOperators,
  fileEncodings,
  fileRoles,
  type ColumnMapping,
  type ExcludeOperator,
  type FileEncoding,
  type FileRole,
  type FileSpec,
  isTabularFormat,
  maxExcludeRules,
  type TabularFormat,
} from '../../../ingest/manifest';
import { rereadDraft, separatorOf, type DraftFile } from '../../../ingest/draft-file';
import { repeatedNames } from '../../../ingest/sniff';
import type { Problem } from '../../../schema/problem';
import { formatBytes } from '../../components/format-bytes';
import type { LoadProgress } from '../../../engine/load-progress';
import type { WorkspaceManifest } from '../../../ingest/manifest';
import { useI18n, type I18n } from '../../i18n/i18n';
import { LoadingStatus } from '../../workspace/loading-status';
import type { ZoneProposal } from './zone-proposal';
import { ZoneSelect } from './zone-select';
import type { MessageKey } from '../../i18n/messages';

/** Separator choices: the value is the delimiter, or 'whitespace' for aligned text. */
const separators: { value: string; label: MessageKey }[] = [
  { value: ',', label: 'import.format.comma' },
  { value: '\t', label: 'import.format.tab' },
  { value: ';', label: 'import.format.semicolon' },
  { value: '|', label: 'import.format.pipe' },
  { value: 'whitespace', label: 'import.format.whitespace' },
];

const mappedColumns: (keyof ColumnMapping)[] = ['userId', 'time', 'event', 'amount', 'quantity', 'signupTime', 'anonymousId'];

/** The columns each role maps. */
const roleColumns: Record<FileRole, readonly (keyof ColumnMapping)[]> = {
  events: ['userId', 'time', 'event', 'amount', 'quantity'],
  orders: ['userId', 'time', 'event', 'amount', 'quantity'],
  users: ['userId', 'signupTime'],
  identity: ['anonymousId', 'userId'],
};

/** A workbook's header row: the rows that could be, the one read, whether it is the guess. */
function HeaderRowControl({ draft, onHeaderRow }: { draft: DraftFile; onHeaderRow: (row: number) => void }) {
  const { t, formatNumber } = useI18n();
  const header = draft.sheetHeader;
  if (!header) return null;
  const row = draft.spec.headerRow ?? 1;
  const choices = header.choices.some((c) => c.row === row) ? header.choices : [{ row, text: '' }, ...header.choices];
  return (
    <div className="settings-row">
      <label>
        {t('import.headerRow')}{' '}
        <select value={row} data-testid="import-header-row" onChange={(e) => onHeaderRow(Number(e.target.value))}>
          {choices.map((c) => (
            <option key={c.row} value={c.row}>
              {t('import.headerRow.option', { row: c.row, text: c.text })}
            </option>
          ))}
        </select>
      </label>{' '}
      {row === header.guess ? (
        <span className="muted" data-testid="import-header-guess">
          {t('import.headerRow.guess')}
        </span>
      ) : (
        <span className="muted" data-testid="import-header-guess-was">
          {t('import.headerRow.guessWas', { row: header.guess })}
        </span>
      )}{' '}
      {header.skipped > 0 ? (
        <p className="muted" data-testid="import-header-skipped">
          {t('import.headerRow.skipped', { n: formatNumber(header.skipped) })}
        </p>
      ) : null}
    </div>
  );
}

/** JSON and xlsx have no encoding or separator to choose; a workbook has sheets. */
function TabularControls({ draft, onSheet }: { draft: DraftFile; onSheet: (sheet: string) => void }) {
  const { t } = useI18n();
  const { spec, sheetNames } = draft;
  const format = spec.format as TabularFormat;
  return (
    <>
      <span data-testid="import-kind">{t('import.kind', { name: t(`import.kind.${format}`) })}</span>{' '}
      {draft.recordsFrom !== undefined ? (
        <span data-testid="import-records-from">{t('import.recordsFrom', { key: draft.recordsFrom })}</span>
      ) : null}{' '}
      {sheetNames && sheetNames.length > 1 ? (
        <label>
          {t('import.sheet')}{' '}
          <select value={spec.sheet ?? sheetNames[0]} data-testid="import-sheet" onChange={(e) => onSheet(e.target.value)}>
            {sheetNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </>
  );
}

function FileCard({
  draft,
  onChange,
  onSheet,
  onHeaderRow,
}: {
  draft: DraftFile;
  onChange: (d: DraftFile) => void;
  onSheet: (sheet: string) => void;
  onHeaderRow: (row: number) => void;
}) {
  const { t, formatNumber } = useI18n();
  const { spec, sniffed } = draft;
  const header = sniffed.header;
  const choices = [...new Set(header)];
  const repeated = repeatedNames(header);
  const setSpec = (next: Partial<FileSpec>) => onChange({ ...draft, spec: { ...spec, ...next } });
  const setColumn = (key: keyof ColumnMapping, value: string) => {
    const columns = { ...spec.columns };
    if (value === '') {
      if (key === 'userId') columns.userId = '';
      else delete columns[key];
    } else columns[key] = value;
    setSpec({ columns });
  };
  const rules = spec.exclude ?? [];
  /** Sets rule `index` (a new one at the end); an empty column removes it. */
  const setRule = (index: number, column: string, op: ExcludeOperator, value: string) => {
    const next = [...rules];
    if (column === '') next.splice(index, 1);
    else next[index] = op === 'is-empty' ? { column, op } : { column, op, value };
    if (next.length > 0) {
      setSpec({ exclude: next });
      return;
    }
    const without = { ...spec };
    delete without.exclude;
    onChange({ ...draft, spec: without });
  };
  const id = (what: string) => `import-${draft.file.name}-${what}`;
  return (
    <fieldset className="import-file" data-testid="import-file">
      <legend>
        {draft.file.name} <span className="muted">({formatBytes(draft.file.size, formatNumber)})</span>
      </legend>
      <div className="settings-row">
        <label>
          {t('import.role')}{' '}
          <select value={spec.role} data-testid="import-role" onChange={(e) => setSpec({ role: e.target.value as FileRole })}>
            {fileRoles.map((r) => (
              <option key={r} value={r}>
                {t(`import.role.${r}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        {isTabularFormat(spec.format) ? (
          <TabularControls draft={draft} onSheet={onSheet} />
        ) : (
          <>
            <label>
              {t('import.encoding')}{' '}
              <select
                value={spec.encoding ?? 'utf-8'}
                data-testid="import-encoding"
                onChange={(e) => onChange(rereadDraft(draft, e.target.value as FileEncoding, separatorOf(spec)))}
              >
                {fileEncodings.map((enc) => (
                  <option key={enc} value={enc}>
                    {enc === 'gb18030' ? 'GBK / GB18030' : enc.toUpperCase()}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label>
              {t('import.format')}{' '}
              <select
                value={separatorOf(spec)}
                data-testid="import-separator"
                onChange={(e) => onChange(rereadDraft(draft, spec.encoding ?? 'utf-8', e.target.value))}
              >
                {separators.map((s) => (
                  <option key={s.label} value={s.value}>
                    {t(s.label)}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
      </div>
      <HeaderRowControl draft={draft} onHeaderRow={onHeaderRow} />
      <div className="settings-row">
        {mappedColumns
          .filter((key) => roleColumns[spec.role].includes(key))
          .map((key) => (
            <label key={key} htmlFor={id(key)}>
              {t(`import.column.${key}`)}{' '}
              <select
                id={id(key)}
                data-testid={`import-column-${key}`}
                value={spec.columns[key] ?? ''}
                onChange={(e) => setColumn(key, e.target.value)}
              >
                <option value="">{t('import.none')}</option>
                {choices.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>{' '}
            </label>
          ))}
      </div>
      {[...rules, null].slice(0, maxExcludeRules).map((rule, i) => (
        <div className="settings-row" key={i} data-testid="import-exclude-rule">
          <label>
            {t(i === 0 ? 'import.exclude' : 'import.exclude.and')}{' '}
            <select
              value={rule?.column ?? ''}
              data-testid="import-exclude-column"
              onChange={(e) => setRule(i, e.target.value, rule?.op ?? 'starts-with', rule?.value ?? '')}
            >
              <option value="">{t(rule || i === 0 ? 'import.exclude.none' : 'import.exclude.add')}</option>
              {choices.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>{' '}
          {rule ? (
            <>
              <select
                aria-label={t('import.exclude')}
                value={rule.op}
                data-testid="import-exclude-op"
                onChange={(e) => setRule(i, rule.column, e.target.value as ExcludeOperator, rule.value ?? '')}
              >
                {excludeOperators.map((op) => (
                  <option key={op} value={op}>
                    {t(`import.exclude.${op}`)}
                  </option>
                ))}
              </select>{' '}
              {rule.op !== 'is-empty' ? (
                <input
                  aria-label={t('import.exclude.value')}
                  data-testid="import-exclude-value"
                  value={rule.value ?? ''}
                  onChange={(e) => setRule(i, rule.column, rule.op, e.target.value)}
                />
              ) : null}
            </>
          ) : null}
        </div>
      ))}
      {spec.role === 'orders' ? (
        <div className="settings-row">
          <label>
            <input
              type="checkbox"
              data-testid="import-same-day"
              checked={spec.sameDayAsOne === true}
              onChange={(e) => {
                const next = { ...spec };
                if (e.target.checked) next.sameDayAsOne = true;
                else delete next.sameDayAsOne;
                onChange({ ...draft, spec: next });
              }}
            />{' '}
            {t('import.sameDay')}
          </label>
        </div>
      ) : null}
      {repeated.length > 0 ? (
        <p className="panel-warning" role="status" data-testid="import-warning">
          {t('import.duplicateHeader', { names: repeated.join(', '), example: repeated[0]! })}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="grid" aria-label={t('import.preview', { n: sniffed.rows.length })}>
          <caption className="muted">{t('import.preview', { n: sniffed.rows.length })}</caption>
          <thead>
            <tr>
              {header.map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sniffed.rows.map((r, i) => (
              <tr key={i}>
                {header.map((_, j) => (
                  <td key={j}>{r[j] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

/** Why the preview offers its zone, in words. */
function zoneBasis(zone: ZoneProposal, t: I18n['t'], formatNumber: I18n['formatNumber']): string {
  switch (zone.basis) {
    case 'chosen':
      return t('import.zone.chosen');
    case 'browser':
      return t('import.zone.browser');
    case 'guess':
      return t('import.zone.guess', { offsets: zone.offsets.join(', '), n: formatNumber(zone.fitting) });
    case 'noFit':
      return t('import.zone.noFit', { offsets: zone.offsets.join(', ') });
    default: {
      const never: never = zone;
      return never;
    }
  }
}

/**
 * The mapping step between a drop and a load: per file, what the sniffer recognised
 * (encoding, separator, role, which column is what) with a preview of the first rows,
 * all changeable, and an optional rule for rows to leave out.
 */
export function ImportPreview({
  drafts,
  zone,
  onZone,
  loading,
  problem,
  onChange,
  pseudonymise,
  onPseudonymise,
  onSheet,
  onHeaderRow,
  onLoad,
  onCancel,
  choice,
  adding = false,
}: {
  drafts: readonly DraftFile[];
  /** The zone the files are to be read in, and why it is offered. */
  zone: ZoneProposal;
  onZone: (zone: string) => void;
  /** The load in progress, shown beside the Load button, which it disables (issue 13, bug 6). */
  loading: { what: string; names?: WorkspaceManifest['names']; since: number; progress?: LoadProgress } | null;
  problem: Problem | null;
  onChange: (drafts: DraftFile[]) => void;
  pseudonymise: boolean;
  onPseudonymise: (on: boolean) => void;
  /** Reads the file at `index` again from another sheet of its workbook. */
  onSheet: (index: number, sheet: string) => void;
  /** Reads the workbook at `index` again with its column names taken from another row. */
  onHeaderRow: (index: number, row: number) => void;
  onLoad: () => void;
  onCancel: () => void;
  /** Adding to the loaded workspace or replacing it, when one is loaded that files can be added to. */
  choice?: ReactNode;
  /** The files are added to the loaded workspace: its time zone and pseudonyms apply. */
  adding?: boolean;
}) {
  const { t, formatProblem, formatNumber } = useI18n();
  return (
    <section className="panel" data-testid="import-preview" aria-labelledby="import-title">
      <h2 id="import-title">{t('import.title')}</h2>
      {choice}
      <div className="settings-row" hidden={adding}>
        <label>
          {t('settings.timeZone')}{' '}
          <ZoneSelect value={zone.zone} onChange={onZone} disabled={loading !== null} testId="import-time-zone" />
        </label>{' '}
        <span className={zone.basis === 'guess' ? 'panel-warning' : 'muted'} data-testid="import-zone-basis">
          {zoneBasis(zone, t, formatNumber)}
        </span>
        <p className="muted">{t('import.timeZone')}</p>
      </div>
      <p hidden={adding}>
        <label>
          <input
            type="checkbox"
            data-testid="import-pseudonymise"
            checked={pseudonymise}
            onChange={(e) => onPseudonymise(e.target.checked)}
          />{' '}
          {t('import.pseudonymise')}
        </label>
      </p>
      {drafts.map((d, i) => (
        <FileCard
          key={d.file.name}
          draft={d}
          onChange={(next) => onChange(drafts.map((x, j) => (j === i ? next : x)))}
          onSheet={(sheet) => onSheet(i, sheet)}
          onHeaderRow={(row) => onHeaderRow(i, row)}
        />
      ))}
      {problem ? (
        <p className="panel-error" role="alert" data-testid="import-problem">
          {formatProblem(problem)}
        </p>
      ) : null}
      <p>
        <button
          type="button"
          data-testid="import-load"
          disabled={loading !== null}
          title={loading ? t('import.loading') : undefined}
          onClick={onLoad}
        >
          {t('import.load')}
        </button>{' '}
        <button type="button" disabled={loading !== null} onClick={onCancel}>
          {t('import.cancel')}
        </button>
      </p>
      {loading ? (
        <LoadingStatus
          className="import-loading"
          ids={{ status: 'import-loading', progress: 'import-progress', cancel: 'import-load-cancel' }}
          what={loading.what}
          names={loading.names}
          since={loading.since}
          {...(loading.progress ? { progress: loading.progress } : {})}
        />
      ) : null}
    </section>
  );
}
