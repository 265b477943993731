import type { TimeRange } from '../model/incident-filter';
import { formatDay } from '../model/timeline';

interface Props {
  range: TimeRange;
  onClear(): void;
}

/**
 * A time range set on a dataset with no dates (from a link, or Back): there is no timeline to show
 * it on, yet it hides every incident, since undated ones are left out while a range is set. Said
 * where the timeline would be, with the way out beside it.
 */
export function UndatedRange({ range, onClear }: Props) {
  return (
    <section className="undated-range" aria-label="Time">
      <p>
        Time range {formatDay(range.start)} – {formatDay(range.end)} is set, but no incident here has a date,
        so none is shown while it is.
      </p>
      <button type="button" onClick={onClear}>Clear the time range</button>
    </section>
  );
}
