// Failures seen in development: a development build (`wxt`, vitest) says on the console
// what went wrong and where; a production build says nothing, and carries none of it
// (`import.meta.env.DEV` is false there, so the bundler drops the body and the calls).
// It never sends anything anywhere.

/** Logs a failure or a refusal, in development builds only. `where`: the part that saw it. */
export function devLog(where: string, what: string, detail?: unknown): void {
  if (import.meta.env.DEV) console.warn(`[cpta-assistant ${where}] ${what}`, ...(detail === undefined ? [] : [detail]));
}
