/**
 * A notification in words, English or German, and the JSON that the webhook and the MQTT event
 * carry (the same facts, machine-readable, beside the words). Numbers and money are written by
 * Intl in the language's own way; a fault is worded by the fault vocabulary (its name, the charger's
 * own text, what to do), and why a charger cannot be read in the language's words (German by
 * `problemReasonDe`; a reason it does not know is left out rather than told in English).
 */
import { FAULT_WORDS_EN, faultWords, type FaultInput, type FaultWords, type FaultWordTable } from '../../contract/fault-vocabulary.ts';
import { FAULT_WORDS_DE } from '../../contract/fault-vocabulary.de.ts';
import { problemReasonDe } from '../../contract/problem-reasons.de.ts';
import type { MessageLanguage } from './home-config.ts';
import type { NotificationEvent } from './notification-events.ts';

export interface RenderedNotification {
  title: string;
  message: string;
  /** ntfy's tags (emoji short codes), most telling first. */
  tags: string[];
  /** ntfy's priority: 3 default, 4 high. */
  priority: 3 | 4;
}

const LOCALES: Record<MessageLanguage, string> = { en: 'en-GB', de: 'de-DE' };
const FAULT_WORDS: Record<MessageLanguage, FaultWordTable> = { en: FAULT_WORDS_EN, de: FAULT_WORDS_DE };
/** A fault in the language's words (the notifications and MQTT's connector state). */
export function faultWordsIn(fault: FaultInput, language: MessageLanguage): FaultWords {
  return faultWords(fault, FAULT_WORDS[language]);
}

/** The server's reasons are English sentences: as they are in English, translated or left out in German. */
const REASON: Record<MessageLanguage, (message: string) => string | null> = { en: (message) => message || null, de: problemReasonDe };

const WORDS = {
  en: {
    finishedTitle: (name: string) => `Charging finished – ${name}`,
    connector: (label: string) => `Connector ${label}`,
    energyIn: (energy: string, duration: string | null) => (duration ? `${energy} in ${duration}` : energy),
    cost: (cost: string) => `cost ${cost}`,
    unknownEnergy: 'energy unknown',
    unreachableTitle: (name: string) => `Charger unreachable – ${name}`,
    unreachableMessage: (minutes: number, reason: string | null) => `No answer for ${minutes} min${reason ? ` (${reason})` : ''}.`,
    testTitle: 'Test message from the charger dashboard',
    testMessage: 'Notifications reach you here.',
    hours: 'h',
    minutes: 'min',
  },
  de: {
    finishedTitle: (name: string) => `Ladevorgang beendet – ${name}`,
    connector: (label: string) => `Ladepunkt ${label}`,
    energyIn: (energy: string, duration: string | null) => (duration ? `${energy} in ${duration}` : energy),
    cost: (cost: string) => `Kosten ${cost}`,
    unknownEnergy: 'Energie unbekannt',
    unreachableTitle: (name: string) => `Ladestation nicht erreichbar – ${name}`,
    unreachableMessage: (minutes: number, reason: string | null) => `Seit ${minutes} Min. keine Antwort${reason ? ` (${reason})` : ''}.`,
    testTitle: 'Testnachricht vom Lade-Dashboard',
    testMessage: 'Benachrichtigungen kommen hier an.',
    hours: 'Std.',
    minutes: 'Min.',
  },
} as const;

export function renderNotification(event: NotificationEvent, language: MessageLanguage): RenderedNotification {
  const words = WORDS[language];
  const locale = LOCALES[language];
  switch (event.kind) {
    case 'session_finished': {
      const energy = event.energyKwh === null ? words.unknownEnergy : `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(event.energyKwh)} kWh`;
      const duration = event.durationSeconds === null ? null : durationText(event.durationSeconds, language);
      const parts = [`${words.connector(event.connector)}: ${words.energyIn(energy, duration)}`];
      if (event.cost !== null) parts.push(words.cost(new Intl.NumberFormat(locale, { style: 'currency', currency: event.currency }).format(event.cost)));
      return { title: words.finishedTitle(event.chargerName), message: `${parts.join(', ')}.`, tags: ['electric_plug', 'white_check_mark'], priority: 3 };
    }
    case 'fault': {
      const fault = faultWordsIn({ severity: event.severity, type: event.faultType, text: event.faultText }, language);
      const what = fault.title === fault.label ? fault.label : `${fault.label}: ${fault.title}`;
      return {
        title: `${what} – ${event.chargerName}`,
        message: `${words.connector(event.connector)}: ${fault.title}${fault.detail ? ` (${fault.detail})` : ''}. ${fault.nextStep}`,
        tags: ['warning'],
        priority: 4,
      };
    }
    case 'unreachable':
      return {
        title: words.unreachableTitle(event.chargerName),
        message: words.unreachableMessage(event.minutes, REASON[language](event.message)),
        tags: ['warning', 'electric_plug'],
        priority: 4,
      };
    case 'test':
      return { title: words.testTitle, message: words.testMessage, tags: ['bell'], priority: 3 };
  }
}

/** `3 h 12 min` / `3 Std. 12 Min.`; under an hour only minutes. */
function durationText(seconds: number, language: MessageLanguage): string {
  const words = WORDS[language];
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} ${words.hours} ${minutes % 60} ${words.minutes}` : `${minutes} ${words.minutes}`;
}

/** The event as JSON for the webhook and the MQTT event (`event_type` is what Home Assistant's event entity reads). */
export function notificationPayload(event: NotificationEvent, rendered: RenderedNotification, language: MessageLanguage): Record<string, unknown> {
  const common = { event_type: event.kind, title: rendered.title, message: rendered.message, language, at: event.at };
  switch (event.kind) {
    case 'session_finished':
      return {
        ...common,
        charger_id: event.chargerId,
        charger_name: event.chargerName,
        connector: event.connector,
        energy_kwh: event.energyKwh,
        duration_seconds: event.durationSeconds,
        cost: event.cost,
        currency: event.currency,
      };
    case 'fault':
      return { ...common, charger_id: event.chargerId, charger_name: event.chargerName, connector: event.connector, severity: event.severity, fault_type: event.faultType, fault_text: event.faultText };
    case 'unreachable':
      return { ...common, charger_id: event.chargerId, charger_name: event.chargerName, since: event.since, minutes: event.minutes, problem_code: event.code };
    case 'test':
      return common;
  }
}
