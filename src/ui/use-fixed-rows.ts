import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import { rowsInView, scrollToShow } from '../model/rows-in-view';

/** Before the list has been laid out (its first frame): drawn as if this tall, rather than measured at once, which would force a layout. */
const GUESSED_VIEW_PX = 600;

/**
 * A scrolled list of `count` rows of `rowPx` each, drawn only where in sight (model/rows-in-view).
 * `ref` goes on the scrolling element; it is followed through its scroll events and a
 * ResizeObserver, never by reading its size in a render.
 */
export function useFixedRows(count: number, rowPx: number, overscan: number) {
  const [element, setElement] = useState<HTMLElement | null>(null);
  // Where `of` was scrolled to: a scroller made afresh (the list emptied and filled again) starts at the top.
  const [view, setView] = useState<{ of: HTMLElement | null; top: number; height: number }>({ of: null, top: 0, height: GUESSED_VIEW_PX });
  useLayoutEffect(function followTheScroller() {
    if (!element) return;
    const read = () => setView((before) => (before.of === element && before.top === element.scrollTop && before.height === element.clientHeight
      ? before : { of: element, top: element.scrollTop, height: element.clientHeight }));
    element.addEventListener('scroll', read, { passive: true });
    const observer = new ResizeObserver(read);
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', read);
      observer.disconnect();
    };
  }, [element]);
  const { first, last } = rowsInView(count, rowPx, view.of === element ? view.top : 0, view.height, overscan);
  const items = useMemo(() => Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => ({ index: first + k, start: (first + k) * rowPx })), [first, last, rowPx]);
  const scrollToIndex = useCallback((index: number) => {
    if (!element) return;
    const top = scrollToShow(index, rowPx, element.scrollTop, element.clientHeight);
    if (top !== element.scrollTop) element.scrollTo({ top });
  }, [element, rowPx]);
  return { ref: setElement, element, items, totalPx: count * rowPx, scrollToIndex };
}
