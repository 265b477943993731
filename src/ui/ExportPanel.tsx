import { useState } from 'react';

interface Props {
  shown: number;
  total: number;
  onGeoJson(): void;
  onCsv(): void;
  /** The citation line for this view. */
  citation(): string;
}

/** Take the current view out: as our GeoJSON format, as a spreadsheet, or as a line to cite. */
export function ExportPanel({ shown, total, onGeoJson, onCsv, citation }: Props) {
  const [cite, setCite] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  return (
    <section className="panel export" aria-labelledby="export-heading">
      <h2 id="export-heading">Export this view</h2>
      <p className="hint">{shown === total ? `All ${total.toLocaleString('en-GB')} incidents` : `The ${shown.toLocaleString('en-GB')} incidents shown (of ${total.toLocaleString('en-GB')})`}, with their sources.</p>
      <div className="export-buttons">
        <button type="button" onClick={onGeoJson}>GeoJSON</button>
        <button type="button" onClick={onCsv}>CSV</button>
        <button type="button" onClick={() => { setCite(citation()); setCopied(false); }} aria-expanded={cite !== null}>Cite</button>
      </div>
      {cite !== null && (
        <div className="citation">
          <label htmlFor="citation-text">Citation</label>
          <textarea id="citation-text" readOnly value={cite} rows={5} onFocus={(e) => e.target.select()} />
          <button
            type="button"
            onClick={() => navigator.clipboard?.writeText(cite).then(() => setCopied(true), () => setCopied(false))}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      )}
    </section>
  );
}
