/** German for `fault-vocabulary.ts`: a table of its own, so a browser loads it only for German pages. */
import type { FaultWordTable } from './fault-vocabulary.ts';

export const FAULT_WORDS_DE: FaultWordTable = {
  fault: 'Störung',
  warning: 'Warnung',
  names: {
    ConnectorLockFailure: 'Steckerverriegelung gestört',
    EVCommunicationError: 'Keine Verbindung zum Auto',
    GroundFailure: 'Fehlerstrom',
    HighTemperature: 'Ladestation zu heiß',
    InternalError: 'Interner Fehler',
    LocalListConflict: 'Kartenliste widersprüchlich',
    OtherError: 'Sonstiger Fehler',
    OverCurrentFailure: 'Überstrom',
    OverVoltage: 'Überspannung',
    PowerMeterFailure: 'Zähler gestört',
    PowerSwitchFailure: 'Leistungsschalter gestört',
    ReaderFailure: 'Kartenleser gestört',
    ResetFailure: 'Neustart fehlgeschlagen',
    UnderVoltage: 'Unterspannung',
    WeakSignal: 'Schwacher Empfang',
  },
  steps: {
    replug: 'Stecker ziehen und neu einstecken; bleibt die Störung, Installateur anrufen.',
    restart: 'Ladestation an ihrer Sicherung aus- und wieder einschalten; bleibt die Störung, Installateur anrufen.',
    installer: 'Stecker ziehen und Installateur anrufen.',
    cool_down: 'Ladestation abkühlen lassen; sie startet von selbst wieder. Bleibt die Störung, Installateur anrufen.',
    supply: 'Strom im Haus prüfen (Sicherungen, andere Geräte); bleibt die Störung, Installateur anrufen.',
    car: 'Stecker ziehen und neu einstecken; passiert es nur mit diesem Auto, das Auto prüfen lassen.',
    cards: 'Laden mit Karte geht evtl. nicht; wer die Karten der Ladestation verwaltet, sollte es prüfen.',
    signal: 'WLAN- oder Mobilfunkempfang der Ladestation prüfen; das Laden selbst ist nicht betroffen.',
    general: 'Bleibt die Störung, Installateur anrufen.',
  },
  warningSteps: {
    calm: 'Das Laden läuft weiter. Kommt die Meldung immer wieder, Installateur informieren.',
    cool_down: 'Das Laden läuft weiter, evtl. langsamer, bis die Ladestation abgekühlt ist.',
    signal: 'Das Laden läuft weiter. WLAN- oder Mobilfunkempfang der Ladestation prüfen.',
  },
};
