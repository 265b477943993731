/**
 * `?bench=1`: the benchmark (bench/) drives the app through window.__cmBench. Read once, when the
 * page opens, because the address bar later holds the view (src/state/url-sync.ts).
 */
export const BENCH_MODE = new URLSearchParams(window.location.search).has('bench');
