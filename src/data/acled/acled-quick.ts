import type { ActorRef, CasualtyFigure, SourceCitation, TargetRef } from '../incident-types';
import { RepeatedCells, countOf, dayOf, decimalOf, digit, frozenList, isEmptyCell, quickIncident, quickSources, type QuickReader } from '../quick-cells';
import { ACLED_FORMAT, ACLED_SOURCE_ID, GEO_PRECISION, TIME_PRECISION, acledActors, acledSpan, readEventType } from './acled-record';

/** The columns the quick read uses, all of which must be in the header (the actor columns may be absent, as in the full mapping). */
const NEEDED = ['event_id_cnty', 'longitude', 'latitude', 'event_date', 'time_precision', 'geo_precision', 'event_type', 'fatalities', 'source'] as const;
const ACTOR_COLUMNS = ['actor1', 'actor2', 'inter1', 'inter2', 'assoc_actor_1', 'assoc_actor_2'] as const;
const JOIN = '\u0001';

/**
 * The quick read of an ACLED CSV row, as ucdp-quick.ts is for UCDP: for a sink that keeps columns
 * and reads a row in full again when it is shown. It takes only rows written the plain way: codes
 * as one digit, coordinates as plain decimals, the date as YYYY-MM-DD (ACLED's older
 * "14 July 2016" goes the full way), fatalities as digits or empty, a non-empty id and event type.
 * For those it gives what mapAcledRecord gives in every field the columns and tallies read; every
 * other row comes back undefined, for mapAcledRecord to read and judge. Undefined for a header
 * without the columns it needs.
 */
export function acledQuickReader(header: readonly string[]): QuickReader | undefined {
  if (NEEDED.some((name) => !header.includes(name))) return undefined;
  const [idAt, lngAt, latAt, dateAt, timePrecAt, geoPrecAt, typeAt, fatalitiesAt, sourceAt] = NEEDED.map((name) => header.indexOf(name)) as number[];
  // The actor columns' positions (-1: absent, read as empty, as the full mapping reads them).
  const actorAt = ACTOR_COLUMNS.map((name) => header.indexOf(name));
  const outlets = new RepeatedCells<SourceCitation[]>();
  // A row's parties by its six actor cells, joined: made once per combination (quick-cells' RepeatedCells).
  const parties = new RepeatedCells<Parties>();
  const cells = ACTOR_COLUMNS.map(() => '');

  return (row, line, ids) => {
    const id = row.cell(idAt!).trim();
    const lng = decimalOf(row, lngAt!);
    const lat = decimalOf(row, latAt!);
    const day = dayOf(row, dateAt!);
    const timePrecision = TIME_PRECISION[digit(row, timePrecAt!) as 1 | 2 | 3];
    const geo = GEO_PRECISION[digit(row, geoPrecAt!)];
    const typeLabel = row.cell(typeAt!).trim();
    const fatalities = isEmptyCell(row, fatalitiesAt!) ? undefined : countOf(row, fatalitiesAt!);
    if (
      id === '' || !(lng >= -180 && lng <= 180) || !(lat >= -90 && lat <= 90) || day === undefined || !timePrecision || !geo
      || typeLabel === '' || Number.isNaN(fatalities)
    ) return undefined;

    for (let k = 0; k < actorAt.length; k++) cells[k] = actorAt[k]! < 0 ? '' : row.cell(actorAt[k]!).trim();
    // Joined with a character no cell holds, so that different cells never make the same key.
    let joinable = true;
    for (let k = 0; k < cells.length; k++) joinable &&= !cells[k]!.includes(JOIN);
    const key = joinable ? cells.join(JOIN) : undefined;
    let sides = key === undefined ? undefined : parties.get(key);
    if (!sides) {
      sides = acledActors((field) => cells[ACTOR_COLUMNS.indexOf(field as typeof ACTOR_COLUMNS[number])] ?? '', ids);
      if (key !== undefined && parties.keep(key, sides)) {
        frozenList(sides.actors);
        frozenList(sides.targets);
      }
    }
    const { actors, targets } = sides;
    const casualties: CasualtyFigure[] = fatalities === undefined ? [] : [{ text: '', kind: 'killed', best: fatalities, source: ACLED_SOURCE_ID, status: 'reported' }];
    const eventType = readEventType(typeLabel, ids);
    const sources = quickSources(row.cell(sourceAt!), ids, outlets);
    // Not spread into the date: a spread cost more than the rest of the row.
    const span = acledSpan(day, timePrecision);
    return quickIncident({
      id, lng, lat, date: { start: span.start, end: span.end, precision: timePrecision }, place: { precision: geo.precision, uncertaintyKm: geo.km },
      eventType, actors, targets, casualties, sources, origin: { format: ACLED_FORMAT, row: line },
    });
  };
}

/** A row's parties, shared by every row with the same actor cells. */
interface Parties {
  actors: ActorRef[];
  targets: TargetRef[];
}
