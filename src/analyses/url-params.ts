/** A setting from the URL if it is one of the allowed values, else the default. */
export function pickParam<T extends string>(params: Record<string, string>, key: string, allowed: readonly T[], fallback: T): T {
  const value = params[key];
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}
