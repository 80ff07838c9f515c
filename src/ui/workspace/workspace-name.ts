import { useI18n } from '../i18n/i18n';
import { useWorkspace } from './workspace-context';

/** The loaded workspace's name in the chosen language, when its manifest gives one. */
export function useWorkspaceName(): string | null {
  const { locale } = useI18n();
  const { info, manifest } = useWorkspace();
  if (!info) return null;
  return manifest?.names?.[locale] ?? info.name;
}
