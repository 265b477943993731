import { divIcon, type DivIcon } from 'leaflet';

import { svgElement } from './svg-element';

export interface Share {
  colour: string;
  count: number;
}

/** A cluster's size on screen, px: it grows with the count's digits, not linearly, so big clusters don't cover the map. */
export function clusterSize(count: number): number {
  return 30 + Math.min(4, Math.floor(Math.log10(Math.max(1, count)))) * 6;
}

/**
 * A cluster's picture: its count in a disc, ringed by its actors' shares (colour by actor, as the
 * markers). Built as DOM, never from an HTML string, and drawn again in place when the count or
 * the shares change (a filter, a timeline scrub): attributes change, rather than Leaflet swapping
 * in a new icon for each of a few hundred markers on every step of a scrub.
 */
export class ClusterGlyph {
  /** What the marker shows: the rings and disc (SVG), and over them the count, as HTML text. */
  readonly element: HTMLDivElement;
  readonly svg: SVGSVGElement;
  private readonly ring: SVGGElement;
  /**
   * The count is an HTML span, not SVG text: laying out a view's few hundred SVG <text> elements
   * took Chromium ~25 ms (FindSvgTextChunks) in the frame that first showed 100,000 incidents.
   */
  private readonly count: HTMLSpanElement;

  constructor(readonly size: number, readonly stack: boolean) {
    this.element = document.createElement('div');
    this.element.className = 'cluster-glyph';
    this.svg = svgElement('svg', { viewBox: '0 0 36 36', width: String(size), height: String(size), 'aria-hidden': 'true', focusable: 'false' });
    this.ring = svgElement('g', {});
    this.svg.appendChild(this.ring);
    this.svg.appendChild(svgElement('circle', { cx: '18', cy: '18', r: '13', fill: stack ? '#fff7e0' : '#ffffff', stroke: '#1c2230', 'stroke-width': stack ? '1.2' : '0.6', ...(stack ? { 'stroke-dasharray': '2 1.5' } : {}) }));
    this.count = document.createElement('span');
    this.count.className = 'cluster-count';
    this.count.setAttribute('aria-hidden', 'true');
    this.element.append(this.svg, this.count);
  }

  draw(count: number, shares: readonly Share[]): void {
    const total = shares.reduce((sum, s) => sum + s.count, 0) || 1;
    // Ring segments as dashes on one circle each: circumference 2πr with r = 15.9 ≈ 100 units.
    // The circles there are reused, so a change of numbers changes attributes, not elements.
    while (this.ring.childNodes.length > shares.length) this.ring.lastChild!.remove();
    while (this.ring.childNodes.length < shares.length) this.ring.appendChild(svgElement('circle', { cx: '18', cy: '18', r: '15.9155', fill: 'none', 'stroke-width': '4' }));
    let offset = 25;
    shares.forEach((share, k) => {
      const length = (share.count / total) * 100;
      const circle = this.ring.childNodes[k] as SVGCircleElement;
      circle.setAttribute('stroke', share.colour);
      circle.setAttribute('stroke-dasharray', `${length} ${100 - length}`);
      circle.setAttribute('stroke-dashoffset', String(offset));
      offset -= length;
    });
    // 10 (8 for "12k") of the picture's 36 units, as px at its size on screen.
    this.count.style.fontSize = `${((count >= 10_000 ? 8 : 10) * this.size) / 36}px`;
    this.count.textContent = count >= 10_000 ? `${Math.round(count / 1000)}k` : String(count);
  }
}

/** The Leaflet icon that shows a glyph: one per glyph, so Leaflet keeps the marker's element while the glyph is drawn again. */
export function clusterIcon(glyph: ClusterGlyph): DivIcon {
  const { size, stack } = glyph;
  return divIcon({ html: glyph.element, className: `cluster-marker${stack ? ' is-stack' : ''}`, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
}
