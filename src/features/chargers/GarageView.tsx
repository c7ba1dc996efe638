import type { ChargerInfo } from '../../api/server-schemas.ts';

/** Placeholder until the garage overview lands (issue 7). */
export function GarageView({ chargers }: { chargers: ChargerInfo[] }) {
  return <p className="p-6 text-muted">{chargers.length} chargers</p>;
}
