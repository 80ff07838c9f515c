import { downloadText, toCsv } from '../components/csv';
import { useI18n } from '../i18n/i18n';
import { SaveAsSegment } from './save-as-segment';

const shown = 200;

/**
 * The users behind a number (a retention cell, a stickiness bucket, a lifecycle bar): the first
 * ids linking to their profiles, a CSV of all of them, and "save as segment".
 */
export function UsersList({
  title,
  ids,
  fileName,
  testId = 'cell-users',
}: {
  title: string;
  ids: readonly string[];
  fileName: string;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <section className="cell-users" data-testid={testId} aria-label={title}>
      <h3>{title}</h3>
      <button
        type="button"
        onClick={() =>
          downloadText(
            fileName,
            toCsv(
              ['user_id'],
              ids.map((id) => [id]),
            ),
          )
        }
      >
        {t('panel.downloadCsv')}
      </button>{' '}
      <SaveAsSegment name={title} ids={ids} />
      <ul className="id-list">
        {ids.slice(0, shown).map((id) => (
          <li key={id}>
            <a href={`#/user?id=${encodeURIComponent(id)}`}>{id}</a>
          </li>
        ))}
      </ul>
      {ids.length > shown ? <p className="muted">{t('panel.firstRows', { n: shown })}</p> : null}
    </section>
  );
}
