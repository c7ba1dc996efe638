/** Parameters that follow the user from view to view; filters and ranges belong to one view. */
const STICKY = ['charger', 'lang', 'kiosk', 'theme'] as const;

export function hrefWithStickyParams(path: string, search: string, overrides: Record<string, string | null> = {}): string {
  const current = new URLSearchParams(search);
  const next = new URLSearchParams();
  for (const key of STICKY) {
    const value = key in overrides ? overrides[key] : current.get(key);
    if (value) next.set(key, value);
  }
  const query = next.toString();
  return `${path}${query ? `?${query}` : ''}`;
}
