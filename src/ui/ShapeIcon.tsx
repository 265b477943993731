import type { MarkerShape } from '../data/incident-types';
import { SHAPE_PATHS } from '../model/marker-shapes';

interface Props {
  shape: MarkerShape;
  fill?: string;
  size?: number;
  dashed?: boolean;
}

/** The same shapes the map draws, for legends and lists. Decorative: the text beside it names it. */
export function ShapeIcon({ shape, fill = '#5b6170', size = 18, dashed = false }: Props) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false" className="shape-icon">
      <path
        d={SHAPE_PATHS[shape]}
        fill={fill}
        fillOpacity={dashed ? 0.55 : 1}
        stroke={dashed ? '#111111' : '#ffffff'}
        strokeWidth={1.8}
        strokeDasharray={dashed ? '2.5 1.8' : undefined}
        strokeLinejoin="round"
      />
    </svg>
  );
}
