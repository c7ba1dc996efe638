import { describe, expect, it } from 'vitest';
import { chooseCharger } from './charger-choice.ts';

const list = (...ids: string[]) => ids.map((id) => ({ id, name: id, simulated: false }));

describe('chooseCharger', () => {
  it('the live view is about the charger asked for, else the only one; it streams just that one', () => {
    expect(chooseCharger('/', 'platz5', list('platz4', 'platz5'))).toMatchObject({ charger: { id: 'platz5' }, hasChargerParam: true, liveChargerIds: ['platz5'] });
    expect(chooseCharger('/', null, list('platz13'))).toMatchObject({ charger: { id: 'platz13' }, hasChargerParam: false, liveChargerIds: ['platz13'] });
  });

  it('`/` without a charger among several is the garage: every charger is streamed', () => {
    expect(chooseCharger('/', null, list('platz4', 'platz5')).liveChargerIds).toEqual(['platz4', 'platz5']);
    expect(chooseCharger('/garage', 'platz4', list('platz4', 'platz5')).liveChargerIds).toEqual(['platz4', 'platz5']);
  });

  it('an unknown charger is none; on the garage it is dropped', () => {
    expect(chooseCharger('/', 'gone', list('platz4'))).toMatchObject({ charger: undefined, liveChargerIds: [], dropUnknownOnGarage: false });
    expect(chooseCharger('/garage', 'gone', list('platz4'))).toMatchObject({ dropUnknownOnGarage: true });
  });

  it('`all` is the combined history on the sessions page, and no charger elsewhere; history pages stream nothing', () => {
    expect(chooseCharger('/sessions', 'all', list('platz4', 'platz5'))).toMatchObject({ combined: true, liveChargerIds: [] });
    expect(chooseCharger('/', 'all', list('platz4', 'platz5'))).toMatchObject({ combined: false, hasChargerParam: false, charger: { id: 'platz4' } });
  });
});
