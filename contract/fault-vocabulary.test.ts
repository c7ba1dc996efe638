import { describe, expect, it } from 'vitest';
import { FAULT_TYPES, FAULT_WORDS_EN, faultDetail, faultTypeOf, faultWords, parseFaultDetail, type FaultWordTable } from './fault-vocabulary.ts';
import { FAULT_WORDS_DE } from './fault-vocabulary.de.ts';

const TABLES: Array<[string, FaultWordTable]> = [
  ['en', FAULT_WORDS_EN],
  ['de', FAULT_WORDS_DE],
];

describe('the fault vocabulary', () => {
  it('knows every OCPP 1.6 ChargePointErrorCode', () => {
    expect([...FAULT_TYPES].sort()).toEqual(
      [
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
      ].sort(),
    );
  });

  it('matches names without regard to case, spaces, underscores or dashes, and knows OCPP 1.5’s Mode3Error', () => {
    for (const type of FAULT_TYPES) {
      expect(faultTypeOf(type)).toBe(type);
      expect(faultTypeOf(type.toUpperCase())).toBe(type);
      expect(faultTypeOf(` ${type.toLowerCase()} `)).toBe(type);
    }
    expect(faultTypeOf('GROUND_FAILURE')).toBe('GroundFailure');
    expect(faultTypeOf('over-voltage')).toBe('OverVoltage');
    expect(faultTypeOf('Mode3Error')).toBe('EVCommunicationError');
    expect(faultTypeOf('WaterInConnector')).toBeNull();
    // Object.prototype's names are not fault types.
    expect(faultTypeOf('constructor')).toBeNull();
  });

  it.each(TABLES)('words every known type in %s: a name of its own, never the raw name, and a next step for a fault and for a warning', (_lang, words) => {
    const titles = new Set<string>();
    for (const type of FAULT_TYPES.filter((t) => t !== 'NoError')) {
      const fault = faultWords({ severity: 'fault', type, text: null }, words);
      const warning = faultWords({ severity: 'warning', type, text: null }, words);
      expect(fault.title, type).not.toMatch(new RegExp(type, 'i'));
      expect(fault.title.length, type).toBeGreaterThan(2);
      expect(warning.title, type).toBe(fault.title);
      expect(fault.known).toBe(true);
      expect(fault.nextStep, type).toMatch(/\.$/);
      expect(warning.nextStep, type).toMatch(/\.$/);
      // A warning beside a working state is told more calmly than a fault.
      expect(warning.nextStep, type).not.toBe(fault.nextStep);
      titles.add(fault.title);
    }
    expect(titles.size).toBe(FAULT_TYPES.length - 1);
  });

  it('words an earth fault in English and German', () => {
    const fault = { severity: 'fault', type: 'GroundFailure', text: 'Residual current detected (RCD)' } as const;
    expect(faultWords(fault, FAULT_WORDS_EN)).toEqual({
      label: 'Fault',
      title: 'Earth fault',
      detail: 'Residual current detected (RCD)',
      nextStep: 'Unplug the car and plug it in again; if the fault stays, call your installer.',
      known: true,
    });
    expect(faultWords(fault, FAULT_WORDS_DE)).toEqual({
      label: 'Störung',
      title: 'Fehlerstrom',
      detail: 'Residual current detected (RCD)',
      nextStep: 'Stecker ziehen und neu einstecken; bleibt die Störung, Installateur anrufen.',
      known: true,
    });
  });

  it('gives a warning the calm step: charging goes on', () => {
    const words = faultWords({ severity: 'warning', type: 'GroundFailure', text: null }, FAULT_WORDS_DE);
    expect(words.label).toBe('Warnung');
    expect(words.nextStep).toBe('Das Laden läuft weiter. Kommt die Meldung immer wieder, Installateur informieren.');
    expect(faultWords({ severity: 'warning', type: 'HighTemperature', text: null }, FAULT_WORDS_EN).nextStep).toMatch(/^Charging goes on, perhaps more slowly/);
  });

  it('shows a type it does not know in its own words, with a general next step', () => {
    for (const [, words] of TABLES) {
      const fault = faultWords({ severity: 'fault', type: 'WaterInConnectorDetected', text: 'E42' }, words);
      expect(fault).toMatchObject({ title: 'Water in connector detected', detail: 'E42', nextStep: words.steps.general, known: false });
      expect(faultWords({ severity: 'warning', type: 'LOCAL_FUSE_WARN', text: null }, words)).toMatchObject({ title: 'LOCAL FUSE WARN', nextStep: words.warningSteps.calm, known: false });
    }
  });

  it('titles a fault without a type, or with NoError, by its severity, and keeps the charger’s text', () => {
    expect(faultWords({ severity: 'fault', type: null, text: 'Contactor welded' }, FAULT_WORDS_DE)).toMatchObject({ title: 'Störung', detail: 'Contactor welded', known: true });
    expect(faultWords({ severity: 'warning', type: 'NoError', text: null }, FAULT_WORDS_EN)).toMatchObject({ title: 'Warning', detail: null, nextStep: FAULT_WORDS_EN.warningSteps.calm });
    expect(faultWords({ severity: 'fault', type: '  ', text: '  ' }, FAULT_WORDS_EN)).toMatchObject({ title: 'Fault', detail: null, nextStep: FAULT_WORDS_EN.steps.general });
  });

  it('drops a text that only repeats the type or the title', () => {
    expect(faultWords({ severity: 'fault', type: 'GroundFailure', text: 'GroundFailure' }, FAULT_WORDS_EN).detail).toBeNull();
    expect(faultWords({ severity: 'fault', type: 'GroundFailure', text: 'ground failure' }, FAULT_WORDS_EN).detail).toBeNull();
    expect(faultWords({ severity: 'fault', type: 'OddThing', text: 'Odd thing' }, FAULT_WORDS_EN).detail).toBeNull();
  });

  it('reads back the archive’s one-line form of a fault', () => {
    const cases: Array<{ type: string | null; text: string | null }> = [
      { type: 'GroundFailure', text: 'Residual current detected (RCD)' },
      { type: 'GroundFailure', text: null },
      { type: null, text: 'Contactor welded: call service' },
      { type: 'E-42', text: 'Lock: stuck' },
    ];
    for (const fault of cases) expect(parseFaultDetail(faultDetail(fault))).toEqual(fault);
    expect(parseFaultDetail('')).toEqual({ type: null, text: null });
    expect(parseFaultDetail(undefined)).toEqual({ type: null, text: null });
    // A lone word is a type (the timeline route leaves out the state names the archive keeps for a fault with neither).
    expect(parseFaultDetail('GroundFailure')).toEqual({ type: 'GroundFailure', text: null });
  });
});
