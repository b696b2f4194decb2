/**
 * Internal failures: a check or provider of moesys that throws is a bug of moesys, not a problem
 * of the user's file. It is logged once per distinct message and the listeners are told (the fuzz
 * tests assert there are none).
 */
/** Listeners told of every internal failure (tests assert there are none). */
export const internalFailureListeners = new Set<(where: string, error: unknown) => void>();
const loggedFailures = new Set<string>();

/** Logs an internal failure once per distinct message (never a stack trace per edit) and tells the listeners. */
export function reportInternalFailure(where: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const key = `${where}: ${message}`.slice(0, 500);
  if (!loggedFailures.has(key) && loggedFailures.size < 100) {
    loggedFailures.add(key);
    console.error(`moesys internal error in ${key}`);
  }
  for (const listener of internalFailureListeners) listener(where, error);
}
