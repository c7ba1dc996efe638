/** Placeholder until the power chart lands (issue 5). */
export function PowerChartPanel({ chargerId }: { chargerId: string }) {
  return <p className="p-6 text-muted">Power profile of {chargerId}</p>;
}
