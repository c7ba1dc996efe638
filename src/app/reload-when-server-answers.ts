/**
 * Reloads the page, but only once the server answers: a wall display must never trade a page
 * with a problem for the browser's own "cannot reach this site" page, which never recovers.
 */
import { fetchJson } from '../api/http.ts';

let scheduled = false;

export function reloadWhenServerAnswers(delayMs = 5_000, reload: () => void = () => window.location.reload()): void {
  if (scheduled) return;
  scheduled = true;
  const attempt = () => {
    // A JSON answer from the server will do; an error status or no answer tries again later.
    fetchJson('/api/chargers').then(reload, () => setTimeout(attempt, 30_000));
  };
  setTimeout(attempt, delayMs);
}
