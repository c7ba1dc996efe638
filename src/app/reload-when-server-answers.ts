/**
 * Reloads the page, but only once the server answers: a wall display must never trade a page
 * with a problem for the browser's own "cannot reach this site" page, which never recovers.
 */
let scheduled = false;

export function reloadWhenServerAnswers(delayMs = 5_000, reload: () => void = () => window.location.reload()): void {
  if (scheduled) return;
  scheduled = true;
  const attempt = () => {
    fetch('/api/chargers', { cache: 'no-store' }).then(
      (response) => (response.ok ? reload() : setTimeout(attempt, 30_000)),
      () => setTimeout(attempt, 30_000),
    );
  };
  setTimeout(attempt, delayMs);
}
