import type { Row } from '../../schema/row';
import { useI18n } from '../../ui/i18n/i18n';
import type { StickinessBucket } from './stickiness-query';
import { isoDayOf } from '../../schema/iso-day';

/** The distribution as numbers, one row per k; each count opens the users behind it. */
export function BucketTable({ rows, onPick }: { rows: readonly Row[]; onPick: (bucket: StickinessBucket) => void }) {
  const { t, formatNumber, formatPercentColumn } = useI18n();
  const span = isoDayOf(Number(rows[0]?.span_start));
  const cell = (r: Row, atLeast: boolean) => {
    const users = Number(atLeast ? r.users_at_least : r.users);
    const share = atLeast ? r.share_at_least : r.share;
    return (
      <td className="num">
        <button
          type="button"
          className="cell-button"
          disabled={users === 0}
          onClick={() => onPick({ span, k: Number(r.k), atLeast })}
        >
          {formatNumber(users)}
        </button>{' '}
        <span className="muted">{share === null ? '–' : formatPercentColumn(Number(share))}</span>
      </td>
    );
  };
  return (
    <div className="table-scroll">
      <table className="grid" data-testid="stickiness-buckets">
        <caption className="muted">{t('stickiness.pickHint')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stickiness.days')}</th>
            <th scope="col">{t('stickiness.exact')}</th>
            <th scope="col">{t('stickiness.cumulative')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={String(r.k)}>
              <th scope="row">{String(r.k)}</th>
              {cell(r, false)}
              {cell(r, true)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
