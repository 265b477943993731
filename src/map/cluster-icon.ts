import { divIcon, type DivIcon } from 'leaflet';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A cluster: its count in a disc, ringed by its actors' shares (colour by actor, as the markers).
 * Built as DOM, never from an HTML string. Size grows with the count's digits, not linearly, so
 * big clusters don't cover the map.
 */
export function clusterIcon(count: number, shares: ReadonlyArray<{ colour: string; count: number }>, stack: boolean): DivIcon {
  const size = 30 + Math.min(4, Math.floor(Math.log10(Math.max(1, count)))) * 6;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 36 36');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const total = shares.reduce((sum, s) => sum + s.count, 0) || 1;
  // Ring segments as dashes on one circle each: circumference 2πr with r = 15.9 ≈ 100 units.
  let offset = 25;
  for (const share of shares) {
    const length = (share.count / total) * 100;
    const ring = document.createElementNS(SVG_NS, 'circle');
    for (const [name, value] of Object.entries({
      cx: '18', cy: '18', r: '15.9155', fill: 'none', stroke: share.colour, 'stroke-width': '4',
      'stroke-dasharray': `${length} ${100 - length}`, 'stroke-dashoffset': String(offset),
    })) ring.setAttribute(name, value);
    svg.appendChild(ring);
    offset -= length;
  }
  const disc = document.createElementNS(SVG_NS, 'circle');
  for (const [name, value] of Object.entries({ cx: '18', cy: '18', r: '13', fill: stack ? '#fff7e0' : '#ffffff', stroke: '#1c2230', 'stroke-width': stack ? '1.2' : '0.6', ...(stack ? { 'stroke-dasharray': '2 1.5' } : {}) })) {
    disc.setAttribute(name, value);
  }
  svg.appendChild(disc);
  const text = document.createElementNS(SVG_NS, 'text');
  for (const [name, value] of Object.entries({ x: '18', y: '18', 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': count >= 10_000 ? '8' : '10', 'font-weight': '700', fill: '#1c2230' })) {
    text.setAttribute(name, value);
  }
  text.textContent = count >= 10_000 ? `${Math.round(count / 1000)}k` : String(count);
  svg.appendChild(text);
  return divIcon({ html: svg, className: `cluster-marker${stack ? ' is-stack' : ''}`, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
}
