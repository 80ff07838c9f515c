import { dateColumn } from '../../schema/csv-text';
import type { Cell } from '../../schema/row';
import { catalogues, formatMessage, type Locale, type MessageKey } from '../i18n/messages';
import { percentText } from '../i18n/percent-text';
import { isoDayOf } from '../../schema/iso-day';

/** Columns holding a share of 1, shown as a percentage. */
const shareColumn = /^(share|rate|dau_mau)$|_(share|rate)$|^share_/;

/** Columns holding an identifier or an ordinal: a number shown without grouping. */
const idColumn = /(^|_)id$|^(segment|slot|k|period_n|r_score|f_score|m_score)$/;

/** Stage codes of the churn stage model, as its messages name them. */
const stageKeys: Record<string, MessageKey> = {
  new: 'churn.stages.new',
  active: 'churn.stages.active',
  silent: 'churn.stages.silentStage',
  churned: 'churn.stages.churned',
  recalled: 'churn.stages.recalled',
  none: 'churn.flow.none',
};

function message(locale: Locale, key: string, vars?: Record<string, string | number>): string | null {
  const catalogue: Record<string, string> = catalogues[locale];
  return Object.hasOwn(catalogue, key) ? formatMessage(catalogue[key]!, vars) : null;
}

/**
 * A result column's heading on screen, in the UI's language (issue 13: Show data showed SQL
 * names such as `dau_mau`). A column without a label keeps its name.
 */
export function columnLabel(column: string, locale: Locale): string {
  const overlap = /^overlap_(\d+)$/.exec(column);
  if (overlap) return message(locale, 'data.column.overlap', { n: overlap[1]! }) ?? column;
  return message(locale, `data.column.${column}`) ?? column;
}

/** A code shown in words: a churn stage, an RFM group, the at-risk list's reasons. */
function codeText(column: string, value: string, locale: Locale): string | null {
  if (/(^|_)stage$/.test(column)) {
    const key = stageKeys[value];
    return key ? message(locale, key) : null;
  }
  if (column === 'group') return message(locale, `rfm.group.${value}`) ?? message(locale, `rfm.segment.${value}`);
  if (column === 'reasons') {
    const words = value.split('+').map((r) => message(locale, `data.reason.${r}`));
    return words.every((w) => w !== null) ? words.join(locale === 'zh' ? '；' : '; ') : null;
  }
  return null;
}

export interface CellFormats {
  locale: Locale;
  whole: Intl.NumberFormat;
  plain: Intl.NumberFormat;
  decimals: Intl.NumberFormat;
  small: Intl.NumberFormat;
  percent: Intl.NumberFormat;
}

export function cellFormats(locale: Locale, intlTag: string): CellFormats {
  return {
    locale,
    whole: new Intl.NumberFormat(intlTag, { maximumFractionDigits: 0 }),
    plain: new Intl.NumberFormat(intlTag, { useGrouping: false, maximumFractionDigits: 0 }),
    decimals: new Intl.NumberFormat(intlTag, { maximumFractionDigits: 2 }),
    small: new Intl.NumberFormat(intlTag, { maximumSignificantDigits: 3 }),
    percent: new Intl.NumberFormat(intlTag, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  };
}

/**
 * A result cell as shown on screen: days as YYYY-MM-DD, shares as percentages, counts grouped,
 * other numbers rounded (two decimals, or three significant digits below 1), yes / no, codes in
 * words. The CSV keeps the values as they are (formatCell).
 */
export function displayCell(column: string, value: Cell, f: CellFormats): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return message(f.locale, value ? 'data.yes' : 'data.no') ?? String(value);
  if (typeof value === 'string') return codeText(column, value, f.locale) ?? value;
  if (!Number.isFinite(value)) return String(value);
  if (dateColumn.test(column)) return isoDayOf(value);
  if (shareColumn.test(column)) return percentText(f.percent, value);
  if (idColumn.test(column)) return Number.isInteger(value) ? f.plain.format(value) : String(value);
  if (Number.isInteger(value)) return f.whole.format(value);
  return (Math.abs(value) < 1 ? f.small : f.decimals).format(value);
}
