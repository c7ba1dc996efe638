import { describe, expect, it } from 'vitest';
import { connectorSnapshot } from '../test-support/snapshots.ts';
import { connectorState } from './state-payloads.ts';

describe('the connector state MQTT carries', () => {
  it('keeps the charger’s fault as sent, with its name and what to do in the configured language', () => {
    const connector = connectorSnapshot({ kind: 'fault', fault: { severity: 'fault', type: 'GroundFailure', text: 'Residual current' } });
    expect(connectorState(connector, 'EUR', 'de', null).fault).toEqual({
      severity: 'fault',
      type: 'GroundFailure',
      text: 'Residual current',
      title: 'Fehlerstrom',
      next_step: 'Stecker ziehen und neu einstecken; bleibt die Störung, Installateur anrufen.',
    });
    const warning = connectorSnapshot({ kind: 'charging', fault: { severity: 'warning', type: 'SomethingNew', text: null } });
    expect(connectorState(warning, 'EUR', 'en', null).fault).toEqual({
      severity: 'warning',
      type: 'SomethingNew',
      text: null,
      title: 'Something new',
      next_step: 'Charging goes on. If this keeps coming back, tell your installer.',
    });
    expect(connectorState(connectorSnapshot({ kind: 'available' }), 'EUR', 'en', null).fault).toBeNull();
  });
});
