import { useMemo, useState } from 'react';
import type { Rejection, Warning } from '../data/validate-dataset';
import { formatCount } from '../model/format-count';
import { rejectionCounts, rejectionsByField } from '../model/rejection-summary';

interface Props {
  fileName: string;
  loadedCount: number;
  /** Rows or features in the file: loaded + rejected. */
  featureCount: number;
  /** What the file's items are called: a CSV's rows, a GeoJSON file's features. */
  itemUnit: 'row' | 'feature';
  rejected: readonly Rejection[];
  warnings: readonly Warning[];
  onDownload(): void;
  /** Show the summary even when everything loaded (a file the reader opened: they want to know). */
  showWhenClean: boolean;
}

/** Beyond this many, the list on screen stops and the download has the rest: thousands of DOM rows help no one. */
const SHOWN_LIMIT = 100;
const count = (n: number) => formatCount(n);

/**
 * Says plainly what was not loaded and why, so nothing disappears silently: "16,560 loaded,
 * 6 not loaded", each with its row or feature, field and reason, and the full list as a download.
 */
export function RejectionNotice({ fileName, loadedCount, featureCount, itemUnit: unit, rejected, warnings, onDownload, showWhenClean }: Props) {
  const [open, setOpen] = useState(rejected.length > 0 && rejected.length <= 20);
  // Counted when the details open: a pass over every rejection (a million, for a file wrong throughout).
  const byField = useMemo(() => (open ? rejectionsByField(rejected) : []), [open, rejected]);
  // Worth lines of their own when a field turned away more than one row: else they repeat the list.
  const summed = byField.some(({ rows }) => rows > 1);
  if (rejected.length === 0 && warnings.length === 0) {
    if (!showWhenClean) return null;
    return (
      <section className="notice notice-ok" role="status">
        <p><strong>Loaded.</strong> {fileName}: {count(loadedCount)} of {count(featureCount)} loaded, 0 not loaded.</p>
      </section>
    );
  }
  const { items, definitions } = rejectionCounts(rejected);
  const summary = `${fileName}: ${count(loadedCount)} of ${count(featureCount)} loaded, ${count(items)} not loaded`
    + `${definitions ? `, ${count(definitions)} ${definitions === 1 ? 'definition' : 'definitions'} not loaded` : ''}`
    + `${warnings.length ? `, ${count(warnings.length)} ${warnings.length === 1 ? 'warning' : 'warnings'}` : ''}.`;
  return (
    <section className={`notice ${rejected.length ? 'notice-error' : 'notice-warning'}`} role="status" aria-labelledby="rejection-summary">
      <div className="notice-row">
        <p id="rejection-summary"><strong>{rejected.length ? 'Some data was not loaded.' : 'Loaded, with warnings.'}</strong> {summary}</p>
        <div className="notice-buttons">
          <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} aria-controls="rejection-details">
            {open ? 'Hide details' : 'Show details'}
          </button>
          <button type="button" onClick={onDownload}>Download the list</button>
        </div>
      </div>
      {open && (
        <div id="rejection-details" className="notice-details">
          {summed && (
            <>
              <p className="notice-by-field-title">Not loaded, by the field at fault:</p>
              <ul aria-label="Not loaded, by field">
                {byField.map(({ field, rows }) => <li key={field}><code>{field}</code>: {count(rows)} {rows === 1 ? unit : `${unit}s`}</li>)}
              </ul>
              <p className="notice-by-field-title">{unit === 'row' ? 'Row by row' : 'Feature by feature'}:</p>
            </>
          )}
          {rejected.length > 0 && (
            <ul aria-label="Not loaded">
              {rejected.slice(0, SHOWN_LIMIT).map((r, i) => (
                <li key={i}>
                  <strong>{r.where}</strong> was not loaded:
                  <ul>{r.reasons.map((reason, j) => <li key={j}><code>{reason.field}</code> {reason.message}</li>)}</ul>
                </li>
              ))}
            </ul>
          )}
          {warnings.length > 0 && (
            <ul aria-label="Warnings">
              {warnings.slice(0, SHOWN_LIMIT).map((w, i) => <li key={i}><strong>{w.where}</strong>: {w.message}</li>)}
            </ul>
          )}
          {(rejected.length > SHOWN_LIMIT || warnings.length > SHOWN_LIMIT) && (
            <p className="hint">The first {SHOWN_LIMIT} of each are shown here; the download has them all.</p>
          )}
        </div>
      )}
    </section>
  );
}
