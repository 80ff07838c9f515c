export { Sql, isSql, raw } from './fragment';
export { ident } from './ident';
export { lit, dateLit, type LiteralValue } from './literal';
export { sql, join, type SqlValue } from './tag';
