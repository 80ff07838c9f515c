import { raw, sql, type Sql } from '../../sql';
import { eventTotalsSelect } from '../../schema/event-totals';
import { tables } from '../../schema/tables';

export interface TopEventsSpec {
  limit: number;
}

/** Event names by number of events, with distinct users and share of all events. */
export function topEventsQuery(spec: TopEventsSpec): Sql {
  const limit = Math.max(1, Math.floor(spec.limit));
  const howBuilt = raw(eventTotalsSelect.text.replace(/^/gm, '--   '));
  return sql`-- event_totals, built at load:
${howBuilt}
SELECT event, events, users, events / (SELECT sum(events) FROM ${tables.eventTotals}) AS share
FROM ${tables.eventTotals}
ORDER BY events DESC, event
LIMIT ${limit}`;
}
