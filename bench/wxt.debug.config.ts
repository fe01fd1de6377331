// The same extension, unminified, for the benchmark's diagnosis only: a CPU profile of
// it names the project's own functions. The figures are measured on the real build.
import config from '../wxt.config';

export default {
  ...config,
  root: `${import.meta.dirname}/..`,
  outDir: process.env.BENCH_DEBUG_DIR ?? '.output-bench-debug',
  vite: () => ({ build: { minify: false } }),
};
