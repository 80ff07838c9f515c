import { useI18n } from '../../ui/i18n/i18n';
import type { BreakdownFrom } from './retention-query';

type Touch = 'first' | 'last' | undefined;

/**
 * The breakdown column: a user attribute, or an event column with its attribution (the value
 * on the user's first or last event). In the URL as `breakdown=<column>` and, for an event
 * column, `touch=first|last`.
 */
export function BreakdownPick(props: {
  column: string;
  from: BreakdownFrom;
  userColumns: readonly string[];
  eventColumns: readonly string[];
  onChange: (column: string | undefined, touch: Touch) => void;
}) {
  const { t } = useI18n();
  const { column, from, userColumns, eventColumns, onChange } = props;
  const onEvents = from !== 'user';
  const value = column === '' ? '' : `${onEvents ? 'e' : 'u'}:${column}`;
  const known = (onEvents ? eventColumns : userColumns).includes(column);
  return (
    <>
      <label>
        {t('retention.breakdown')}{' '}
        <select
          value={value}
          onChange={(e) => {
            const v = e.target.value;
            if (v === '') onChange(undefined, undefined);
            else
              onChange(
                v.slice(2),
                v.startsWith('e:') ? (onEvents ? (from === 'last-touch' ? 'last' : 'first') : 'first') : undefined,
              );
          }}
        >
          <option value="">{t('retention.none')}</option>
          {userColumns.length > 0 ? (
            <optgroup label={t('filter.users')}>
              {userColumns.map((c) => (
                <option key={c} value={`u:${c}`}>
                  {c}
                </option>
              ))}
            </optgroup>
          ) : null}
          {eventColumns.length > 0 ? (
            <optgroup label={t('filter.events')}>
              {eventColumns.map((c) => (
                <option key={c} value={`e:${c}`}>
                  {c}
                </option>
              ))}
            </optgroup>
          ) : null}
          {/* A column from the URL that the loaded data does not list (yet): shown, not replaced. */}
          {column !== '' && !known ? <option value={value}>{column}</option> : null}
        </select>
      </label>
      {onEvents && column !== '' ? (
        <label>
          {t('retention.touch')}{' '}
          <select value={from} onChange={(e) => onChange(column, e.target.value === 'last-touch' ? 'last' : 'first')}>
            <option value="first-touch">{t('retention.touch.first')}</option>
            <option value="last-touch">{t('retention.touch.last')}</option>
          </select>
        </label>
      ) : null}
    </>
  );
}
