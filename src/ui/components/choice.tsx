import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Segmented } from './segmented';

/** The calendar grains as a Choice's options. */
export const grainOptions = { day: 'grain.day', week: 'grain.week', month: 'grain.month' } as const;

interface ChoiceProps<T extends string> {
  label: MessageKey;
  value: T;
  /** Each value with the message that names it, in display order. */
  options: Record<T, MessageKey>;
  onChange: (value: T) => void;
}

/** A setting with a few named values (a definition switch): radio buttons labelled from the catalogue. */
export function Choice<T extends string>({ label, value, options, onChange }: ChoiceProps<T>) {
  const { t } = useI18n();
  const entries = Object.entries(options) as [T, MessageKey][];
  return (
    <Segmented
      label={t(label)}
      value={value}
      options={entries.map(([v, key]) => ({ value: v, label: t(key) }))}
      onChange={onChange}
    />
  );
}

interface PickProps {
  label: string;
  value: string;
  /** What the empty value means ("any event", "none"). */
  emptyLabel: string;
  values: readonly string[];
  onChange: (value: string | undefined) => void;
}

/** A choice among names from the data (events, columns), shown as they are; empty = `emptyLabel`. */
export function DataPick({ label, value, emptyLabel, values, onChange }: PickProps) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{emptyLabel}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
        {/* A value from the URL that the loaded data does not list (yet): shown, not replaced. */}
        {value && !values.includes(value) ? <option value={value}>{value}</option> : null}
      </select>
    </label>
  );
}
