import { limitDash, type SeriesStyle } from './series-style.ts';

/** A short sample of a series' line (colour, dash), for the legend and the tooltip. */
export function SeriesSwatch({ style, limit = false }: { style: Pick<SeriesStyle, 'color' | 'dash'>; limit?: boolean }) {
  return (
    <svg aria-hidden width="26" height="10" viewBox="0 0 26 10" className="power-swatch">
      <line
        x1="1"
        y1="5"
        x2="25"
        y2="5"
        stroke={style.color}
        strokeWidth={limit ? 2 : 3}
        strokeLinecap="round"
        strokeDasharray={limit ? limitDash : style.dash}
      />
    </svg>
  );
}
