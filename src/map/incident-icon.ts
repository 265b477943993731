import { divIcon, type DivIcon } from 'leaflet';
import type { MarkerShape } from '../data/incident-types';
import { SHAPE_PATHS } from '../model/marker-shapes';

import { svgElement } from './svg-element';

export interface IncidentIconOptions {
  /** Stable id, used to give the SVG gradient a unique id in the document. */
  id: string;
  /** One colour per acting party: the shape is filled in equal bands, left to right. */
  colours: readonly string[];
  shape: MarkerShape;
  /** Drawn hollow-ish with a dashed outline: the event is only claimed. */
  claimed: boolean;
  selected: boolean;
  /** Pixels to shift the icon from its point, when several incidents share the point. */
  offset?: readonly [number, number];
}

/**
 * A marker icon built as DOM (never from an HTML string): colour says who acted, shape says what
 * happened, a dashed outline says it is only claimed.
 */
export function incidentIcon({ id, colours, shape, claimed, selected, offset = [0, 0] }: IncidentIconOptions): DivIcon {
  const size = selected ? 34 : 26;
  const svg = svgElement('svg', { viewBox: '0 0 24 24', width: String(size), height: String(size), 'aria-hidden': 'true', focusable: 'false' });

  const fill = colours.length > 1 ? `url(#${appendBands(svg, `cm-bands-${cssSafe(id)}`, colours)})` : (colours[0] ?? '#777777');
  if (selected) svg.appendChild(pathOf(shape, { fill: 'none', stroke: '#111111', 'stroke-width': '5' }));
  svg.appendChild(pathOf(shape, {
    fill,
    'fill-opacity': claimed ? '0.55' : '1',
    stroke: claimed ? '#111111' : '#ffffff',
    'stroke-width': '1.8',
    ...(claimed ? { 'stroke-dasharray': '2.5 1.8' } : {}),
  }));

  return divIcon({
    html: svg,
    className: `incident-marker${selected ? ' is-selected' : ''}`,
    iconSize: [size, size],
    iconAnchor: [size / 2 - offset[0], size / 2 - offset[1]],
  });
}

function pathOf(shape: MarkerShape, attributes: Record<string, string>): SVGPathElement {
  return svgElement('path', { d: SHAPE_PATHS[shape], 'stroke-linejoin': 'round', ...attributes });
}

/** Hard-stopped gradient: equal vertical bands, one per actor colour. */
function appendBands(svg: SVGSVGElement, gradientId: string, colours: readonly string[]): string {
  const defs = svgElement('defs', {});
  const gradient = svgElement('linearGradient', { id: gradientId });
  colours.forEach((colour, i) => {
    for (const offset of [i / colours.length, (i + 1) / colours.length]) {
      gradient.appendChild(svgElement('stop', { offset: String(offset), 'stop-color': colour }));
    }
  });
  defs.appendChild(gradient);
  svg.appendChild(defs);
  return gradientId;
}

function cssSafe(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_');
}
