import { Component, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  /** What to show instead of the children after they threw while rendering. */
  fallback: (error: Error, retry: () => void) => ReactNode;
  /** Called once per caught error (e.g. to schedule a recovery). */
  onError?: (error: Error) => void;
  children: ReactNode;
}

/**
 * Keeps one part's crash inside that part: without it, an exception while rendering the chart
 * (or a chunk that cannot load after a server update) would unmount the whole wall display.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onError?.(error instanceof Error ? error : new Error(String(error)));
  }

  private readonly retry = () => this.setState({ error: null });

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error, this.retry) : this.props.children;
  }
}

/**
 * A lazily loaded chunk that is gone (the server has a new build) or cannot be fetched, in the
 * words of Chromium, Safari and Firefox. Not a bare "Failed to fetch": that is any failed request,
 * which must not reload the page and hide the part's own retry.
 */
export function isChunkLoadError(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed/i.test(error.message);
}
