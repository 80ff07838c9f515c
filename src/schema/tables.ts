import { raw } from '../sql';

/**
 * Canonical tables built at load (src/ingest/derived-tables.ts).
 * events(user_id, ts UTC, event, amount, ...original columns)
 * users(user_id, created_at UTC, ...attributes)
 * user_day_event(user_id, day local DATE, event, n, amount, amount_n, first_ts / last_ts UTC)
 * activity(user_id, day local DATE, n, amount, prev_day: the user's previous active day)
 * user_created(user_id, created_day local DATE, first_active_day)
 * event_totals(event, events, users: distinct users who did it)
 * (events_wall_time is events with local_ts, the wall time, in place of ts; it feeds user_day_event)
 */
export const tables = {
  events: raw('events'),
  users: raw('users'),
  userDayEvent: raw('user_day_event'),
  activity: raw('activity'),
  userCreated: raw('user_created'),
  eventTotals: raw('event_totals'),
} as const;
