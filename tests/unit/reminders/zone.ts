// Run a piece of a test in a given time zone. Node re-reads process.env.TZ when it is
// assigned, so local-hour rules can be checked in a zone with daylight saving whatever
// zone the suite itself runs under (npm test runs it under four).
export function inZone<T>(tz: string, fn: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

export const iso = (t: number | null | undefined) => (t === null || t === undefined ? t : new Date(t).toISOString());
