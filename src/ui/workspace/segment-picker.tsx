import { useI18n } from '../i18n/i18n';
import { useSegments } from './segments-context';
import { maxSideBySide } from './use-segment-runs';

/**
 * Chooses up to four saved segments to put side by side (a breakdown "by segment"). Ids that
 * are chosen but no longer saved stay listed, so they can be unticked.
 */
export function SegmentPicker({ chosen, onChange }: { chosen: readonly string[]; onChange: (ids: string[]) => void }) {
  const { t } = useI18n();
  const { segments } = useSegments();
  if (segments.length === 0 && chosen.length === 0) return null;
  const names = new Map(segments.map((s) => [s.id, s.name]));
  const options = [...segments.map((s) => s.id), ...chosen.filter((id) => !names.has(id))];
  const full = chosen.length >= maxSideBySide;
  const summary = chosen.length === 0 ? t('segment.sideBySideNone') : chosen.map((id) => names.get(id) ?? id).join(' · ');
  return (
    <details className="segment-pick" data-testid="segment-side-by-side">
      <summary>
        {t('segment.sideBySide')}: <span className="muted">{summary}</span>
      </summary>
      <fieldset>
        <legend className="muted">{t('segment.sideBySideMax', { n: maxSideBySide })}</legend>
        {options.map((id) => {
          const on = chosen.includes(id);
          return (
            <label key={id}>
              <input
                type="checkbox"
                checked={on}
                disabled={!on && full}
                onChange={() => onChange(on ? chosen.filter((c) => c !== id) : [...chosen, id])}
              />{' '}
              {names.get(id) ?? id}
            </label>
          );
        })}
      </fieldset>
    </details>
  );
}
