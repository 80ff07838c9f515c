import type { AnalysisFilter } from '../../analyses/analysis-filter';
import type { MessageKey } from '../i18n/messages';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A filter in words, as its chip and the definition card say it: "事件·Country = France". */
export function filterText(f: AnalysisFilter, t: Translate): string {
  const column = f.on === 'event' && f.column === 'event' ? t('filter.eventName') : f.column;
  const vars = {
    on: t(`filter.on.${f.on}`),
    column,
    value: f.values.map((v) => (v === '' ? '""' : v)).join(', '),
    min: f.min ?? '−∞',
    max: f.max ?? '∞',
  };
  return t(`filter.text.${f.op}`, vars);
}
