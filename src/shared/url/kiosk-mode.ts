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

/**
 * Whether the page was opened as a kiosk display, read from its address as it is now. For code
 * outside React (the one write, src/api/http.ts), which must not rely on a control being hidden.
 */
export function isKioskPage(search: string = globalThis.location?.search ?? ''): boolean {
  return kioskModeOf(new URLSearchParams(search).get('kiosk')) !== 'off';
}
