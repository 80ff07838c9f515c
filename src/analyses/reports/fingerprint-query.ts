import { sql, type Sql } from '../../sql';
import { tables } from '../../schema/tables';

/**
 * Row counts and a content hash of the loaded tables that every number derives from (events
 * and users): DuckDB's hash of each whole row, summed modulo 2^64, so the order of rows does
 * not matter and any changed value does. It is not cryptographic, and it may differ between
 * app versions (the report states the version beside it).
 */
export function fingerprintQuery(): Sql {
  return sql`SELECT 'events' AS "table", count(*) AS "rows",
  printf('%016x', coalesce(sum(hash(e)) % 18446744073709551616, 0)::UBIGINT) AS hash
FROM ${tables.events} e
UNION ALL
SELECT 'users', count(*), printf('%016x', coalesce(sum(hash(u)) % 18446744073709551616, 0)::UBIGINT)
FROM ${tables.users} u`;
}
