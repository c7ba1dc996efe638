/** Helpers for the archive's tests: a temporary archive path and a fake snapshot feed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLiveStatus, type LiveStatus } from '../../contract/live-status.ts';
import type { ChargerSnapshot } from '../../contract/snapshot.ts';
import { buildSnapshot, type SnapshotInput } from '../snapshot/build-snapshot.ts';
import type { SnapshotFeed } from '../snapshot/snapshot-feed.ts';

export function temporaryArchive(): { dir: string; path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'inch-archive-'));
  return { dir, path: join(dir, 'archive.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A snapshot feed the test drives: `emit(json)` is a reading (built into a snapshot by the real
 * builder), `fail(code)` a failure.
 */
export class FakeFeed implements SnapshotFeed {
  private readonly listeners = new Set<(snapshot: ChargerSnapshot, changed: boolean) => void>();
  private reading: { receivedAt: number; live: LiveStatus } | null = null;
  private last: ChargerSnapshot | null = null;
  holds = 0;

  constructor(readonly chargerId: string) {}

  get chargerIds(): readonly string[] {
    return [this.chargerId];
  }

  onSnapshot(listener: (snapshot: ChargerSnapshot, changed: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  hold(): () => void {
    this.holds += 1;
    return () => {
      this.holds -= 1;
    };
  }

  latest(): ChargerSnapshot | null {
    return this.last;
  }

  emit(json: unknown, receivedAt: number): void {
    this.reading = { receivedAt, live: parseLiveStatus(json) };
    this.publish(null, receivedAt);
  }

  fail(code: string, message: string, since: number): void {
    this.publish({ code, message, since }, since);
  }

  private publish(failure: SnapshotInput['failure'], now: number): void {
    const snapshot = buildSnapshot({ chargerId: this.chargerId, zone: 'Europe/Berlin', reading: this.reading, failure, pricing: { pricePerKwh: null, currency: 'EUR' }, energy: { todayKwh: null, monthKwh: null }, now });
    this.last = snapshot;
    for (const listener of this.listeners) listener(snapshot, true);
  }
}

/** generalStatus JSON with one connector per entry: `[status, faultType?, faultDescription?]`. */
export function statusJson(connectors: Array<[string, string?, string?]>, loadGuardConnected: boolean | null = true): unknown {
  return {
    evses: connectors.map(([status, faultEventType, faultEventDescription], i) => ({
      evseId: i + 1,
      connectors: [{ connectorId: i + 1, onlineData: { status, faultEventType: faultEventType ?? null, faultEventDescription: faultEventDescription ?? null } }],
    })),
    powerManagement: loadGuardConnected === null ? null : { loadGuard: { isInstalled: true, isConnected: loadGuardConnected }, cluster: null },
  };
}
