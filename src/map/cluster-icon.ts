import { divIcon, type DivIcon } from 'leaflet';

import { svgElement } from './svg-element';

/**
 * A cluster: its count in a disc, ringed by its actors' shares (colour by actor, as the markers).
 * Built as DOM, never from an HTML string. Size grows with the count's digits, not linearly, so
 * big clusters don't cover the map.
 */
export function clusterIcon(count: number, shares: ReadonlyArray<{ colour: string; count: number }>, stack: boolean): DivIcon {
  const size = 30 + Math.min(4, Math.floor(Math.log10(Math.max(1, count)))) * 6;
  const svg = svgElement('svg', { viewBox: '0 0 36 36', width: String(size), height: String(size), 'aria-hidden': 'true', focusable: 'false' });
  const total = shares.reduce((sum, s) => sum + s.count, 0) || 1;
  // Ring segments as dashes on one circle each: circumference 2πr with r = 15.9 ≈ 100 units.
  let offset = 25;
  for (const share of shares) {
    const length = (share.count / total) * 100;
    svg.appendChild(svgElement('circle', {
      cx: '18', cy: '18', r: '15.9155', fill: 'none', stroke: share.colour, 'stroke-width': '4',
      'stroke-dasharray': `${length} ${100 - length}`, 'stroke-dashoffset': String(offset),
    }));
    offset -= length;
  }
  svg.appendChild(svgElement('circle', { cx: '18', cy: '18', r: '13', fill: stack ? '#fff7e0' : '#ffffff', stroke: '#1c2230', 'stroke-width': stack ? '1.2' : '0.6', ...(stack ? { 'stroke-dasharray': '2 1.5' } : {}) }));
  const text = svgElement('text', { x: '18', y: '18', 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': count >= 10_000 ? '8' : '10', 'font-weight': '700', fill: '#1c2230' });
  text.textContent = count >= 10_000 ? `${Math.round(count / 1000)}k` : String(count);
  svg.appendChild(text);
  return divIcon({ html: svg, className: `cluster-marker${stack ? ' is-stack' : ''}`, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
}
