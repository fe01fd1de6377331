// Small statistics for the benchmark: medians and spreads of a handful of runs.

/** @param {number[]} xs */
export function sorted(xs) {
  return [...xs].sort((a, b) => a - b);
}

/** Linear-interpolated quantile, q in [0, 1]. @param {number[]} xs @param {number} q */
export function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = sorted(xs);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo] + (s[hi] - s[lo]) * (at - lo);
}

/** @param {number[]} xs */
export const median = (xs) => quantile(xs, 0.5);

/**
 * Median, interquartile range and extremes of a sample.
 * @param {number[]} xs
 */
export function summary(xs) {
  const s = sorted(xs);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    p25: quantile(s, 0.25),
    p75: quantile(s, 0.75),
    min: s[0] ?? NaN,
    max: s[s.length - 1] ?? NaN,
  };
}

/** Rounds for display and JSON: 3 significant decimals where small, fewer where large. @param {number} x */
export function round(x, digits = 3) {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** @param {ReturnType<typeof summary>} s */
export function roundSummary(s, digits = 3) {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'n' ? v : round(v, digits)]));
}
