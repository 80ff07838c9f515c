import type { Problem } from '../../schema/problem';
import { useI18n } from '../i18n/i18n';

/** Why something could not be kept on, or read back from, this device (quota, version, blocked). */
export function StorageProblemBanner({ problems, onDismiss }: { problems: readonly Problem[]; onDismiss: () => void }) {
  const { formatProblem } = useI18n();
  if (problems.length === 0) return null;
  const texts = [...new Set(problems.map(formatProblem))];
  return (
    <div className="banner banner-error" role="alert" data-testid="storage-problem">
      {texts.length === 1 ? (
        texts[0]
      ) : (
        <ul>
          {texts.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}{' '}
      <button type="button" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
