import { locales, type Locale } from './messages';

const storageKey = 'strata.locale';

function asLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const lower = value.toLowerCase();
  if ((locales as readonly string[]).includes(lower)) return lower as Locale;
  if (lower.startsWith('zh')) return 'zh';
  if (lower.startsWith('en')) return 'en';
  return null;
}

/** `?lang=` first, then the remembered choice, then the browser's languages; Chinese last resort. */
export function initialLocale(search: string, languages: readonly string[]): Locale {
  const fromUrl = asLocale(new URLSearchParams(search).get('lang'));
  if (fromUrl) return fromUrl;
  let remembered: string | null = null;
  try {
    remembered = localStorage.getItem(storageKey);
  } catch {
    remembered = null;
  }
  const fromStore = asLocale(remembered);
  if (fromStore) return fromStore;
  for (const lang of languages) {
    const l = asLocale(lang);
    if (l) return l;
  }
  return 'zh';
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

/**
 * The page's query with `lang` set to the chosen language, when the URL carries one: a reload
 * or a copied link then keeps the choice (issue 13, bug 4). null when nothing needs to change.
 */
export function searchWithLocale(search: string, locale: Locale): string | null {
  const params = new URLSearchParams(search);
  if (!params.has('lang') || params.get('lang') === locale) return null;
  params.set('lang', locale);
  return `?${params.toString()}`;
}
