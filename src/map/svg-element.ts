const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with its attributes, built as DOM (never from an HTML string). */
export function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}
