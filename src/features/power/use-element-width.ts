import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The element's content width in whole pixels, updated on resize. Measured before the first paint,
 * so the chart is drawn once at the right width instead of at 0 and then again.
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.floor(element.clientWidth));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
