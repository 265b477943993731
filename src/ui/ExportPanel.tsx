import { useEffect, useRef, useState } from 'react';
import { formatCount } from '../model/format-count';

/** An export under way (the fraction of its incidents written), or the reason it failed. */
export type ExportState = { format: 'geojson' | 'csv'; fraction: number } | { format: 'geojson' | 'csv'; error: string };

interface Props {
  shown: number;
  total: number;
  onGeoJson(): void;
  onCsv(): void;
  exporting: ExportState | null;
  /** The link to this view, as it is now. */
  link(): string;
  /** The citation line for this view (with its date and link). */
  citation(): string;
  /** The name of the file the dataset came from, when that was the reader's computer: a link can bring back the view, not the file. */
  localFile: string | null;
}

const FORMAT_NAME = { geojson: 'GeoJSON', csv: 'CSV' } as const;

/** Share the view (a link, a citation) or take it out (our GeoJSON format, a spreadsheet). */
export function ExportPanel({ shown, total, onGeoJson, onCsv, exporting, link, citation, localFile }: Props) {
  const [shown_, setShown] = useState<{ kind: 'link' | 'citation'; text: string } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const busy = exporting !== null && !('error' in exporting);
  // The panel may sit at the foot of a scrolled column: the line saying how the export goes is brought into sight.
  const status = useRef<HTMLParagraphElement>(null);
  const started = exporting !== null;
  useEffect(() => {
    if (started) status.current?.scrollIntoView?.({ block: 'nearest' });
  }, [started]);
  const copy = (kind: 'link' | 'citation', text: string) => {
    setShown({ kind, text });
    setCopied(null);
    void navigator.clipboard?.writeText(text).then(() => setCopied(kind), () => setCopied(null));
  };
  return (
    <section className="panel export" aria-labelledby="export-heading">
      <h2 id="export-heading">Share and export</h2>
      <p className="hint">{shown === total ? `All ${formatCount(total)} incidents` : `The ${formatCount(shown)} incidents shown (of ${formatCount(total)})`}, with their sources.</p>
      <div className="export-buttons">
        <button type="button" onClick={() => copy('link', link())}>Copy link</button>
        <button type="button" onClick={() => copy('citation', citation())}>Cite this view</button>
      </div>
      <div className="export-buttons">
        <button type="button" onClick={onGeoJson} disabled={busy}>GeoJSON</button>
        <button type="button" onClick={onCsv} disabled={busy}>CSV</button>
      </div>
      <p ref={status} className={`hint export-status${exporting && 'error' in exporting ? ' export-failed' : ''}`} role="status">
        {exporting === null ? '' : 'error' in exporting
          ? `The ${FORMAT_NAME[exporting.format]} export failed: ${exporting.error}`
          : `Writing the ${FORMAT_NAME[exporting.format]} file… ${Math.floor(exporting.fraction * 100)}%`}
      </p>
      {localFile !== null && (
        <p className="hint export-local-file">
          This dataset is <strong>{localFile}</strong>, opened from your computer, which a link cannot bring. The link and the citation
          name it: whoever opens them sees this view once they open their own copy of {localFile}.
        </p>
      )}
      {shown_ !== null && (
        <div className="citation">
          <label htmlFor="share-text">{shown_.kind === 'link' ? 'Link to this view' : 'Citation'}</label>
          <textarea id="share-text" readOnly value={shown_.text} rows={shown_.kind === 'link' ? 3 : 5} onFocus={(e) => e.target.select()} />
          <p className="hint" role="status">{copied === shown_.kind ? 'Copied to the clipboard.' : 'Select and copy it.'}</p>
        </div>
      )}
    </section>
  );
}
