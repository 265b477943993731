import type { ActorRef, CasualtyFigure, SourceCitation, TargetRef } from '../incident-types';
import { RepeatedCells, countOf, dayOf, decimalOf, digit, frozenList, isEmptyCell, quickIncident, quickSources, type QuickReader } from '../quick-cells';
import { DATE_PREC, UCDP_FORMAT, UCDP_VIOLENCE_TYPES, WHERE_PREC, shownPrecision, ucdpSides } from './ucdp-record';
import { UCDP_SOURCE_ID } from './ucdp-sources';

/** The columns the quick read uses, all of which must be in the header. */
const NEEDED = ['id', 'longitude', 'latitude', 'date_start', 'date_end', 'date_prec', 'where_prec', 'type_of_violence', 'best', 'side_a', 'side_b', 'source_office'] as const;

/**
 * The quick read of a UCDP GED CSV row, for an import that keeps the incidents as columns (where,
 * when, who, what type, which outlets, how many killed) and reads a row in full again only when its
 * story is shown. mapUcdpRecord spends most of a large import building text no column keeps (the
 * title, notes, story, citations' words) and checking cells with patterns made for every oddity.
 *
 * It takes only rows written the plain way UCDP writes them: codes as one digit, coordinates and
 * deaths as plain decimals, dates as YYYY-MM-DD, a non-empty side_a, low ≤ best ≤ high. For those
 * the incident it gives is mapUcdpRecord's in every field the columns and the dataset's tallies read
 * (id, point, date span and precision, place precision, type, actors and targets, outlets,
 * deaths); its text fields are left empty. Any other row (anything mapUcdpRecord would reject, warn
 * about, or read with more care) comes back undefined, and mapUcdpRecord reads it and says what
 * is wrong. The import's tests check the two ways agree, row by row, on real UCDP exports.
 *
 * Undefined for a header without every column it needs: then every row goes the long way.
 */
export function ucdpQuickReader(header: readonly string[]): QuickReader | undefined {
  if (NEEDED.some((name) => !header.includes(name))) return undefined;
  // Positions as plain constants: this runs for every row of a million-row file.
  const [idAt, lngAt, latAt, startAt, endAt, datePrecAt, wherePrecAt, violenceAt, bestAt, sideAAt, sideBAt, officeAt] = NEEDED.map((name) => header.indexOf(name)) as number[];
  const lowAt = header.indexOf('low');
  const highAt = header.indexOf('high');
  // A dyad's parties by side_a, then side_b: one table for one-sided violence (side_b is the target), one for the rest.
  const sides = [new Map<string, RepeatedCells<Sides>>(), new Map<string, RepeatedCells<Sides>>()] as const;
  const outlets = new RepeatedCells<SourceCitation[]>();

  return (cells, row, ids) => {
    const id = cells.cell(idAt!).trim();
    const lng = decimalOf(cells, lngAt!);
    const lat = decimalOf(cells, latAt!);
    const start = dayOf(cells, startAt!);
    const end = dayOf(cells, endAt!);
    const datePrec = DATE_PREC[digit(cells, datePrecAt!)];
    const wherePrec = WHERE_PREC[digit(cells, wherePrecAt!)];
    const violence = UCDP_VIOLENCE_TYPES[digit(cells, violenceAt!)];
    const best = countOf(cells, bestAt!);
    const low = lowAt < 0 || isEmptyCell(cells, lowAt) ? undefined : countOf(cells, lowAt);
    const high = highAt < 0 || isEmptyCell(cells, highAt) ? undefined : countOf(cells, highAt);
    const sideA = cells.cell(sideAAt!).trim();
    if (
      id === '' || !(lng >= -180 && lng <= 180) || !(lat >= -90 && lat <= 90) || start === undefined || end === undefined || end < start
      || !datePrec || !wherePrec || !violence || Number.isNaN(best) || Number.isNaN(low) || Number.isNaN(high)
      || (low !== undefined && low > best) || (high !== undefined && high < best) || sideA === ''
    ) return undefined;

    const oneSided = violence.id === 'one-sided';
    const sideB = cells.cell(sideBAt!).trim();
    const bySideA = sides[oneSided ? 1 : 0];
    let bySideB = bySideA.get(sideA);
    if (!bySideB && bySideA.size < 50_000) bySideA.set(sideA, bySideB = new RepeatedCells());
    let parties = bySideB?.get(sideB);
    if (!parties) {
      parties = ucdpSides(sideA, sideB, oneSided, ids);
      // Frozen only when shared (see quickSources).
      if (bySideB?.keep(sideB, parties)) {
        frozenList(parties.actors);
        frozenList(parties.targets);
      }
    }
    const { actors, targets } = parties;
    const sources = quickSources(cells.cell(officeAt!), ids, outlets, UCDP_SOURCE_ID);
    // Built up rather than spread: spreading into a literal costs more than the rest of the row.
    const killed: CasualtyFigure = { text: '', kind: 'killed', best, source: UCDP_SOURCE_ID, status: 'reported' };
    if (low !== undefined) killed.min = low;
    if (high !== undefined) killed.max = high;
    return quickIncident({
      id, lng, lat, date: { start, end, precision: shownPrecision(start, end, datePrec.precision) }, place: { precision: wherePrec.precision, uncertaintyKm: wherePrec.km },
      eventType: ids.eventType(violence.id, violence.definition), actors, targets,
      casualties: [killed],
      sources, origin: { format: UCDP_FORMAT, row },
    });
  };
}

/** A row's parties, shared by every row with the same sides (RepeatedCells). */
interface Sides {
  actors: ActorRef[];
  targets: TargetRef[];
}
