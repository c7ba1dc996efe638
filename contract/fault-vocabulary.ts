/**
 * The fault vocabulary: every fault type a charger may report, with a short name and what to do
 * about it, in English and German. The card, the timeline, the notifications and MQTT all word a
 * fault through `faultWords`, so a fault reads the same everywhere.
 *
 * Sources of the names:
 * - OCPP 1.6 ChargePointErrorCode, all sixteen values: the INCH firmware speaks OCPP 1.6, and its
 *   `faultEventType` carries these names (the simulator sends `GroundFailure`);
 * - OCPP 1.5's `Mode3Error`, which 1.6 renamed to `EVCommunicationError`.
 * Etrel publishes no list of its own fault names: its Modbus register sheet (the one evcc's and the
 * Sonnen charger integrations read) names connector states (`ChargingFault`, …, in the state
 * vocabulary), not fault types. A name we do not know is shown in its own words (`humanizeName`)
 * with a general next step, never hidden.
 *
 * Names are matched without regard to case, spaces, `_` or `-`: `GROUND_FAILURE` is `GroundFailure`.
 *
 * The words are tables of their own (`FAULT_WORDS_EN` here, `FAULT_WORDS_DE` in
 * `fault-vocabulary.de.ts`), so a browser can load them only where a fault is shown and German
 * only for a German page.
 */
import { humanizeName } from './state-vocabulary.ts';

/** Every fault type the vocabulary knows, as chargers spell them. */
export const FAULT_TYPES = [
  'ConnectorLockFailure',
  'EVCommunicationError',
  'GroundFailure',
  'HighTemperature',
  'InternalError',
  'LocalListConflict',
  'NoError',
  'OtherError',
  'OverCurrentFailure',
  'OverVoltage',
  'PowerMeterFailure',
  'PowerSwitchFailure',
  'ReaderFailure',
  'ResetFailure',
  'UnderVoltage',
  'WeakSignal',
] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

/** Other spellings of a known type. */
const ALIASES: Readonly<Record<string, FaultType>> = { mode3error: 'EVCommunicationError' };

/** What to do about a fault: the connector is out of order. */
export type FaultStep = 'replug' | 'restart' | 'installer' | 'cool_down' | 'supply' | 'car' | 'cards' | 'signal' | 'general';
/** What to do about a warning: reported beside a working state, so the steps are calmer. */
export type WarningStep = 'calm' | 'cool_down' | 'signal';

const STEPS: Readonly<Record<FaultType, readonly [FaultStep, WarningStep]>> = {
  ConnectorLockFailure: ['replug', 'calm'],
  EVCommunicationError: ['car', 'calm'],
  GroundFailure: ['replug', 'calm'],
  HighTemperature: ['cool_down', 'cool_down'],
  InternalError: ['restart', 'calm'],
  LocalListConflict: ['cards', 'calm'],
  NoError: ['general', 'calm'],
  OtherError: ['restart', 'calm'],
  OverCurrentFailure: ['installer', 'calm'],
  OverVoltage: ['supply', 'calm'],
  PowerMeterFailure: ['restart', 'calm'],
  PowerSwitchFailure: ['installer', 'calm'],
  ReaderFailure: ['cards', 'calm'],
  ResetFailure: ['restart', 'calm'],
  UnderVoltage: ['supply', 'calm'],
  WeakSignal: ['signal', 'signal'],
};

/** The words of one language. */
export interface FaultWordTable {
  /** The title of a fault without a type (or with `NoError`). */
  fault: string;
  /** The title of a warning without a type. */
  warning: string;
  /** Each type's short name. `NoError` names nothing and is never shown. */
  names: Record<Exclude<FaultType, 'NoError'>, string>;
  steps: Record<FaultStep, string>;
  warningSteps: Record<WarningStep, string>;
}

