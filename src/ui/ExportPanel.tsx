import { useRef, useState } from 'react';
import { formatCount } from '../model/format-count';

type Format = 'geojson' | 'csv';

/** An export under way (the fraction of its incidents written), written (the file's name), or failed (why). */
export type ExportState = { format: Format; fraction: number } | { format: Format; savedAs: string } | { format: Format; error: string };

interface Props {
  shown: number;
  total: number;
  /** Writes the shown incidents as a file and hands it to the browser's download (not while one is written). */
  onExport(format: Format): void;
  /** The last export asked for, and how it went. */
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
export function ExportPanel({ shown, total, onExport, exporting, link, citation, localFile }: Props) {
  const [shown_, setShown] = useState<{ kind: 'link' | 'citation'; text: string } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const busy = exporting !== null && 'fraction' in exporting;
  const nothing = shown === 0;
  // The panel may sit at the foot of a scrolled column: the line saying how the export goes is brought into sight.
  const status = useRef<HTMLDivElement>(null);
  const startExport = (format: Format) => {
    // aria-disabled rather than disabled: a disabled button would drop the keyboard's focus.
    if (busy || nothing) return;
    status.current?.scrollIntoView?.({ block: 'nearest' });
    onExport(format);
  };
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
        <button type="button" onClick={() => startExport('geojson')} aria-disabled={busy || nothing}>GeoJSON</button>
        <button type="button" onClick={() => startExport('csv')} aria-disabled={busy || nothing}>CSV</button>
      </div>
      <div ref={status} className="export-status">
        {/* Said politely, and only every tenth: a screen reader reading out each part would never stop. */}
        <p className="hint" role="status">
          {nothing && !busy ? 'Nothing is shown, so there is nothing to export: widen the filters.' : exporting === null || 'error' in exporting ? '' : 'savedAs' in exporting
            ? `The ${FORMAT_NAME[exporting.format]} file is written: your browser saves it as ${exporting.savedAs}.`
            : `Writing the ${FORMAT_NAME[exporting.format]} file… ${10 * Math.floor(exporting.fraction * 10)}%`}
        </p>
        {/* An alert is read out as it appears. */}
        {exporting !== null && 'error' in exporting && (
          <p className="hint export-failed" role="alert">The {FORMAT_NAME[exporting.format]} export failed: {exporting.error}</p>
        )}
      </div>
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
