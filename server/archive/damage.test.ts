/**
 * A damaged archive never takes the live view down: whatever is wrong with the file (not a
 * database, cut short, damaged in the middle, read-only, a full disk), the server starts, the
 * live status answers, /api/health says precisely what is wrong and how to fix it without losing
 * data, the start-up log names the file, history routes answer archive_unavailable (never 500),
 * and the file is left as it was.
 *
 * Conditions are made for real where this process can: files written, cut and overwritten here;
 * a full disk (a small tmpfs) and read-only mounts (a read-only bind) inside a private mount
 * namespace (`unshare -m`, which needs root or CAP_SYS_ADMIN; skipped elsewhere); file modes
 * (skipped as root, whose writes a mode does not stop). As root, a read-only file is also
 * simulated the way SQLite meets one: opened read-only (`store.readonly`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, openSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { healthResponseSchema, type HealthResponse } from '../../src/api/server-schemas.ts';
import { startServer, type RunningServer } from '../start.ts';
import { seedArchive } from '../test-support/archive-seed.ts';
import { temporaryArchive } from '../test-support/archive.ts';

const CHILD = fileURLToPath(new URL('../test-support/archive-mount-child.ts', import.meta.url));
const isRoot = process.getuid?.() === 0;
const canUnshare = process.platform === 'linux' && spawnSync('unshare', ['-m', 'true']).status === 0;
const END = Date.parse('2026-03-18T11:02:00Z');

const temps: Array<{ remove(): void }> = [];
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const t of temps.splice(0)) t.remove();
});
const temp = () => {
  const t = temporaryArchive();
  temps.push(t);
  return t;
};

async function serve(path: string, extra: Partial<Parameters<typeof startServer>[0]> = {}): Promise<{ server: RunningServer; lines: string[] }> {
  const lines: string[] = [];
  const server = await startServer({
    env: { ARCHIVE_PATH: path, SIMULATOR_SEED: '3', CHARGER_TIMEZONE: 'Europe/Berlin' },
    port: 0,
    host: '127.0.0.1',
    archiveOptions: { fill: false },
    log: (line) => lines.push(line),
    ...extra,
  });
  servers.push(server);
  return { server, lines };
}

async function get(url: string, path: string): Promise<{ status: number; body: { error?: { code: string; message: string } } & Record<string, unknown> }> {
  const response = await fetch(`${url}${path}`);
  return { status: response.status, body: (await response.json()) as never };
}

async function health(url: string): Promise<HealthResponse> {
  return healthResponseSchema.parse((await get(url, '/api/health')).body);
}

const HISTORY = [
  '/api/chargers/platz13/sessions?from=2026-02-01&to=2026-03-17',
  `/api/chargers/platz13/power?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z&step=5m`,
  `/api/chargers/platz13/power?from=2026-01-01T00:00:00Z&to=2026-03-17T00:00:00Z&step=1d`,
  '/api/chargers/platz13/timeline?date=2026-03-10',
];

/** The live view answers; every history route answers archive_unavailable, never a 500. */
async function expectLiveWithoutHistory(url: string, file: string): Promise<void> {
  expect((await get(url, '/api/chargers/platz13/generalStatus')).status).toBe(200);
  for (const path of HISTORY) {
    const { status, body } = await get(url, path);
    expect(status, path).toBe(503);
    expect(body.error?.code, path).toBe('archive_unavailable');
    expect(body.error?.message, path).toContain(file);
  }
}

