import type { MarkerShape } from '../data/incident-types';

/**
 * SVG path data for each marker shape in a 24×24 box, used by the map markers and the legend alike,
 * so that the legend always matches the map. Shapes are a second channel besides colour.
 */
export const SHAPE_PATHS: Record<MarkerShape, string> = {
  circle: 'M12 3a9 9 0 1 0 0.001 0Z',
  square: 'M4 4h16v16H4Z',
  triangle: 'M12 2.5 22 20.5H2Z',
  diamond: 'M12 1.5 22.5 12 12 22.5 1.5 12Z',
  star: 'M12 1.5l3 7.2 7.8.6-6 5.1 1.9 7.6L12 17.9 5.3 22l1.9-7.6-6-5.1 7.8-.6Z',
  hexagon: 'M12 2 20.7 7v10L12 22 3.3 17V7Z',
};
