/**
 * The archive's schema, one migration per version (`PRAGMA user_version`). Each runs once, in its
 * own transaction, at start; a released migration is never edited, only followed by a new one.
 *
 * Sizes: a power row holds one charger's 5-minute slot with a column per series (building,
 * cluster, connectors 1–4), keyed by (charger, time) WITHOUT ROWID, so the key is the row and a
 * slot with three series costs about 40 bytes instead of three rows of ~25. Times are integer
 * epoch seconds (power) or milliseconds (sessions, events); charger ids are small integers.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the first schema
  `
  CREATE TABLE chargers (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE
  );
  CREATE TABLE sessions (
    charger INTEGER NOT NULL,
    id INTEGER NOT NULL,
    connector INTEGER,
    started INTEGER,
    ended INTEGER,
    plugged INTEGER,
    unplugged INTEGER,
    energy REAL,
    plugged_seconds INTEGER,
    max_power REAL,
    meter_start INTEGER,
    meter_end INTEGER,
    status TEXT,
    stop_reason TEXT,
    mode TEXT,
    user_id INTEGER,
    first_name TEXT,
    last_name TEXT,
    card_code TEXT,
    card_number TEXT,
    card_type TEXT,
    final INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (charger, id)
  ) WITHOUT ROWID;
  CREATE INDEX sessions_by_start ON sessions (charger, started);
  CREATE TABLE power (
    charger INTEGER NOT NULL,
    t INTEGER NOT NULL,
    building REAL,
    cluster REAL,
    c1 REAL,
    c2 REAL,
    c3 REAL,
    c4 REAL,
    PRIMARY KEY (charger, t)
  ) WITHOUT ROWID;
  CREATE TABLE power_days (
    charger INTEGER NOT NULL,
    day TEXT NOT NULL,
    points INTEGER NOT NULL,
    PRIMARY KEY (charger, day)
  ) WITHOUT ROWID;
  CREATE TABLE events (
    charger INTEGER NOT NULL,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    connector INTEGER NOT NULL,
    detail TEXT,
    -- order of events derived from one reading (plugged in, then charging)
    seq INTEGER NOT NULL,
    PRIMARY KEY (charger, at, kind, connector)
  ) WITHOUT ROWID;
  CREATE TABLE charger_state (
    charger INTEGER PRIMARY KEY,
    state TEXT NOT NULL
  );
  CREATE TABLE progress (
    charger INTEGER NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (charger, key)
  ) WITHOUT ROWID;
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 2: the home connections (server/home/): energy counters, the retained MQTT topics we own,
  // what notifications were derived from, and their outbox
  `
  CREATE TABLE energy_counters (
    charger INTEGER NOT NULL,
    connector INTEGER NOT NULL,
    -- added to the charger's meter, so a meter that starts again from zero never takes the counter back
    offset_kwh REAL NOT NULL DEFAULT 0,
    -- the charger's meter as the newest finished session left it, kWh; null before the first
    meter_kwh REAL,
    -- start (ms) and end (ms) of that session
    cursor INTEGER,
    last_end INTEGER,
    -- the highest value published: the counter never goes below it
    published_kwh REAL,
    PRIMARY KEY (charger, connector)
  ) WITHOUT ROWID;
  CREATE TABLE published_topics (
    topic TEXT PRIMARY KEY,
    charger TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE notification_state (
    charger TEXT PRIMARY KEY,
    state TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE notification_outbox (
    id INTEGER PRIMARY KEY,
    event_key TEXT NOT NULL,
    target TEXT NOT NULL,
    event TEXT NOT NULL,
    created INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at INTEGER NOT NULL,
    last_error TEXT,
    delivered INTEGER,
    UNIQUE (event_key, target)
  );
  CREATE INDEX notification_outbox_pending ON notification_outbox (target, delivered, id);
  `,
];

/** Power series kept in their own column; other measures are not archived. */
export const SERIES_COLUMNS = { building: 'building', cluster: 'cluster', connector1: 'c1', connector2: 'c2', connector3: 'c3', connector4: 'c4' } as const;
export type ArchivedSeries = keyof typeof SERIES_COLUMNS;
export const ARCHIVED_SERIES = Object.keys(SERIES_COLUMNS) as ArchivedSeries[];
