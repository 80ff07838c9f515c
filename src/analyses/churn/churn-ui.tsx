import { useMemo, useState } from 'react';
import type { Problem } from '../../schema/problem';
import { useI18n, type I18n } from '../../ui/i18n/i18n';
import type { MessageKey } from '../../ui/i18n/messages';
import type { ChurnSettingProblems, ChurnSettings } from './churn-settings';
import { churnMessages } from './messages';
import { isoDayOrNull } from '../../schema/iso-day';

/** What each panel of the churn screen gets: the settings, their problems, and the URL setter. */
export interface ChurnPanelProps {
  settings: ChurnSettings;
  problems: ChurnSettingProblems;
  setParams: (patch: Record<string, string | undefined>) => void;
  /** The URL's settings as written, so that a field shows what is there even when it is wrong. */
  params: Record<string, string>;
  /** L proposed from the data (90th percentile of gaps), once known. */
  proposedThreshold: number | null;
}

const isChurnKey = (code: string): code is keyof typeof churnMessages.zh & MessageKey => Object.hasOwn(churnMessages.zh, code);

/** A problem of this screen (a setting, or a run that could not answer) in words. */
export function problemText(problem: Problem, i18n: Pick<I18n, 't' | 'formatNumber' | 'formatProblem'>): string {
  if (!isChurnKey(problem.code)) return i18n.formatProblem(problem);
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(problem.vars ?? {})) {
    vars[k] = typeof v === 'number' && !Number.isInteger(v) ? i18n.formatNumber(v, { maximumFractionDigits: 4 }) : v;
  }
  const text = i18n.t(problem.code, vars);
  if (problem.code === 'churn.bgnbd.notConverged' && typeof vars.atBound === 'string') {
    return `${text} ${i18n.t('churn.bgnbd.notConvergedBound', { atBound: vars.atBound })}`;
  }
  return text;
}

/**
 * A text field that writes its setting when left or on Enter, not on every key: each setting
 * change runs the panel again. Shows what the URL holds until the user types.
 */
export function CommitInput({
  label,
  value,
  onCommit,
  type = 'text',
  size = 6,
  placeholder,
  testId,
  min,
  max,
  step,
}: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  type?: 'text' | 'number' | 'date';
  size?: number;
  placeholder?: string;
  testId?: string;
  min?: string;
  max?: string;
  step?: string;
}) {
  const [draft, setDraft] = useState<{ from: string; text: string } | null>(null);
  const shown = draft && draft.from === value ? draft.text : value;
  const commit = (text: string) => {
    setDraft(null);
    if (text !== value) onCommit(text);
  };
  return (
    <label>
      {label}{' '}
      <input
        type={type}
        value={shown}
        size={Math.max(size, (placeholder?.length ?? 0) + 1)}
        placeholder={placeholder}
        data-testid={testId}
        min={min}
        max={max}
        step={step}
        style={type === 'number' ? { width: `${size + 2}ch` } : undefined}
        onChange={(e) => {
          if (type === 'date') commit(e.target.value);
          else setDraft({ from: value, text: e.target.value });
        }}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
      />
    </label>
  );
}

/** A DATE cell (epoch ms) as YYYY-MM-DD, for URLs and inputs. */
export function isoOf(ms: number | null | undefined): string {
  return isoDayOrNull(ms) ?? '';
}

/** Number formats made once per language: tables format thousands of cells. */
export interface Formats {
  whole: (v: number) => string;
  upTo: (digits: 1 | 2 | 3) => (v: number) => string;
}

export function useFormats(): Formats {
  const { intlTag } = useI18n();
  return useMemo(() => {
    const whole = new Intl.NumberFormat(intlTag, { maximumFractionDigits: 0 });
    const byDigits = ([1, 2, 3] as const).map((d) => new Intl.NumberFormat(intlTag, { maximumFractionDigits: d }));
    return {
      whole: (v) => whole.format(v),
      upTo: (digits) => (v) => byDigits[digits - 1]!.format(v),
    };
  }, [intlTag]);
}
