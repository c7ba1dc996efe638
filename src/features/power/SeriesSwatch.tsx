import type { SeriesStyle } from './series-style.ts';

/** A short sample of a series' line (colour, dash), for the legend and the tooltip. */
export function SeriesSwatch({ style, dashed = style.dashed }: { style: Pick<SeriesStyle, 'color' | 'dashed'>; dashed?: boolean | 'limit' }) {
  return (
    <svg aria-hidden width="22" height="10" viewBox="0 0 22 10" className="power-swatch">
      <line
        x1="1"
        y1="5"
        x2="21"
        y2="5"
        stroke={style.color}
        strokeWidth={dashed === 'limit' ? 2 : 3}
        strokeLinecap="round"
        strokeDasharray={dashed === 'limit' ? '1 5' : dashed ? '6 4' : undefined}
      />
    </svg>
  );
}
