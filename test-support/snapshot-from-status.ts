/**
 * A generalStatus answer as the browser receives it: through the server's real snapshot builder.
 * For browser tests that start from the charger's own JSON (the recorded answer with a field
 * changed), so the meaning they check is the server's, not a second copy of it.
 */
import { parseLiveStatus } from '../contract/live-status.ts';
import type { ChargerSnapshot } from '../contract/snapshot.ts';
import { buildSnapshot } from '../server/snapshot/build-snapshot.ts';

export interface FromStatusOptions {
  chargerId?: string;
  readAt?: number;
  pricePerKwh?: number | null;
  /** The server could not read the charger (since `readAt`); `json` null: never read at all. */
  failure?: { code: string; message: string };
}

export function snapshotFromStatus(json: unknown, options: FromStatusOptions = {}): ChargerSnapshot {
  const readAt = options.readAt ?? Date.parse('2026-06-15T17:30:00Z');
  return buildSnapshot({
    chargerId: options.chargerId ?? 'platz13',
    zone: 'Europe/Berlin',
    reading: json === null ? null : { receivedAt: readAt, live: parseLiveStatus(json) },
    failure: options.failure ? { ...options.failure, since: readAt } : null,
    pricing: { pricePerKwh: options.pricePerKwh ?? null, currency: 'EUR' },
    energy: { todayKwh: null, monthKwh: null },
    now: readAt,
  });
}
