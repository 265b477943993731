import type { SourceCitation } from '../incident-types';
import { digit, plainCount, plainDay, plainDecimal, quickIncident, type QuickReader } from '../quick-cells';
import { distinctNames, splitList } from '../record-cells';
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

  return (values, row, ids) => {
    const id = values[idAt!]!.trim();
    const lng = plainDecimal(values[lngAt!]!);
    const lat = plainDecimal(values[latAt!]!);
    const start = plainDay(values[startAt!]!);
    const end = plainDay(values[endAt!]!);
    const datePrec = DATE_PREC[digit(values[datePrecAt!]!)];
    const wherePrec = WHERE_PREC[digit(values[wherePrecAt!]!)];
    const violence = UCDP_VIOLENCE_TYPES[digit(values[violenceAt!]!)];
    const best = plainCount(values[bestAt!]!);
    const low = lowAt < 0 || values[lowAt] === '' ? undefined : plainCount(values[lowAt]!);
    const high = highAt < 0 || values[highAt] === '' ? undefined : plainCount(values[highAt]!);
    const sideA = values[sideAAt!]!.trim();
    if (
      id === '' || !(lng >= -180 && lng <= 180) || !(lat >= -90 && lat <= 90) || start === undefined || end === undefined || end < start
      || !datePrec || !wherePrec || !violence || Number.isNaN(best) || Number.isNaN(low) || Number.isNaN(high)
      || (low !== undefined && low > best) || (high !== undefined && high < best) || sideA === ''
    ) return undefined;

    const { actors, targets } = ucdpSides(sideA, values[sideBAt!]!.trim(), violence.id === 'one-sided', ids);
    const sources: SourceCitation[] = distinctNames(splitList(values[officeAt!]!.trim()))
      .map((office) => ({ source: ids.outlet(office), status: 'reported' }));
    if (sources.length === 0) sources.push({ source: UCDP_SOURCE_ID, status: 'reported' });
    return quickIncident({
      id, lng, lat, date: { start, end, precision: shownPrecision(start, end, datePrec.precision) }, place: { precision: wherePrec.precision, uncertaintyKm: wherePrec.km },
      eventType: ids.eventType(violence.id, violence.definition), actors, targets,
      casualties: [{ text: '', kind: 'killed', best, ...(low !== undefined ? { min: low } : {}), ...(high !== undefined ? { max: high } : {}), source: UCDP_SOURCE_ID, status: 'reported' }],
      sources, origin: { format: UCDP_FORMAT, row },
    });
  };
}
