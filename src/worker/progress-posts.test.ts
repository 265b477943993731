import { describe, expect, it } from 'vitest';
import type { ImportPhase } from './dataset-protocol';
import { PROGRESS_EVERY_MS, progressPoster } from './progress-posts';

describe('progressPoster', () => {
  function poster() {
    let clock = 0;
    const posted: Array<[ImportPhase, number | undefined]> = [];
    const report = progressPoster((phase, fraction) => posted.push([phase, fraction]), () => clock);
    return { report, posted, wait: (ms: number) => { clock += ms; } };
  }

  it('posts a move within a phase at most every so often, and only a move of a whole percent', () => {
    const { report, posted, wait } = poster();
    report('reading', 0);
    for (let k = 1; k <= 100; k++) {
      wait(10);
      report('reading', k / 100);
    }
    // A thousand ms of reading: a post every PROGRESS_EVERY_MS, not one per percent.
    expect(posted.length).toBe(1 + 1000 / PROGRESS_EVERY_MS);
    expect(posted.at(-1)).toEqual(['reading', 1]);
    wait(PROGRESS_EVERY_MS);
    report('reading', 1.001);
    expect(posted.length).toBe(1 + 1000 / PROGRESS_EVERY_MS);
  });

  it('posts every change of phase at once, and a phase without a fraction', () => {
    const { report, posted, wait } = poster();
    report('reading', 0.5);
    wait(1);
    report('parsing', undefined);
    wait(1);
    report('parsing', 0.1);
    wait(PROGRESS_EVERY_MS);
    report('parsing', 0.2);
    wait(1);
    report('indexing', undefined);
    // parsing 0.1 came too soon after the phase's first post; 0.2 came in time.
    expect(posted).toEqual([['reading', 0.5], ['parsing', undefined], ['parsing', 0.2], ['indexing', undefined]]);
  });
});
