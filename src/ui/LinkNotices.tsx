interface Props {
  notices: readonly string[];
  onDismiss(): void;
}

/** Parts of the opening link that could not be used: said quietly, once, and dismissable. */
export function LinkNotices({ notices, onDismiss }: Props) {
  return (
    <div className="notice notice-warning link-notices" role="status">
      <div className="notice-row">
        <p>Some of this link could not be used, so the rest of the view is shown without it:</p>
        <button type="button" onClick={onDismiss}>Dismiss</button>
      </div>
      <ul className="notice-details">
        {notices.map((notice, i) => <li key={i}>{notice}</li>)}
      </ul>
    </div>
  );
}
