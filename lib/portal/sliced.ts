// Work that can pause: a generator that yields where a pause is safe (between steps,
// between slices of rows) and returns its answer. Run in one go it is the plain
// function (`drain`); the guide runs it in slices, handing the page back between them
// (lib/guide/agent.ts), so that reading a long list never holds up the holder's input.

export type Sliced<T> = Generator<void, T, void>;

/** Runs the work to its end at once. */
export function drain<T>(work: Sliced<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Whether a value is work in slices (a generator) rather than an answer. */
export function isSliced<T>(value: T | Sliced<T>): value is Sliced<T> {
  return typeof value === 'object' && value !== null && typeof (value as { next?: unknown }).next === 'function' && typeof (value as { throw?: unknown }).throw === 'function';
}
