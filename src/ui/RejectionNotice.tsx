import { useState } from 'react';
import type { Rejection, Warning } from '../data/validate-dataset';

interface Props {
  fileName: string;
  loadedCount: number;
  featureCount: number;
  rejected: readonly Rejection[];
  warnings: readonly Warning[];
}

/**
 * Says plainly what was not loaded and why, so nothing disappears silently. Shown whenever the
 * dataset had rejections or warnings; the reader can fold it away.
 */
export function RejectionNotice({ fileName, loadedCount, featureCount, rejected, warnings }: Props) {
  const [open, setOpen] = useState(true);
  if (rejected.length === 0 && warnings.length === 0) return null;
  const rejectedFeatures = rejected.filter((r) => r.index !== undefined).length;
  const summary = rejected.length
    ? `${loadedCount} of ${featureCount} incidents loaded from ${fileName}; ${rejected.length} ${rejected.length === 1 ? 'item was' : 'items were'} not loaded${rejectedFeatures !== rejected.length ? ` (${rejectedFeatures} incidents, ${rejected.length - rejectedFeatures} definitions)` : ''}.`
    : `${loadedCount} incidents loaded from ${fileName}, with ${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}.`;
  return (
    <section className={`notice ${rejected.length ? 'notice-error' : 'notice-warning'}`} role="status" aria-labelledby="rejection-summary">
      <div className="notice-row">
        <p id="rejection-summary"><strong>{rejected.length ? 'Some data was not loaded.' : 'Loaded, with warnings.'}</strong> {summary}</p>
        <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} aria-controls="rejection-details">
          {open ? 'Hide details' : 'Show details'}
        </button>
      </div>
      {open && (
        <div id="rejection-details" className="notice-details">
          {rejected.length > 0 && (
            <ul aria-label="Not loaded">
              {rejected.map((r, i) => (
                <li key={i}>
                  <strong>{r.where}</strong> was not loaded:
                  <ul>{r.reasons.map((reason, j) => <li key={j}><code>{reason.field}</code> {reason.message}</li>)}</ul>
                </li>
              ))}
            </ul>
          )}
          {warnings.length > 0 && (
            <ul aria-label="Warnings">
              {warnings.map((w, i) => <li key={i}><strong>{w.where}</strong>: {w.message}</li>)}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