export const FAULT_WORDS_EN: FaultWordTable = {
  fault: 'Fault',
  warning: 'Warning',
  names: {
    ConnectorLockFailure: 'Plug lock fault',
    EVCommunicationError: 'No contact with the car',
    GroundFailure: 'Earth fault',
    HighTemperature: 'Charger too hot',
    InternalError: 'Internal error',
    LocalListConflict: 'Card list conflict',
    OtherError: 'Other error',
    OverCurrentFailure: 'Overcurrent',
    OverVoltage: 'Voltage too high',
    PowerMeterFailure: 'Meter fault',
    PowerSwitchFailure: 'Power switch fault',
    ReaderFailure: 'Card reader fault',
    ResetFailure: 'Restart failed',
    UnderVoltage: 'Voltage too low',
    WeakSignal: 'Weak signal',
  },
  steps: {
    replug: 'Unplug the car and plug it in again; if the fault stays, call your installer.',
    restart: 'Switch the charger off and on again at its circuit breaker; if the fault stays, call your installer.',
    installer: 'Unplug the car and call your installer.',
    cool_down: 'Let the charger cool down; it starts again by itself. If the fault stays, call your installer.',
    supply: 'Check the power in the house (fuses, other devices); if the fault stays, call your installer.',
    car: 'Unplug the car and plug it in again; if it happens only with this car, have the car checked.',
    cards: 'Charging with a card may not work; tell whoever manages the charger’s cards.',
    signal: 'Check the charger’s Wi-Fi or mobile signal; charging itself is not affected.',
    general: 'If the fault stays, call your installer.',
  },
  warningSteps: {
    calm: 'Charging goes on. If this keeps coming back, tell your installer.',
    cool_down: 'Charging goes on, perhaps more slowly until the charger has cooled down.',
    signal: 'Charging goes on. Check the charger’s Wi-Fi or mobile signal.',
  },
};

export interface FaultInput {
  severity: 'fault' | 'warning';
  /** The charger's fault type, e.g. `GroundFailure`; null when it sent none. */
  type: string | null;
  /** The charger's own text; null when it sent none. */
  text: string | null;
}

export interface FaultWords {
  /** `Fault` or `Warning` in the table's language. */
  label: string;
  /** The type's short name, an unknown type in its own words, or `label` without a type. */
  title: string;
  /** The charger's own text (its words, never translated); null when it adds nothing to the title. */
  detail: string | null;
  /** What to do now. */
  nextStep: string;
  /** The type is one the vocabulary knows (or there is none). */
  known: boolean;
}

const squash = (value: string) => value.toLowerCase().replace(/[\s_-]+/g, '');
const BY_NAME = new Map<string, FaultType>([...FAULT_TYPES.map((type) => [squash(type), type] as const), ...Object.entries(ALIASES)]);

/** The known type a charger's name stands for; null for a name the vocabulary does not know. */
export function faultTypeOf(raw: string | null | undefined): FaultType | null {
  return raw == null ? null : (BY_NAME.get(squash(raw.trim())) ?? null);
}

/** A fault in words: what it is, the charger's own text, and what to do. */
export function faultWords(fault: FaultInput, words: FaultWordTable): FaultWords {
  const label = fault.severity === 'fault' ? words.fault : words.warning;
  const raw = fault.type?.trim() || null;
  const known = faultTypeOf(raw);
  const [step, warningStep] = known ? STEPS[known] : (['general', 'calm'] as const);
  const title = known === null ? (raw === null ? label : humanizeName(raw)) : known === 'NoError' ? label : words.names[known];
  const text = fault.text?.trim() || null;
  // A text that only repeats the type or the title says nothing new.
  const repeats = text !== null && (squash(text) === squash(title) || (raw !== null && squash(text) === squash(raw)));
  return {
    label,
    title,
    detail: repeats ? null : text,
    nextStep: fault.severity === 'fault' ? words.steps[step] : words.warningSteps[warningStep],
    known: raw === null || known !== null,
  };
}

/**
 * A fault as one line of text, `GroundFailure: Residual current detected`: how the archive's
 * timeline keeps a fault in its event's detail. `parseFaultDetail` reads it back.
 */
export function faultDetail(fault: { type: string | null; text: string | null }): string {
  return [fault.type, fault.text].filter(Boolean).join(': ');
}

/**
 * The type and text of a `faultDetail` line. The head before the first `: ` is the type when it
 * is one word (types are identifiers; a text has spaces); so is a lone word. (The archive records
 * a fault without type or text by the connector's state name, e.g. `Faulted`; the timeline route
 * leaves such a line out, so it never reads as a fault type.)
 */
export function parseFaultDetail(detail: string | null | undefined): { type: string | null; text: string | null } {
  const line = detail?.trim() ?? '';
  if (line === '') return { type: null, text: null };
  const colon = line.indexOf(': ');
  const head = colon < 0 ? line : line.slice(0, colon);
  if (/\s/.test(head)) return { type: null, text: line };
  if (colon < 0) return { type: head, text: null };
  return { type: head, text: line.slice(colon + 2).trim() || null };
}
