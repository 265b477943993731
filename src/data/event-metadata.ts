import type { EventDataFormat } from './event-datasets';
import type { DatasetMetadata } from './incident-types';

/** The citation UCDP asks for (as in the shared datasets' README). */
export const UCDP_ATTRIBUTION = 'Uppsala Conflict Data Program (UCDP), Georeferenced Event Dataset (GED). '
  + 'Cite: Sundberg, Ralph and Erik Melander (2013), “Introducing the UCDP Georeferenced Event Dataset”, Journal of Peace Research 50(4); '
  + 'Davies, Pettersson & Öberg (2023), Journal of Peace Research 60(4).';

export const ACLED_ATTRIBUTION = 'Armed Conflict Location & Event Data Project (ACLED); acleddata.com';

const LICENCE = 'See the provider’s terms.';

/**
 * What an imported file is, in words a reader can check: where the events come from, what a row
 * is, what the story and the figures are, and how precise places and dates are. The period is
 * that of the incidents loaded, as an ISO 8601 interval ("2016-01-01/2019-11-30": IncidentTally.period).
 */
export function describeEventDataset(format: EventDataFormat, fileName: string, digestDate: string): DatasetMetadata {
  if (format === 'ucdp-ged') {
    return {
      title: `UCDP GED events: ${fileName}`,
      description: `Events from the Uppsala Conflict Data Program’s Georeferenced Event Dataset (UCDP GED), read from ${fileName}. `
        + 'Each row is one event of organised violence — state-based armed conflict, non-state conflict, or one-sided violence against civilians — '
        + 'coded by UCDP from news reports and other sources, with UCDP’s best, low and high estimates of the deaths. '
        + 'An incident’s story is the headline of the report or reports UCDP coded it from. '
        + 'Each point is as precise as UCDP’s where_prec code says and each date as its date_prec code says; every incident shows both. '
        + 'It holds what UCDP coded, as UCDP coded it.',
      digestDate,
      attribution: UCDP_ATTRIBUTION,
      licence: `UCDP GED data: ${LICENCE} (ucdp.uu.se)`,
    };
  }
  return {
    title: `ACLED events: ${fileName}`,
    description: `Events from the Armed Conflict Location & Event Data Project (ACLED), read from ${fileName}. `
      + 'Each row is one event — a battle, an explosion or other remote violence, violence against civilians, a protest, a riot or a strategic development — '
      + 'coded by ACLED from the sources it names, with ACLED’s notes as the story and its fatality count where it gives one. '
      + 'Each point is as precise as ACLED’s geo_precision code says and each date as its time_precision code says; every incident shows both. '
      + 'It holds what ACLED coded, as ACLED coded it.',
    digestDate,
    attribution: ACLED_ATTRIBUTION,
    licence: `ACLED data: ${LICENCE} (acleddata.com)`,
  };
}
