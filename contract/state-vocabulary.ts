/**
 * The one status vocabulary: one closed set of state kinds, with the words for each kind in
 * English and German. The charger's raw names are mapped onto the kinds by the server alone
 * (`status-names.ts`, read by the snapshot builder); the card, the garage tile, the timeline, the
 * chart, the CSV, MQTT and the notifications all speak in kinds, and show a raw name only where
 * the vocabulary does not know it (kind `unknown`), humanised, in its own words. So the browser's
 * bundle holds the kinds and their words, never the table of names.
 */

/** What a connector is doing, whatever the charger calls it. */
export const STATE_KINDS = [
  /** Free, nothing plugged in. */
  'available',
  /** A car is plugged in (or authorised) and the session is about to start. */
  'preparing',
  /** Energy flows to the car. */
  'charging',
  /** The car takes no energy (full, or its own schedule): the session is open. */
  'paused_by_car',
  /** The charger holds back the energy (a power limit, a schedule): the session is open. */
  'paused_by_charger',
  /** The session has ended; the car may still be plugged in. */
  'finished',
  /** Held for someone. */
  'reserved',
  /** Switched off or out of service. */
  'unavailable',
  /** The charger reports a fault in the connector's status. */
  'fault',
  /** A name the vocabulary does not know (kept raw beside the kind), or none at all. */
  'unknown',
] as const;
export type StateKind = (typeof STATE_KINDS)[number];

/** Why the charger pauses a session, where it can be told. */
export const PAUSE_REASONS = ['power_limit', 'unknown'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** Kinds with a session open: its energy and duration are live and its clock ticks. */
const SESSION_KINDS: ReadonlySet<StateKind> = new Set(['charging', 'paused_by_car', 'paused_by_charger']);
/** Kinds with a car plugged in. */
const PLUGGED_KINDS: ReadonlySet<StateKind> = new Set(['preparing', 'charging', 'paused_by_car', 'paused_by_charger', 'finished']);

/**
 * Whether a session is open. An unknown name counts as open while power flows: a firmware's new
 * name for charging must not hide a running session's figures.
 */
export function isSessionOpen(kind: StateKind, powerKw: number | null | undefined): boolean {
  return SESSION_KINDS.has(kind) || (kind === 'unknown' && (powerKw ?? 0) > 0);
}

export function isPlugged(kind: StateKind): boolean {
  return PLUGGED_KINDS.has(kind);
}

/** How several connectors read as one (a garage tile): the most urgent first. */
const URGENCY: readonly StateKind[] = [
  'fault',
  'charging',
  'paused_by_charger',
  'preparing',
  'paused_by_car',
  'finished',
  'reserved',
  'available',
  'unavailable',
  'unknown',
];

export function mostUrgentKind(kinds: readonly StateKind[]): StateKind {
  return URGENCY.find((kind) => kinds.includes(kind)) ?? 'unknown';
}

export type VocabularyLang = 'en' | 'de';

/** The words for each kind; `unknown` is only used when there is no raw name to show. */
export const STATE_WORDS: Record<VocabularyLang, Record<StateKind, string>> = {
  en: {
    available: 'Available',
    preparing: 'Preparing',
    charging: 'Charging',
    paused_by_car: 'Paused by car',
    paused_by_charger: 'Paused by charger',
    finished: 'Finished',
    reserved: 'Reserved',
    unavailable: 'Unavailable',
    fault: 'Fault',
    unknown: 'Unknown',
  },
  de: {
    available: 'Frei',
    preparing: 'Vorbereitung',
    charging: 'Lädt',
    paused_by_car: 'Pausiert (Auto)',
    paused_by_charger: 'Pausiert (Station)',
    finished: 'Beendet',
    reserved: 'Reserviert',
    unavailable: 'Nicht verfügbar',
    fault: 'Störung',
    unknown: 'Unbekannt',
  },
};

export const PAUSE_REASON_WORDS: Record<VocabularyLang, Record<PauseReason, string>> = {
  en: { power_limit: 'power limit', unknown: 'no reason given' },
  de: { power_limit: 'Leistungsgrenze', unknown: 'ohne Angabe' },
};

/**
 * `WaitingForGridCapacity` → `Waiting for grid capacity`, `LOCAL_STOP` → `LOCAL STOP`: a name we
 * have never seen, readable in its own words (no translation is pretended).
 */
export function humanizeName(value: string): string {
  const words = value
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .split(/\s+/);
  return words.map((word, index) => (index === 0 || /^[A-Z\d]{2,}$/.test(word) ? word : word.toLowerCase())).join(' ');
}

/**
 * The word for a connector's state: the kind's word, or for a name the vocabulary does not know,
 * that name humanised.
 */
export function stateWord(state: { kind: StateKind; raw: string | null }, lang: VocabularyLang): string {
  const raw = state.raw?.trim() ?? '';
  // The only known name of kind `unknown` is `Unknown` itself: that one gets the kind's word.
  if (state.kind === 'unknown' && raw !== '' && raw.toLowerCase() !== 'unknown') return humanizeName(raw);
  return STATE_WORDS[lang][state.kind];
}
