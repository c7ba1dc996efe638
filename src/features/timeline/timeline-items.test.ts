import { describe, expect, it } from 'vitest';
import { FAULT_WORDS_EN } from '../../../contract/fault-vocabulary.ts';
import { FAULT_WORDS_DE } from '../../../contract/fault-vocabulary.de.ts';
import { TIMELINE_KINDS, type TimelineEvent } from '../../api/archive-schemas.ts';
import { serverReasons } from '../../shared/ui/error-text.ts';
import { eventLabels } from './messages.ts';
import { timelineItems, type TimelineWords } from './timeline-items.ts';

const WORDS: Record<'en' | 'de', TimelineWords> = {
  en: { labels: eventLabels.en, faults: FAULT_WORDS_EN, reason: serverReasons.en.words },
  de: { labels: eventLabels.de, faults: FAULT_WORDS_DE, reason: serverReasons.de.words },
};

/** One event of every kind, with the details the archive writes. */
const T0 = Date.parse('2026-11-30T17:00:00Z');
const DETAILS: Partial<Record<string, string>> = {
  fault: 'GroundFailure: Residual current detected',
  fault_cleared: 'GroundFailure: Residual current detected',
  unreachable: 'the charger closed the connection',
  status: 'WaitingForGridCapacity',
};
const everyKind: TimelineEvent[] = TIMELINE_KINDS.map((kind, i) => ({ at: T0 + i * 60_000, kind, connectorId: 1, ...(DETAILS[kind] ? { detail: DETAILS[kind] } : {}) }));
const text = (events: TimelineEvent[], lang: 'en' | 'de') => timelineItems(events, WORDS[lang]).map((item) => item.text);

describe('timeline items', () => {
  it('words every event kind in English, naming a fault by its type and an outage by its reason', () => {
    expect(text(everyKind, 'en')).toEqual([
      'plugged in',
      'charging',
      'paused by car',
      'paused by charger',
      'finished',
      'unplugged',
      'reserved',
      'unavailable',
      'fault: Earth fault',
      'fault cleared: Earth fault',
      'charger unreachable: the charger closed the connection',
      'charger back',
      'load guard meter disconnected',
      'load guard meter back',
      // A state the vocabulary does not know, in its own words.
      'Waiting for grid capacity',
    ]);
  });

  it('words every event kind in German: no English words, no raw names', () => {
    const german = text(everyKind, 'de');
    expect(german).toEqual([
      'angesteckt',
      'lädt',
      'vom Auto pausiert',
      'von der Ladestation pausiert',
      'beendet',
      'abgesteckt',
      'reserviert',
      'nicht verfügbar',
      'Störung: Fehlerstrom',
      'Störung behoben: Fehlerstrom',
      'Ladestation nicht erreichbar: die Ladestation hat die Verbindung geschlossen',
      'Ladestation wieder erreichbar',
      'Zähler des Lastwächters getrennt',
      'Zähler des Lastwächters wieder verbunden',
      'Waiting for grid capacity',
    ]);
  });

  it('names a fault without a type by the charger’s text, one of an unknown type in its own words, and leaves out a reason German has no words for', () => {
    const events: TimelineEvent[] = [
      { at: T0, kind: 'fault', connectorId: 1, detail: 'Contactor welded' },
      { at: T0 + 1, kind: 'fault', connectorId: 1, detail: 'WATER_IN_SOCKET: wet' },
      // Neither type nor text: the route sends no detail.
      { at: T0 + 2, kind: 'fault', connectorId: 1 },
      { at: T0 + 3, kind: 'unreachable', detail: 'the flux capacitor is empty' },
    ];
    expect(text(events, 'de')).toEqual(['Störung: Contactor welded', 'Störung: WATER IN SOCKET', 'Störung', 'Ladestation nicht erreichbar']);
    expect(text(events, 'en')).toEqual(['fault: Contactor welded', 'fault: WATER IN SOCKET', 'fault', 'charger unreachable: the flux capacitor is empty']);
  });
});
