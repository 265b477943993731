import { useEffect, useRef } from 'react';
import type { DatasetMetadata } from '../data/incident-types';

interface Props {
  metadata: DatasetMetadata;
  incidentCount: number;
  onClose(): void;
}

/** "About this dataset": its description, provenance, licence and the digest's recommended reads. */
export function AboutDataset({ metadata, incidentCount, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(function openAsModal() {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="about-dialog" aria-labelledby="about-title" onClose={onClose}>
      <h2 id="about-title">About this dataset</h2>
      <h3>{metadata.title}</h3>
      {metadata.description.split(/\n{2,}/).map((paragraph, i) => <p key={i}>{paragraph}</p>)}
      <dl className="facts">
        <dt>Incidents</dt><dd>{incidentCount}</dd>
        {metadata.digestDate && <><dt>Digest date</dt><dd>{metadata.digestDate}</dd></>}
        <dt>Attribution</dt><dd>{metadata.attribution}</dd>
        <dt>Licence</dt><dd>{metadata.licence}</dd>
      </dl>
      {metadata.recommendedReads && (
        <>
          <h3>Recommended reads (from the digest)</h3>
          <ul>
            {metadata.recommendedReads.map((read, i) => (
              <li key={i}>
                <span className="source-name">{read.outlet}</span>:{' '}
                {read.url ? <a href={read.url} target="_blank" rel="noopener noreferrer">{read.title}</a> : read.title}
              </li>
            ))}
          </ul>
        </>
      )}
      <form method="dialog">
        <button type="submit" autoFocus>Close</button>
      </form>
    </dialog>
  );
}
