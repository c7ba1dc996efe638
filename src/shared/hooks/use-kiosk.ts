import { useEffect } from 'react';
import { kioskModeOf, type KioskMode } from '../url/kiosk-mode.ts';
import { useSearchParam } from '../url/use-search-params.ts';

export { kioskModeOf, type KioskMode };

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
