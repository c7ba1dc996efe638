/**
 * Whether the page's first screen has been painted. The parts that may come a moment later (the
 * power chart, the display settings: lazy chunks inside a part boundary) wait for it: asking for
 * their chunks in the first render costs a cheap tablet time before the connector card shows (the
 * loader inserts a preload link per chunk and stylesheet), and the card is what the wall is for.
 */
import { useEffect, useState } from 'react';

/** No frame for this long: the page is hidden, not slow. */
const HIDDEN_PAGE_WAIT_MS = 2_000;

/** Once painted, the page stays painted: parts mounted later (a new view) need not wait. */
let painted = false;

export function useFirstPaintDone(): boolean {
  const [done, setDone] = useState(painted);
  useEffect(() => {
    if (done) return;
    const finish = () => {
      painted = true;
      setDone(true);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame after this commit is the first paint; the task after that frame is past it.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(finish, 0);
    });
    // A page loaded hidden (the tablet's screen off) draws no frames: the parts come anyway.
    const hidden = setTimeout(finish, HIDDEN_PAGE_WAIT_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(hidden);
    };
  }, [done]);
  return done;
}
