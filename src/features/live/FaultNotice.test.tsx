/** @vitest-environment jsdom */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorFault } from '../../../contract/snapshot.ts';
import { LocaleProvider, type Lang } from '../../shared/i18n/i18n.tsx';
import { FaultNoticeLoader } from './FaultNoticeLoader.tsx';

afterEach(cleanup);

function show(fault: ConnectorFault, lang: Lang) {
  render(
    <LocaleProvider value={{ lang, locale: lang === 'de' ? 'de-DE' : 'en-GB' }}>
      <FaultNoticeLoader fault={fault} label={lang === 'de' ? 'Störung' : 'Fault'} />
    </LocaleProvider>,
  );
}

describe('FaultNotice', () => {
  it('shows the severity and the charger’s text while its words load', () => {
    show({ severity: 'fault', type: 'GroundFailure', text: 'Residual current' }, 'en');
    // The first test: before the lazy part has ever loaded: the stand-in, in the same box.
    const box = screen.getByRole('alert');
    expect(box.textContent).toBe('FaultResidual current');
  });
  it('says what the fault is, keeps the charger’s own text, and says what to do', async () => {
    show({ severity: 'fault', type: 'GroundFailure', text: 'Residual current detected (RCD)' }, 'en');
    const notice = await screen.findByTestId('fault-notice');
    expect(notice.getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('fault-title').textContent).toBe('Fault: Earth fault');
    expect(screen.getByTestId('fault-detail').textContent).toBe('Residual current detected (RCD)');
    expect(screen.getByTestId('fault-next-step').textContent).toBe('Unplug the car and plug it in again; if the fault stays, call your installer.');
  });

  it('speaks German on a German page, and tells a warning more calmly', async () => {
    show({ severity: 'warning', type: 'HIGH_TEMPERATURE', text: null }, 'de');
    const notice = await screen.findByTestId('fault-notice');
    expect(notice.getAttribute('data-severity')).toBe('warning');
    expect(screen.getByTestId('fault-title').textContent).toBe('Warnung: Ladestation zu heiß');
    expect(screen.queryByTestId('fault-detail')).toBeNull();
    expect(screen.getByTestId('fault-next-step').textContent).toBe('Das Laden läuft weiter, evtl. langsamer, bis die Ladestation abgekühlt ist.');
  });

  it('shows a type it does not know in its own words, and a fault without a type by its severity', async () => {
    show({ severity: 'fault', type: 'WaterInConnector', text: null }, 'de');
    expect((await screen.findByTestId('fault-title')).textContent).toBe('Störung: Water in connector');
    expect(screen.getByTestId('fault-next-step').textContent).toBe('Bleibt die Störung, Installateur anrufen.');
    cleanup();
    show({ severity: 'fault', type: null, text: 'Contactor welded' }, 'en');
    expect((await screen.findByTestId('fault-title')).textContent).toBe('Fault');
    expect(screen.getByTestId('fault-detail').textContent).toBe('Contactor welded');
  });

});
