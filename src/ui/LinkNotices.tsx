import { OpenFileButton } from './OpenFileButton';

/** A view of `file`, from someone's computer, that the page could not show (see AppState.fileNotice). */
type FileNotice = { file: string; reason: 'link' | 'history' } | { file: string; reason: 'other-file'; opened: string };

interface Props {
  notices: readonly string[];
  file: FileNotice | null;
  onOpenFile(file: File): void;
  onDismiss(): void;
}

/** Parts of the opening link that could not be used, or a view whose file must be opened first: said quietly, once, and dismissable. */
export function LinkNotices({ notices, file, onOpenFile, onDismiss }: Props) {
  const lead = file ? <FileLead notice={file} /> : <p>Some of this link could not be used, so the rest of the view is shown without it:</p>;
  return (
    <div className="notice notice-warning link-notices" role="status">
      <div className="notice-row">
        {lead}
        <button type="button" onClick={onDismiss}>Dismiss</button>
      </div>
      {file && (
        <div className="notice-buttons link-notices-open">
          <OpenFileButton onFile={onOpenFile} label={`Open ${file.file}…`} className="" />
        </div>
      )}
      {file && notices.length > 0 && <p className="link-notices-also">Also, some of the link could not be used:</p>}
      {notices.length > 0 && (
        <ul className="notice-details">
          {notices.map((notice, i) => <li key={i}>{notice}</li>)}
        </ul>
      )}
    </div>
  );
}

/** Why the view is not shown: the file is on someone's computer, and neither a link nor Back/Forward can open it. */
function FileLead({ notice }: { notice: FileNotice }) {
  const file = <strong>{notice.file}</strong>;
  switch (notice.reason) {
    case 'link':
      return <p>This link shows a view of {file}, a file opened from someone’s computer, which a link cannot bring. Open that file to see the view; until then this is the built-in dataset, without the link’s filters.</p>;
    case 'history':
      return <p>Back or Forward went to a view of {file}, a file opened from a computer, which they cannot reopen. Open that file to see that view; until then the map stays as it was.</p>;
    case 'other-file':
      return <p>The view waiting to be shown is of {file}, so <strong>{notice.opened}</strong> opened afresh, without it. Open {file} to see that view.</p>;
  }
}
