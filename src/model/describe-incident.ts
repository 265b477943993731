import type { IncidentDate, IncidentProperties, IncidentPlace, PlacePrecision } from '../data/incident-types';

// Dates are calendar days with no time zone: read them in UTC so no reader sees the day before.
// Formatted by hand rather than with Intl, whose punctuation differs between ICU versions.
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function utc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

const monthYear = { format: (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` };
const dayMonthYear = { format: (d: Date) => `${d.getUTCDate()} ${monthYear.format(d)}` };
const dayFormat = { format: (d: Date) => `${WEEKDAYS[d.getUTCDay()]} ${dayMonthYear.format(d)}` };

/** "Friday 15 July 2016"; "between 14 and 15 July 2016"; "July 2016" — as precise as the date is known. */
export function formatIncidentDate(date: IncidentDate | undefined): string {
  if (!date) return 'date not given';
  switch (date.precision) {
    case 'day':
      return dayFormat.format(utc(date.start));
    case 'range':
    case 'week':
      return date.start === date.end ? dayFormat.format(utc(date.start)) : `between ${formatSpan(date.start, date.end)}`;
    case 'month':
      return monthYear.format(utc(date.start));
    case 'year':
      return date.start.slice(0, 4);
  }
}

function formatSpan(start: string, end: string): string {
  const [a, b] = [utc(start), utc(end)];
  if (a.getUTCFullYear() === b.getUTCFullYear() && a.getUTCMonth() === b.getUTCMonth()) {
    return `${a.getUTCDate()} and ${dayMonthYear.format(b)}`;
  }
  return `${dayMonthYear.format(a)} and ${dayMonthYear.format(b)}`;
}

export const DATE_PRECISION_LABEL: Record<IncidentDate['precision'], string> = {
  day: 'exact day',
  range: 'date known only within a range',
  week: 'known to the week',
  month: 'known to the month',
  year: 'known to the year',
};

const PLACE_PRECISION_LABEL: Record<PlacePrecision, string> = {
  site: 'a known site',
  village: 'the village or town itself',
  district: 'a district of the city',
  city: 'the city, not a site within it',
  region: 'only roughly located, within a region',
  province: 'only the province is known (its centre is shown)',
  country: 'only the country is known (its centre is shown)',
  unknown: 'precision not stated in the data',
};

/** "Located: the village, within about 1.5 km". */
export function describePlacePrecision(place: IncidentPlace): string {
  if (place.precision === 'unknown') return PLACE_PRECISION_LABEL.unknown;
  return `${PLACE_PRECISION_LABEL[place.precision]}, within about ${formatKm(place.uncertaintyKm)}`;
}

function formatKm(km: number): string {
  return km < 1 ? `${Math.round(km * 1000)} m` : `${Number(km.toFixed(1))} km`;
}

/** Whether a point is imprecise enough to be drawn with its uncertainty circle. */
export function isImprecise(place: IncidentPlace): boolean {
  if (place.precision === 'unknown') return false;
  return place.uncertaintyKm >= 2 || ['city', 'region', 'province', 'country'].includes(place.precision);
}

/**
 * Only claimed (or alleged): every source gives it as a claim, none reports it as fact. An incident
 * whose data names no source is not a claim — it is unsourced, which the popup says separately.
 */
export function isOnlyClaimed(properties: Pick<IncidentProperties, 'sources'>): boolean {
  // A loop, not every(): the column builder asks this of each of a million rows.
  const { sources } = properties;
  for (let i = 0; i < sources.length; i++) if (sources[i]!.status === 'reported') return false;
  return sources.length > 0;
}

/** "UK-based Syrian Observatory for Human Rights", as the digest characterises it. */
export function sourceLabel(source: { name: string; characterisation?: string }): string {
  return source.characterisation ? `${source.name} (${source.characterisation})` : source.name;
}
