const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A Date's UTC fields as the text the time parser reads: `YYYY-MM-DD HH:MM:SS[.mmm]` (a wall
 * time, read later in the dataset's zone), or with `instant` ISO 8601 ending in Z.
 */
export function utcFieldsText(d: Date, instant = false): { date: string; time: string; text: string } {
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const ms = d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3)}` : '';
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms}`;
  return { date, time, text: instant ? `${date}T${time}Z` : `${date} ${time}` };
}
