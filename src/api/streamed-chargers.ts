/**
 * Which chargers the page's event stream currently delivers. While a charger is in here its status
 * query fetches nothing by itself (the stream writes it); the page has one stream, so one set.
 */
const streamed = new Set<string>();

export function isStreamed(chargerId: string): boolean {
  return streamed.has(chargerId);
}

export function setStreamed(chargerIds: readonly string[]): void {
  streamed.clear();
  for (const id of chargerIds) streamed.add(id);
}
