import { sql, type Sql } from '../sql';
import type { RunContext } from './contract';

/**
 * The rows of `select` to read FROM: the table the engine keeps for every request on the same
 * workspace and scope (RunContext.table), or, without one, the select itself as a subquery. So
 * `select` stands alone: it reads only the workspace's tables, never a CTE of the caller's.
 */
export function stepTable(ctx: RunContext, key: readonly unknown[], select: Sql): Promise<Sql> {
  return ctx.table ? ctx.table(JSON.stringify(key), select) : Promise.resolve(sql`(${select})`);
}
