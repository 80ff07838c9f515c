import { ident, join, type Sql } from '../sql';

/** The same SELECT over each stage table, stacked by column name. */
export function unionByName(stages: readonly string[], select: (stage: Sql) => Sql): Sql {
  return join(
    stages.map((s) => select(ident(s))),
    '\nUNION ALL BY NAME\n',
  );
}
