import { describe, expect, it } from 'vitest';
import type { NotificationEvent } from './notification-events.ts';
import { notificationPayload, renderNotification } from './notification-text.ts';

const base = { chargerId: 'platz1', chargerName: 'Platz 1', at: '2026-06-15T17:30:00.000Z' };
const fault = (severity: 'fault' | 'warning', faultType: string | null, faultText: string | null): NotificationEvent => ({ kind: 'fault', ...base, connector: '1', severity, faultType, faultText });
const unreachable = (code: string, message: string): NotificationEvent => ({ kind: 'unreachable', ...base, since: base.at, minutes: 10, code, message });

describe('the words of a notification', () => {
  it('names a fault, keeps the charger’s own text and says what to do, in English and German', () => {
    const event = fault('fault', 'GroundFailure', 'Residual current detected');
    expect(renderNotification(event, 'en')).toMatchObject({
      title: 'Fault: Earth fault – Platz 1',
      message: 'Connector 1: Earth fault (Residual current detected). Unplug the car and plug it in again; if the fault stays, call your installer.',
    });
    expect(renderNotification(event, 'de')).toMatchObject({
      title: 'Störung: Fehlerstrom – Platz 1',
      message: 'Ladepunkt 1: Fehlerstrom (Residual current detected). Stecker ziehen und neu einstecken; bleibt die Störung, Installateur anrufen.',
    });
    // The webhook and MQTT event keep the charger's raw values beside the words.
    expect(notificationPayload(event, renderNotification(event, 'de'), 'de')).toMatchObject({ fault_type: 'GroundFailure', fault_text: 'Residual current detected', severity: 'fault' });
  });

  it('tells a warning calmly, a type it does not know in its own words, a fault without a type by its word', () => {
    expect(renderNotification(fault('warning', 'HighTemperature', null), 'de')).toMatchObject({
      title: 'Warnung: Ladestation zu heiß – Platz 1',
      message: 'Ladepunkt 1: Ladestation zu heiß. Das Laden läuft weiter, evtl. langsamer, bis die Ladestation abgekühlt ist.',
    });
    expect(renderNotification(fault('fault', 'WATER_IN_SOCKET', null), 'de').message).toBe('Ladepunkt 1: WATER IN SOCKET. Bleibt die Störung, Installateur anrufen.');
    expect(renderNotification(fault('fault', null, null), 'en')).toMatchObject({ title: 'Fault – Platz 1', message: 'Connector 1: Fault. If the fault stays, call your installer.' });
  });

  it('says why a charger is unreachable in the language’s words, and leaves out a reason German does not know', () => {
    expect(renderNotification(unreachable('charger_timeout', 'the charger did not answer within 5 s'), 'en').message).toBe('No answer for 10 min (the charger did not answer within 5 s).');
    expect(renderNotification(unreachable('charger_timeout', 'the charger did not answer within 5 s'), 'de').message).toBe('Seit 10 Min. keine Antwort (die Ladestation hat nicht innerhalb von 5 s geantwortet).');
    expect(renderNotification(unreachable('charger_unreachable', 'something new went wrong'), 'de').message).toBe('Seit 10 Min. keine Antwort.');
  });
});
