/** Helpers for the archive's tests: a temporary archive path and a fake status collector. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLiveStatus } from '../../contract/live-status.ts';
import type { CollectorFailureLike, StatusReadingLike, StatusSource } from '../archive/status-port.ts';

export function temporaryArchive(): { dir: string; path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'inch-archive-'));
  return { dir, path: join(dir, 'archive.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A collector the test drives: `emit(json)` is a reading, `fail(code)` a failure. */
export class FakeCollector implements StatusSource {
  private readonly readings = new Set<(r: StatusReadingLike) => void>();
  private readonly failures = new Set<(f: CollectorFailureLike) => void>();
  private last: StatusReadingLike | CollectorFailureLike | null = null;
  holds = 0;

  constructor(readonly chargerId: string) {}

  onReading(listener: (r: StatusReadingLike) => void): () => void {
    this.readings.add(listener);
    return () => this.readings.delete(listener);
  }

  onFailure(listener: (f: CollectorFailureLike) => void): () => void {
    this.failures.add(listener);
    return () => this.failures.delete(listener);
  }

  hold(): () => void {
    this.holds += 1;
    return () => {
      this.holds -= 1;
    };
  }

  latest() {
    return this.last;
  }

  emit(json: unknown, receivedAt: number): void {
    const reading: StatusReadingLike = { chargerId: this.chargerId, receivedAt, json, live: parseLiveStatus(json), changed: true };
    this.last = reading;
    for (const l of this.readings) l(reading);
  }

  fail(code: string, message: string, since: number): void {
    const failure: CollectorFailureLike = { chargerId: this.chargerId, error: { code, message }, since };
    this.last = failure;
    for (const l of this.failures) l(failure);
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
