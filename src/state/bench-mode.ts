/**
 * `?bench=1`: the benchmark (bench/) drives the app through window.__cmBench. Read once, when the
 * page opens, because the address bar later holds the view (src/state/url-sync.ts).
 */
const params = new URLSearchParams(window.location.search);
export const BENCH_MODE = params.has('bench');

/**
 * With it, `halves-from=BYTES`: the size from which a CSV file is read by two workers
 * (worker/half-reading.ts), for the tests to read small files so.
 */
export const HALVES_FROM = BENCH_MODE ? Number(params.get('halves-from')) || undefined : undefined;
