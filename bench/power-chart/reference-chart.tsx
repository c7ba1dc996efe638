/**
 * The reference of the power chart bench: the chart as Recharts' documentation writes one, a
 * `LineChart` over rows of `{ time, connector1, building, cluster }` with a grid, both axes, a
 * tooltip and one `Line` per series, over the same points and at the same size as ours. Two
 * settings differ from Recharts' defaults, both as a developer would choose them for 2,016 points a
 * series, and both make the reference cheaper, never dearer: no dot per point (`dot={false}`) and
 * no entry animation (`isAnimationActive={false}`, else the mount would be 1.5 s of frames).
 */
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ArchivePowerPoint } from '../../src/api/archive-schemas.ts';

export type ReferenceRow = { time: number } & Record<string, number | null>;

/** One row per point the charger sent, a value per measure (null where it sent none). */
export function referenceRows(points: readonly ArchivePowerPoint[], measures: readonly string[]): ReferenceRow[] {
  return points.map((point) => {
    const row: ReferenceRow = { time: point.time };
    for (const m of measures) row[m] = typeof point.kW[m] === 'number' ? point.kW[m] : null;
    return row;
  });
}

const timeOfDay = new Intl.DateTimeFormat('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit' });
const formatTime = (t: number) => timeOfDay.format(t);

const COLOURS: Record<string, string> = { connector1: '#22c55e', building: '#60a5fa', cluster: '#f472b6' };

export function ReferenceChart({ rows, measures, width, height }: { rows: ReferenceRow[]; measures: readonly string[]; width: number; height: number }) {
  return (
    <LineChart width={width} height={height} data={rows}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="time" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={formatTime} />
      <YAxis />
      <Tooltip labelFormatter={(label) => formatTime(Number(label))} />
      {measures.map((m) => (
        <Line key={m} dataKey={m} stroke={COLOURS[m]} dot={false} isAnimationActive={false} />
      ))}
    </LineChart>
  );
}
