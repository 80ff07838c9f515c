import { Sql } from './fragment';

/**
 * Quotes any name as a DuckDB identifier, always: embedded double quotes are doubled and
 * nothing is assumed to be "already quoted". Column names come from users' CSV headers.
 */
export function ident(name: string): Sql {
  if (name.includes('\0')) throw new Error('identifier contains a NUL character');
  return Sql.unsafe(`"${name.replaceAll('"', '""')}"`);
}
