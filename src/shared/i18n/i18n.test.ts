import { describe, expect, it } from 'vitest';
import { humanizeName as humanizeEnum } from '../../../contract/state-vocabulary.ts';
import { detectLocale, enumLabel } from './i18n.tsx';

describe('detectLocale', () => {
  it('uses ?lang over the browser languages', () => {
    expect(detectLocale('?lang=de', ['en-US'])).toEqual({ lang: 'de', locale: 'de-DE' });
    expect(detectLocale('?lang=EN', ['de-AT', 'en-US'])).toEqual({ lang: 'en', locale: 'en-US' });
  });
  it('falls back to the first browser language we speak, keeping its region', () => {
    expect(detectLocale('', ['fr-FR', 'de-CH', 'en'])).toEqual({ lang: 'de', locale: 'de-CH' });
    expect(detectLocale('', ['fr-FR'])).toEqual({ lang: 'en', locale: 'en-GB' });
    expect(detectLocale('?lang=fr', ['en-AU'])).toEqual({ lang: 'en', locale: 'en-AU' });
  });
});

describe('humanizeName', () => {
  it.each([
    ['SuspendedEV', 'Suspended EV'],
    ['SuspendedEVSE', 'Suspended EVSE'],
    ['LocalStopUserDisconnectedCableFromVehicle', 'Local stop user disconnected cable from vehicle'],
    ['ChargerWhitelistOnly', 'Charger whitelist only'],
    ['L123', 'L123'],
    ['WAITING_FOR_GRID', 'WAITING FOR GRID'],
    ['Available', 'Available'],
  ])('%s → %s', (value, label) => {
    expect(humanizeEnum(value)).toBe(label);
  });
  it('prefers a translation and shows a dash for no value', () => {
    expect(enumLabel({ Charging: 'Lädt' }, 'Charging')).toBe('Lädt');
    expect(enumLabel({ Charging: 'Lädt' }, 'SuspendedEV')).toBe('Suspended EV');
    expect(enumLabel({}, null)).toBe('—');
    expect(enumLabel({}, 'constructor')).toBe('constructor');
    expect(enumLabel({}, 'toString')).toBe('to string');
  });
});
