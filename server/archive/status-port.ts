/**
 * What the archive needs of a charger's status collector (server/collector): its readings and
 * failures, and a hold that keeps it polling while the archive records. Structural, so the real
 * collector and the tests' small fake both fit; the archive never polls generalStatus itself.
 */
import type { LiveStatus } from '../../contract/live-status.ts';

export interface StatusReadingLike {
  chargerId: string;
  /** Epoch ms when our server received the answer. */
  receivedAt: number;
  json: unknown;
  live: LiveStatus;
  changed: boolean;
}

export interface CollectorFailureLike {
  chargerId: string;
  error: { code: string; message: string };
  since: number;
}

export interface StatusSource {
  readonly chargerId: string;
  onReading(listener: (reading: StatusReadingLike) => void): () => void;
  onFailure(listener: (failure: CollectorFailureLike) => void): () => void;
  hold(): () => void;
  latest(): StatusReadingLike | CollectorFailureLike | null;
}
