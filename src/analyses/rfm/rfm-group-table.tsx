import type { CSSProperties, ReactNode } from 'react';
import { useI18n } from '../../ui/i18n/i18n';
import type { GroupSummary } from './rfm-segments';

interface GroupTableProps<K extends string> {
  groups: readonly GroupSummary<K>[];
  name: (key: K) => string;
  rule: (key: K) => string;
  action: (key: K) => string;
  /** A control that saves a group's customers as a segment. */
  saveAs?: (key: K) => ReactNode;
  testId: string;
}

/** A share written over a bar of its width, so the table reads at a glance. */
function ShareCell({ value }: { value: number | null }) {
  const { formatPercentColumn } = useI18n();
  if (value === null) return <td className="num">–</td>;
  const width = `${Math.max(0, Math.min(100, value * 100)).toFixed(1)}%`;
  const style: CSSProperties = {
    background: `linear-gradient(90deg, #bfdbfe ${width}, transparent ${width})`,
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
    minWidth: 72,
  };
  return <td style={style}>{formatPercentColumn(value)}</td>;
}

const numeric: CSSProperties = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' };

/** Per group: customers, shares of customers and revenue, mean R / F / M and what to do. */
export function RfmGroupTable<K extends string>({ groups, name, rule, action, saveAs, testId }: GroupTableProps<K>) {
  const { t, formatNumber } = useI18n();
  const mean = (v: number | null, digits: number) =>
    v === null ? '–' : formatNumber(v, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return (
    <div className="table-scroll" style={{ maxHeight: 'none' }}>
      <table className="grid" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('rfm.col.group')}</th>
            <th scope="col">{t('rfm.col.rule')}</th>
            <th scope="col">{t('rfm.col.users')}</th>
            <th scope="col">{t('rfm.col.userShare')}</th>
            <th scope="col">{t('rfm.col.revenueShare')}</th>
            <th scope="col">{t('rfm.col.meanR')}</th>
            <th scope="col">{t('rfm.col.meanF')}</th>
            <th scope="col">{t('rfm.col.meanM')}</th>
            <th scope="col">{t('rfm.col.action')}</th>
            {saveAs ? <th scope="col" /> : null}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key} data-group={g.key}>
              <th scope="row" style={{ whiteSpace: 'nowrap' }}>
                {name(g.key)}
              </th>
              <td className="muted" style={{ whiteSpace: 'nowrap' }}>
                {rule(g.key)}
              </td>
              <td style={numeric}>{formatNumber(g.users)}</td>
              <ShareCell value={g.userShare} />
              <ShareCell value={g.revenueShare} />
              <td style={numeric}>{mean(g.meanRecency, 0)}</td>
              <td style={numeric}>{mean(g.meanFrequency, 1)}</td>
              <td style={numeric}>{mean(g.meanMonetary, 0)}</td>
              <td style={{ minWidth: 240 }}>{action(g.key)}</td>
              {saveAs ? <td>{g.users > 0 ? saveAs(g.key) : null}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
