import type { ImportPhase } from './dataset-protocol';

/** Progress within a phase is posted at most this often. */
export const PROGRESS_EVERY_MS = 100;

/**
 * Which of an import's progress reports to post to the page: each change of phase, and within a
 * phase a move of a whole percent at most every PROGRESS_EVERY_MS. The page re-renders and
 * repaints on each message, on the core the worker would otherwise have to itself: a million-row
 * file posted a hundred of them, one per percent read.
 */
export function progressPoster(post: (phase: ImportPhase, fraction: number | undefined) => void, now: () => number = () => performance.now()) {
  let last = '';
  let lastPhase: ImportPhase | undefined;
  let postedAt = -Infinity;
  return (phase: ImportPhase, fraction: number | undefined): void => {
    const key = `${phase}:${fraction === undefined ? '?' : Math.floor(fraction * 100)}`;
    if (key === last) return;
    const at = now();
    if (phase === lastPhase && fraction !== undefined && at - postedAt < PROGRESS_EVERY_MS) return;
    last = key;
    lastPhase = phase;
    postedAt = at;
    post(phase, fraction);
  };
}