async function putSettings(url: string): Promise<{ status: number; code: string | undefined }> {
  const response = await fetch(`${url}/api/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ pricePerKWh: 0.3, currency: 'EUR', offPeak: null }),
  });
  return { status: response.status, code: ((await response.json()) as { error?: { code: string } }).error?.code };
}

/** A seeded archive, closed cleanly, with its bytes. */
function seeded(path: string): Buffer {
  seedArchive(path, { chargerId: 'platz13', zone: 'Europe/Berlin', end: END, powerDays: 60, sessionDays: 60 });
  return readFileSync(path);
}

describe('an archive file that cannot be read', () => {
  it('that is no database: the server starts, says so, and leaves the file as it was', async () => {
    const { path } = temp();
    const content = 'a shopping list, not a database\n'.repeat(200);
    writeFileSync(path, content);
    const { server, lines } = await serve(path);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^archive: the archive ${path} is not an SQLite database`)));
    const { archive } = await health(server.url);
    expect(archive).toMatchObject({ file: path, ok: false, problem: { kind: 'not_a_database', file: path, page: null } });
    expect(archive!.problem!.fix).toMatch(/^keep the file .*set ARCHIVE_PATH to a new file/);
    await expectLiveWithoutHistory(server.url, path);
    expect(await putSettings(server.url)).toEqual({ status: 503, code: 'archive_unavailable' });
    expect((await get(server.url, '/api/settings')).body).toMatchObject({ writable: false, isDefault: true });
    expect(readFileSync(path, 'utf8')).toBe(content);
  });

  it('that is cut short: says how much is missing, and how to recover', async () => {
    const { path } = temp();
    const whole = seeded(path);
    truncateSync(path, Math.floor(whole.length / 2 / 4096) * 4096);
    const { server, lines } = await serve(path);
    const { archive } = await health(server.url);
    expect(archive!.problem).toMatchObject({ kind: 'truncated', file: path });
    expect(archive!.problem!.message).toMatch(/is cut short \(it ends after .*, its header says .*\)/);
    expect(archive!.problem!.fix).toMatch(/put back a backup .*sqlite3 .*\.recover/);
    expect(lines.some((l) => l.includes(path) && l.includes('cut short'))).toBe(true);
    await expectLiveWithoutHistory(server.url, path);
    expect(statSync(path).size).toBe(Math.floor(whole.length / 2 / 4096) * 4096);
  });

  it('damaged in the middle: found at start-up and named with its page; reads that meet it answer archive_unavailable, the others answer; nothing more is written', async () => {
    const { path } = temp();
    seeded(path);
    // Zeroes over the first page of the 5-minute power rows.
    const db = new Database(path, { readonly: true });
    const page = (db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'power'").get() as { rootpage: number }).rootpage;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);

    const { server, lines } = await serve(path);
    await server.archive!.checked();
    const { archive } = await health(server.url);
    expect(archive).toMatchObject({ ok: false, problem: { kind: 'damaged', file: path, page } });
    expect(archive!.problem!.message).toContain(`is damaged at page ${page}`);
    expect(archive!.problem!.fix).toMatch(/copy .* somewhere safe.*sqlite3 .*\.recover/);
    expect(lines).toContainEqual(expect.stringContaining(`archive: the archive ${path} is damaged at page ${page}`));
    expect((await get(server.url, '/api/chargers/platz13/generalStatus')).status).toBe(200);
    const fine = await get(server.url, HISTORY[1]!);
    expect(fine.status).toBe(503);
    expect(fine.body.error?.code).toBe('archive_unavailable');
    for (const route of HISTORY) expect((await get(server.url, route)).status, route).not.toBe(500);
    expect((await get(server.url, HISTORY[0]!)).status).toBe(200);
    expect(await putSettings(server.url)).toEqual({ status: 503, code: 'archive_unavailable' });
    // Nothing more is written into it, and the damaged page is left for the recovery to read.
    expect(server.archive!.store.write(() => 1)).toBeUndefined();
    await server.close();
    servers.splice(0);
    expect(readFileSync(path).subarray((page - 1) * pageSize, page * pageSize).equals(Buffer.alloc(pageSize))).toBe(true);
  });
});

describe('an archive that cannot be written', () => {
  it('(opened read-only, as SQLite opens a file it may not write): history answers from it; a settings write answers archive_read_only; health says how to fix it', async () => {
    const { path } = temp();
    seeded(path);
    const { server, lines } = await serve(path, { archiveOptions: { fill: false, store: { readonly: true } } });
    const sessions = await get(server.url, HISTORY[0]!);
    expect(sessions.status).toBe(200);
    expect((sessions.body.sessions as unknown[]).length).toBeGreaterThan(30);
    expect(await putSettings(server.url)).toEqual({ status: 503, code: 'archive_read_only' });
    const { archive } = await health(server.url);
    expect(archive).toMatchObject({ ok: false, problem: { kind: 'read_only', file: path } });
    expect(archive!.problem!.fix).toMatch(/^let the user the dashboard runs as write .*then restart the dashboard; nothing has been lost/);
    expect(lines.filter((l) => l.includes('cannot be written'))).toHaveLength(1);
    expect((await get(server.url, '/api/settings')).body).toMatchObject({ writable: false });
  });

  it.skipIf(isRoot)('(a file of mode 0444, a folder of mode 0555) the same, from the file system', async () => {
    const t = temp();
    seeded(t.path);
    chmodSync(t.path, 0o444);
    const first = await serve(t.path);
    expect(await putSettings(first.server.url)).toEqual({ status: 503, code: 'archive_read_only' });
    expect((await health(first.server.url)).archive!.problem).toMatchObject({ kind: 'read_only' });
    await first.server.close();
    servers.splice(0);
    chmodSync(t.path, 0o644);
    chmodSync(t.dir, 0o555);
    try {
      const second = await serve(t.path);
      expect((await health(second.server.url)).archive!.problem).toMatchObject({ kind: 'read_only', file: t.path });
      expect((await get(second.server.url, '/api/chargers/platz13/generalStatus')).status).toBe(200);
    } finally {
      chmodSync(t.dir, 0o755);
    }
  });

  it('on a full disk (SQLite refusing the write): the write waits, the live view and the reads go on', async () => {
    const { path } = temp();
    seeded(path);
    let full = true;
    const { server, lines } = await serve(path, {
      archiveOptions: {
        fill: false,
        store: {
          writeFault: () => {
            if (full) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
          },
        },
      },
    });
    expect(await putSettings(server.url)).toEqual({ status: 507, code: 'archive_full' });
    expect((await health(server.url)).archive!.problem).toMatchObject({ kind: 'disk_full', file: path });
    expect((await get(server.url, HISTORY[0]!)).status).toBe(200);
    expect(lines.filter((l) => l.includes('is full'))).toHaveLength(1);
    full = false;
    expect((await putSettings(server.url)).status).toBe(200);
    expect((await health(server.url)).archive).toMatchObject({ ok: true, problem: null });
  });
});

