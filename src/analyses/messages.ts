/** A screen's labels: the English keys must match the Chinese ones, or the type check fails. */
export function defineMessages<const Zh extends Record<string, string>>(
  zh: Zh,
  en: Record<keyof Zh, string>,
): { zh: Record<keyof Zh, string>; en: Record<keyof Zh, string> } {
  return { zh, en };
}
