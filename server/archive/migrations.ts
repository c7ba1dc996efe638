/**
 * The archive's schema, one migration per version (`PRAGMA user_version`). Each runs once, in its
 * own transaction, at start; a released migration is never edited, only followed by a new one.
 *
 * Sizes: a power row holds one charger's 5-minute slot with a column per series (building,
 * cluster, connectors 1–4), keyed by (charger, time) WITHOUT ROWID, so the key is the row and a
 * slot with three series costs about 40 bytes instead of three rows of ~25. Times are integer
 * epoch seconds (power) or milliseconds (sessions, events); charger ids are small integers.
 */
/**
 * A session's archived slots and those of them with its connector's power above 0: the slots of
 * its span, from its charging start to its end (a week after its start while it has none).
 * `sessions` is the row being updated.
 */
export const SESSION_SLOTS = `(
  SELECT count(*), count(CASE sessions.connector WHEN 1 THEN nullif(p.c1 > 0, 0) WHEN 2 THEN nullif(p.c2 > 0, 0) WHEN 3 THEN nullif(p.c3 > 0, 0) WHEN 4 THEN nullif(p.c4 > 0, 0) END)
  FROM power p
  WHERE p.charger = sessions.charger AND p.t >= (sessions.started / 300000) * 300 AND p.t < coalesce(sessions.ended, sessions.started + 604800000) / 1000
)`;

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
  // 2: completeness from answers only, and what long ranges read, kept on write.
  // - The old backfill stopped after two days without a point and took every older day for
  //   empty ("powerFloor"); those days were never asked, so they are missing again and the
  //   backfill asks them.
  // - power_hours: per charger and UTC hour (epoch seconds), the count of slots and per series
  //   the sum and count of its values, kept by every power write, so a day or a year is summed
  //   from hours instead of from its 5-minute rows (ten years: 87,600 hours instead of a million
  //   slots). UTC hours are local hours in every zone with a whole-hour offset; where a local
  //   day or hour cuts an hour (half-hour zones, a range's own ends), that part is read from
  //   the slots.
  // - sessions.slots / active_slots: the session's archived slots and those with its connector's
  //   power above 0 (its active charging time), kept by every session and power write instead of
  //   counted for every session on every read.
  `
  DELETE FROM progress WHERE key = 'powerFloor';
  CREATE TABLE power_hours (
    charger INTEGER NOT NULL,
    h INTEGER NOT NULL,
    points INTEGER NOT NULL,
    s_building REAL, n_building INTEGER NOT NULL,
    s_cluster REAL, n_cluster INTEGER NOT NULL,
    s_c1 REAL, n_c1 INTEGER NOT NULL,
    s_c2 REAL, n_c2 INTEGER NOT NULL,
    s_c3 REAL, n_c3 INTEGER NOT NULL,
    s_c4 REAL, n_c4 INTEGER NOT NULL,
    PRIMARY KEY (charger, h)
  ) WITHOUT ROWID;
  INSERT INTO power_hours
    SELECT charger, (t / 3600) * 3600, count(*),
      sum(building), count(building), sum(cluster), count(cluster),
      sum(c1), count(c1), sum(c2), count(c2), sum(c3), count(c3), sum(c4), count(c4)
    FROM power GROUP BY charger, t / 3600;
  ALTER TABLE sessions ADD COLUMN slots INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN active_slots INTEGER NOT NULL DEFAULT 0;
  UPDATE sessions SET (slots, active_slots) = ${SESSION_SLOTS};
  `,
  // 3: the home connections (server/home/): energy counters, the retained MQTT topics we own,
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
