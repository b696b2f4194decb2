/** Guard that no NaN or Infinity leaves the engine: a failure here is a bug, reported with its path. */

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const v of value) if (!allFinite(v)) return false;
    return true;
  }
  // for…in rather than Object.values: no array per object of a result walked on every evaluation.
  for (const key in value) if (!allFinite((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** Path of the first non-finite number, built only once one is known to exist. */
function firstNonFinite(value: unknown, path: string): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} = ${value}`;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, v] of Object.entries(value)) {
    const found = firstNonFinite(v, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

export function assertFinite(value: unknown, path: string): void {
  if (!allFinite(value)) throw new Error(`internal error: ${firstNonFinite(value, path)}`);
}
