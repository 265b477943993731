/**
 * Calls `work` at the start of the next frame (requestAnimationFrame), so that it does not add to
 * the task that asked; returns how to cancel it. In a hidden tab, which draws no frames (so a frame
 * callback would wait until the tab is shown), it is called at once instead: nothing is painted
 * there to keep smooth, and the map should be ready when the reader comes to it.
 */
export function onNextFrame(work: () => void): () => void {
  if (document.visibilityState === 'hidden') {
    const timer = window.setTimeout(work, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(work);
  return () => cancelAnimationFrame(frame);
}

/**
 * Calls `work` in a task after the next frame has been drawn (a frame callback, then a task), so
 * that what it lays out or measures finds the page laid out already; returns how to cancel it.
 */
export function afterNextPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancelFrame = onNextFrame(() => { timer = setTimeout(work, 0); });
  return () => {
    cancelFrame();
    clearTimeout(timer);
  };
}
