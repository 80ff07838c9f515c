import { useI18n } from '../i18n/i18n';
import { useWorkspace } from './workspace-context';

/** On the demo: what it is, and how to analyse one's own export instead. */
export function DemoGuide() {
  const { t } = useI18n();
  const { manifest } = useWorkspace();
  if (!manifest?.demo) return null;
  return (
    <p className="banner demo-guide" data-testid="demo-guide">
      {t('demo.guide')} <a href="#/data">{t('demo.toData')}</a>
    </p>
  );
}
