import type { ChargerInfo } from '../../api/server-schemas.ts';

/** Placeholder until the sessions feature lands (issue 4). */
export function SessionsView({ chargers }: { chargers: ChargerInfo[]; pricing: { pricePerKwh: number | null; currency: string } }) {
  return <p className="p-6 text-muted">Sessions of {chargers.map((c) => c.name).join(', ')}</p>;
}
