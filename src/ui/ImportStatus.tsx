interface Props {
  job: { fileName: string; phase: 'reading' | 'parsing' | 'indexing'; fraction: number | undefined; cancel(): void } | null;
  error: { fileName: string; message: string } | null;
  onDismissError(): void;
}

const PHASE_LABEL = { reading: 'Reading', parsing: 'Checking', indexing: 'Indexing' } as const;

/** Progress of an import, with Cancel; or why the last one failed (the map keeps what it had). */
export function ImportStatus({ job, error, onDismissError }: Props) {
  if (job) {
    const percent = job.fraction === undefined ? undefined : Math.round(job.fraction * 100);
    const label = `${PHASE_LABEL[job.phase]} ${job.fileName}`;
    return (
      <section className="import-status" aria-label="Import progress">
        <label>
          <span>{label}{percent !== undefined ? ` — ${percent}%` : '…'}</span>
          <progress max={100} value={percent} aria-label={label} />
        </label>
        <button type="button" onClick={job.cancel}>Cancel</button>
      </section>
    );
  }
  if (error) {
    return (
      <section className="notice notice-error" role="alert">
        <div className="notice-row">
          <p><strong>{error.fileName} could not be opened.</strong> {error.message}</p>
          <button type="button" onClick={onDismissError}>Dismiss</button>
        </div>
      </section>
    );
  }
  return null;
}
