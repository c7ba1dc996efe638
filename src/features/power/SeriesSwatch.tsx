import { markerShape } from './chart-paths.ts';
import { limitDash, type SeriesStyle } from './series-style.ts';

/** A short sample of a series' line (colour, dash, marker), for the legend and the tooltip. */
export function SeriesSwatch({ style, limit = false }: { style: Pick<SeriesStyle, 'color' | 'dash'> & Partial<Pick<SeriesStyle, 'marker'>>; limit?: boolean }) {
  return (
    <svg aria-hidden width="30" height="12" viewBox="0 0 30 12" className="power-swatch" data-marker={style.marker}>
      <line
        x1="1"
        y1="6"
        x2="29"
        y2="6"
        stroke={style.color}
        strokeWidth={limit ? 2 : 3}
        strokeLinecap="round"
        strokeDasharray={limit ? limitDash : style.dash}
      />
      {style.marker && !limit ? <path d={markerShape(style.marker, 15, 6, 4)} fill={style.color} stroke="var(--color-panel)" strokeWidth={1.2} /> : null}
    </svg>
  );
}
