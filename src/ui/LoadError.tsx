interface Props {
  fileName: string;
  message: string;
}

/** An unreadable dataset gets a plain message, never a blank page. */
export function LoadError({ fileName, message }: Props) {
  return (
    <section className="load-error" role="alert" aria-labelledby="load-error-title">
      <h2 id="load-error-title">The dataset could not be opened</h2>
      <p>{message}</p>
      <p className="hint">File: {fileName}. Check that it is a GeoJSON FeatureCollection in the format described in data/README.md.</p>
    </section>
  );
}
