/** A piece of SQL text that is safe to splice: built only by this layer. */
export class Sql {
  readonly text: string;
  private constructor(text: string) {
    this.text = text;
  }
  /** @internal Only src/sql creates fragments; everything else composes them. */
  static unsafe(text: string): Sql {
    return new Sql(text);
  }
  toString(): string {
    return this.text;
  }
}

export function isSql(value: unknown): value is Sql {
  return value instanceof Sql;
}

/** Verbatim SQL (keywords, function names). Never pass user data here. */
export function raw(text: string): Sql {
  return Sql.unsafe(text);
}