/**
 * Runs `script` (sh) in a private mount namespace; `$CHILD` runs the child script. Resolves with
 * the child's JSON lines once `until` has seen what it waits for, and a way to end it.
 */
function inNamespace(script: string) {
  const child = spawn('unshare', ['-m', 'sh', '-c', script], {
    env: { ...process.env, CHILD: `${process.execPath} --import tsx ${CHILD}` },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const messages: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  let stderr = '';
  let buffer = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) if (line.startsWith('{')) messages.push(JSON.parse(line) as Record<string, unknown>);
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    messages,
    async until(key: string): Promise<Record<string, unknown>> {
      for (;;) {
        const found = messages.find((m) => key in m);
        if (found) return found;
        const next = new Promise<void>((resolve) => waiters.push(resolve));
        const code = await Promise.race([next.then(() => undefined), exited]);
        if (code !== undefined) throw new Error(`the namespace ended (${code}) before "${key}": ${stderr}`);
      }
    },
    /** Ends the server (its stdin closes) and lets the script run on to its end. */
    async finish(): Promise<number | null> {
      child.stdin.end();
      return exited;
    },
  };
}

describe.runIf(canUnshare)('real file system conditions (a private mount namespace)', () => {
  it('a full disk at a clean restart: the server starts, says the disk is full and the archive intact, and the archive is intact', { timeout: 60_000 }, async () => {
    const t = temp();
    const mount = join(t.dir, 'disk');
    mkdirSync(mount);
    const file = join(mount, 'archive.sqlite');
    const ns = inNamespace(`
      set -e
      mount -t tmpfs -o size=6m tmpfs ${mount}
      $CHILD seed ${file}
      dd if=/dev/zero of=${mount}/filler bs=64k 2>/dev/null || true
      $CHILD serve ${file}
      rm ${mount}/filler
      $CHILD check ${file}
    `);
    const { url } = (await ns.until('url')) as { url: string };
    const { archive } = await health(url);
    expect(archive).toMatchObject({ ok: false, problem: { kind: 'disk_full', file } });
    expect(archive!.problem!.message).toMatch(/^the disk that holds the archive .* is full .*the archive itself is intact/);
    expect(archive!.problem!.fix).toMatch(/^free space on that disk.*Do not move or delete the archive file/);
    expect(ns.messages.some((m) => typeof m.log === 'string' && m.log.includes(file) && m.log.includes('is full'))).toBe(true);
    await expectLiveWithoutHistory(url, file);
    await ns.finish();
    expect(await ns.until('integrity')).toMatchObject({ integrity: 'ok', points: 30 * 288 });
  });

  it('a read-only folder (a read-only bind mount): the server starts and says the folder cannot be written', { timeout: 60_000 }, async () => {
    const t = temp();
    const source = join(t.dir, 'source');
    const readOnly = join(t.dir, 'read-only');
    mkdirSync(source);
    mkdirSync(readOnly);
    const file = join(readOnly, 'archive.sqlite');
    const ns = inNamespace(`
      set -e
      $CHILD seed ${join(source, 'archive.sqlite')}
      mount --bind ${source} ${readOnly}
      mount -o remount,bind,ro ${readOnly}
      $CHILD serve ${file}
    `);
    const { url } = (await ns.until('url')) as { url: string };
    const { archive } = await health(url);
    expect(archive).toMatchObject({ ok: false, problem: { kind: 'read_only', file } });
    expect(archive!.problem!.fix).toContain(`the folder ${readOnly}`);
    await expectLiveWithoutHistory(url, file);
    await ns.finish();
  });

  it('a read-only file in a writable folder (a read-only bind of the file): history answers from it, writes answer archive_read_only', { timeout: 60_000 }, async () => {
    const t = temp();
    const source = join(t.dir, 'source.sqlite');
    const file = t.path;
    writeFileSync(file, '');
    const ns = inNamespace(`
      set -e
      $CHILD seed ${source}
      mount --bind ${source} ${file}
      mount -o remount,bind,ro ${file}
      $CHILD serve ${file}
    `);
    const { url } = (await ns.until('url')) as { url: string };
    expect((await get(url, HISTORY[0]!)).status).toBe(200);
    expect(await putSettings(url)).toEqual({ status: 503, code: 'archive_read_only' });
    expect((await health(url)).archive!.problem).toMatchObject({ kind: 'read_only', file });
    await ns.finish();
  });
});
