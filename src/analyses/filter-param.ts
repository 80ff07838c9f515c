import type { AnalysisFilter } from './analysis-filter';
import { validateFilters } from './analysis-filter';

/**
 * The page's filters in its URL, readable by a person: `filter=event:Country:equals:France`,
 * several joined by `;` (`user:plan:in:pro|team;event:os:not-empty`), a range as
 * `user:age:range:18|30` (either bound may be empty). Within a part, `%`, `:`, `|` and `;` are
 * percent-encoded, so any column name or value round-trips.
 */
const escapePart = (part: string) => part.replace(/[%:|;]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function unescapePart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function formatFilterParam(filters: readonly AnalysisFilter[]): string | undefined {
  if (filters.length === 0) return undefined;
  return filters
    .map((f) => {
      const values =
        f.op === 'range'
          ? [f.min === null ? '' : String(f.min), f.max === null ? '' : String(f.max)]
          : f.op === 'empty' || f.op === 'not-empty'
            ? []
            : [...f.values];
      const head = [f.on, escapePart(f.column), f.op].join(':');
      return values.length ? `${head}:${values.map(escapePart).join('|')}` : head;
    })
    .join(';');
}

/** The filters a URL holds, or a reason it holds none that can be used. */
export function parseFilterParam(param: string | undefined): { filters: readonly AnalysisFilter[]; invalid: string | null } {
  if (param === undefined || param.trim() === '') return { filters: [], invalid: null };
  const filters: unknown[] = [];
  for (const text of param.split(';')) {
    const [on, column, op, values, ...rest] = text.split(':');
    const parts = (values ?? '').split('|').map(unescapePart);
    const name = column === undefined ? null : unescapePart(column);
    const needsValues = op !== 'empty' && op !== 'not-empty';
    const malformed = rest.length > 0 || name === null || parts.some((p) => p === null) || needsValues !== (values !== undefined);
    if (malformed) return { filters: [], invalid: text };
    const strings = parts as string[];
    const number = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));
    filters.push(
      op === 'range'
        ? { on, column: name, op, values: [], min: number(strings[0]), max: number(strings[1]) }
        : { on, column: name, op, values: needsValues ? strings : [], min: null, max: null },
    );
  }
  const checked = validateFilters(filters);
  return checked.ok ? { filters: checked.value, invalid: null } : { filters: [], invalid: param };
}
