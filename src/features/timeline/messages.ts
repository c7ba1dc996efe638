import { defineMessages, type Lang } from '../../shared/i18n/i18n.tsx';

export const timelineMessages = defineMessages({
  en: {
    title: 'Today',
    label: 'What happened today',
    nothing: 'Nothing has happened today yet.',
    loading: 'Loading today’s events…',
    failed: 'Today’s events could not be loaded.',
    connector: (n: number) => `Connector ${n}`,
    fromCharger: 'partly from the charger',
  },
  de: {
    title: 'Heute',
    label: 'Was heute geschah',
    nothing: 'Heute ist noch nichts passiert.',
    loading: 'Heutige Ereignisse werden geladen…',
    failed: 'Die heutigen Ereignisse konnten nicht geladen werden.',
    connector: (n: number) => `Ladepunkt ${n}`,
    fromCharger: 'teilweise von der Ladestation',
  },
});

/** The event kinds in words; a kind we do not know is humanized (a newer server may add some). */
export const eventLabels: Record<Lang, Partial<Record<string, string>>> = {
  en: {
    plugged_in: 'plugged in',
    charging: 'charging',
    suspended_ev: 'paused by car',
    suspended_evse: 'paused by charger',
    finished: 'finished',
    unplugged: 'unplugged',
    reserved: 'reserved',
    unavailable: 'unavailable',
    fault: 'fault',
    fault_cleared: 'fault cleared',
    unreachable: 'charger unreachable',
    reachable: 'charger back',
    load_guard_disconnected: 'load guard meter disconnected',
    load_guard_connected: 'load guard meter back',
  },
  de: {
    plugged_in: 'angesteckt',
    charging: 'lädt',
    suspended_ev: 'vom Auto pausiert',
    suspended_evse: 'von der Ladestation pausiert',
    finished: 'beendet',
    unplugged: 'abgesteckt',
    reserved: 'reserviert',
    unavailable: 'nicht verfügbar',
    fault: 'Störung',
    fault_cleared: 'Störung behoben',
    unreachable: 'Ladestation nicht erreichbar',
    reachable: 'Ladestation wieder erreichbar',
    load_guard_disconnected: 'Zähler des Lastwächters getrennt',
    load_guard_connected: 'Zähler des Lastwächters wieder verbunden',
  },
};
