import { useRef } from 'react';

interface Props {
  onFile(file: File): void;
  /** The button's text; "Open a file…" unless a particular file is wanted. */
  label?: string;
  className?: string;
}

export const ACCEPTED_FILES = '.geojson,.json,.csv,application/geo+json,application/json,text/csv';

/** "Open a file…": a labelled button over a hidden file input, for GeoJSON, UCDP GED and ACLED files. */
export function OpenFileButton({ onFile, label = 'Open a file…', className = 'header-button' }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={className} onClick={() => input.current?.click()}>{label}</button>
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
