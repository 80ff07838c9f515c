import { fail, ok, type Result } from './problem';

/**
 * A check turns untrusted input (a URL, a saved record, an imported report) into a typed
 * value or a problem naming the field: `spec.invalid` with `field` and `expected`.
 */
export type Check<T> = (input: unknown, field: string) => Result<T>;
export type Checked<C> = C extends Check<infer T> ? T : never;

const invalid = <T>(field: string, expected: string): Result<T> => fail('spec.invalid', { field, expected });

/** One of a fixed set of strings or numbers. */
export function oneOf<const T extends string | number>(allowed: readonly T[]): Check<T> {
  return (input, field) =>
    (allowed as readonly unknown[]).includes(input) ? ok(input as T) : invalid(field, allowed.join(' | '));
}

/** A whole number in [min, max]. */
export function integer(min: number, max: number): Check<number> {
  return (input, field) =>
    typeof input === 'number' && Number.isInteger(input) && input >= min && input <= max
      ? ok(input)
      : invalid(field, `${min}..${max}`);
}

/** A finite number. */
export const finite: Check<number> = (input, field) =>
  typeof input === 'number' && Number.isFinite(input) ? ok(input) : invalid(field, 'number');

/** A boolean. */
export const bool: Check<boolean> = (input, field) => (typeof input === 'boolean' ? ok(input) : invalid(field, 'boolean'));

/** Text of at most `max` characters (ids, event names and column names can be long); no NUL, which SQL cannot hold. */
export function text(max = 10_000): Check<string> {
  return (input, field) =>
    typeof input === 'string' && input.length <= max && !input.includes('\0') ? ok(input) : invalid(field, 'text');
}

/** A calendar date written YYYY-MM-DD that exists. */
export const isoDate: Check<string> = (input, field) => {
  if (typeof input !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(input)) return invalid(field, 'YYYY-MM-DD');
  const d = new Date(`${input}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(input) ? ok(input) : invalid(field, 'YYYY-MM-DD');
};

/** The value or null. */
export function nullable<T>(check: Check<T>): Check<T | null> {
  return (input, field) => (input === null ? ok(null) : check(input, field));
}

/** An array of at most `max` checked items. */
export function list<T>(check: Check<T>, max = 1000): Check<readonly T[]> {
  return (input, field) => {
    if (!Array.isArray(input) || input.length > max) return invalid(field, `list of at most ${max}`);
    const out: T[] = [];
    for (const [i, item] of input.entries()) {
      const r = check(item, `${field}[${i}]`);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  };
}

/** A pair of checked values, e.g. a bracket [from, to]. */
export function pair<A, B>(first: Check<A>, second: Check<B>): Check<readonly [A, B]> {
  return (input, field) => {
    if (!Array.isArray(input) || input.length !== 2) return invalid(field, 'pair');
    const a = first(input[0], `${field}[0]`);
    if (!a.ok) return a;
    const b = second(input[1], `${field}[1]`);
    if (!b.ok) return b;
    return ok([a.value, b.value]);
  };
}

/** A plain object with exactly the checked fields (others are dropped, so nothing unchecked passes). */
export function object<S extends Record<string, Check<unknown>>>(shape: S): Check<{ [K in keyof S]: Checked<S[K]> }> {
  return (input, field) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return invalid(field, 'object');
    const source = input as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const r = check(Object.hasOwn(source, key) ? source[key] : undefined, field ? `${field}.${key}` : key);
      if (!r.ok) return r;
      out[key] = r.value;
    }
    return ok(out as { [K in keyof S]: Checked<S[K]> });
  };
}

/** A spec validator: `validateSpec(input)` for an analysis whose spec has this shape. */
export function specValidator<S extends Record<string, Check<unknown>>>(
  shape: S,
): (input: unknown) => Result<{ [K in keyof S]: Checked<S[K]> }> {
  const check = object(shape);
  return (input) => check(input, '');
}
