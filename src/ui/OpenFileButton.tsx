import { useRef } from 'react';

interface Props {
  onFile(file: File): void;
}

export const ACCEPTED_FILES = '.geojson,.json,.csv,application/geo+json,application/json,text/csv';

/** "Open a file…": a labelled button over a hidden file input, for GeoJSON, UCDP GED and ACLED files. */
export function OpenFileButton({ onFile }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="header-button" onClick={() => input.current?.click()}>Open a file…</button>
      <input
        ref={input}
        type="file"
        accept={ACCEPTED_FILES}
        aria-label="Open a dataset file (GeoJSON, UCDP GED or ACLED CSV)"
        className="visually-hidden"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = '';
        }}
      />
    </>
  );
}
