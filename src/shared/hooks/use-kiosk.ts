import { useEffect } from 'react';
import { useSearchParam } from '../url/use-search-params.ts';

/**
 * `?kiosk=1`: a pinned touch panel. Navigation (Live · History · Garage) stays, settings, theme,
 * language and the chart's range picker go, and the cursor is hidden.
 * `?kiosk=locked`: a display nobody should operate: no controls at all.
 */
export type KioskMode = 'off' | 'touch' | 'locked';

export function kioskModeOf(value: string | null): KioskMode {
  if (value === 'locked') return 'locked';
  return value === '1' || value === 'true' ? 'touch' : 'off';
}

export function useKioskMode(): KioskMode {
  const mode = kioskModeOf(useSearchParam('kiosk'));
  useEffect(() => {
    document.documentElement.classList.toggle('kiosk', mode !== 'off');
  }, [mode]);
  return mode;
}

/** Any kiosk mode: the settings-like controls are hidden. */
export function useKiosk(): boolean {
  return useKioskMode() !== 'off';
}
