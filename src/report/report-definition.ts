import { fail, ok, type Result } from '../schema/problem';
import { list, object, oneOf, text, type Check } from '../schema/validate';

/** A pinned analysis: the page and settings to re-run, and which of the page's panels. */
export interface PinnedPanel {
  id: string;
  type: 'panel';
  /** `#/retention?grain=month&segment=seg-1`: the route, with the segment filter if any. */
  route: string;
  /** The panel's test id on that page, e.g. `panel-retention`. */
  panel: string;
  /** The panel's title when pinned, shown while it re-runs. */
  title: string;
}

export interface ReportNote {
  id: string;
  type: 'note';
  text: string;
}

export type ReportItem = PinnedPanel | ReportNote;

/** A report as it is kept and as it travels in a workspace manifest. */
export interface ReportDefinition {
  id: string;
  title: string;
  items: ReportItem[];
}

const id = text(200);
const pinned = object({ id, type: oneOf(['panel']), route: text(4000), panel: text(200), title: text(2000) });
const note = object({ id, type: oneOf(['note']), text: text(100_000) });

const item: Check<ReportItem> = (input, field) =>
  (input as { type?: unknown } | null)?.type === 'note' ? note(input, field) : pinned(input, field);

const definition = object({ id, title: text(2000), items: list(item, 500) });

/** A report definition read from storage or a manifest, checked field by field. */
export function validateReportDefinition(input: unknown): Result<ReportDefinition> {
  const checked = definition(input, 'report');
  if (!checked.ok) return checked;
  // A route is the app's own address: never a link elsewhere.
  const elsewhere = checked.value.items.find((i) => i.type === 'panel' && !i.route.startsWith('#/'));
  if (elsewhere) return fail('spec.invalid', { field: 'report.items.route', expected: '#/…' });
  return ok({ ...checked.value, items: [...checked.value.items] });
}
