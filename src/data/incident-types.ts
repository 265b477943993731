/**
 * The Conflict Map dataset format: an RFC 7946 FeatureCollection of Point features (one per
 * reported incident) with three foreign members at the top level — `dataset` (metadata),
 * `actors` and `sources` (defined once, referenced by id from features). Documented field by
 * field in data/README.md. Coordinates are GeoJSON order: [longitude, latitude].
 */

/** How precisely a date is known. `range` means somewhere between `start` and `end`. */
export type DatePrecision = 'day' | 'range' | 'week' | 'month' | 'year';

export interface IncidentDate {
  /** ISO date (YYYY-MM-DD): the day, or the first day it may have happened. */
  start: string;
  /** ISO date: the last day it may have happened; equal to `start` for a known day. */
  end: string;
  precision: DatePrecision;
  /** How the date was established, in plain words (e.g. "the digest's “Friday”"). */
  note?: string;
}

/**
 * How precisely the point stands for the place: an exact site, a village or town, a district of a
 * city, a city, only a region ("somewhere in south-western Sweida"), a province or a whole
 * country (centroid-coded data), or not stated at all (plain GeoJSON).
 */
export type PlacePrecision = 'site' | 'village' | 'district' | 'city' | 'region' | 'province' | 'country' | 'unknown';

export interface IncidentPlace {
  /** English place name as the reader should see it. */
  name: string;
  /** Arabic name, where there is one. */
  nameAr?: string;
  precision: PlacePrecision;
  /** How far (km) the real place may be from the point. Drawn as a circle on the map. */
  uncertaintyKm: number;
  /** How the point was chosen and what is not known about the place. */
  note?: string;
}

/** How a source's statement stands: reported as fact, claimed by a party, or alleged. */
export type ClaimStatus = 'reported' | 'claimed' | 'alleged';

export interface SourceCitation {
  /** Id of an entry in the collection's `sources`. */
  source: string;
  /** What this source says about the incident, in its own (or the digest's) words; absent when the data names the source only. */
  says?: string;
  status: ClaimStatus;
  /** Link to the source's own text; http(s) only. */
  url?: string;
}

/**
 * What an actor did. `party` and `associated` come from event datasets (UCDP's two sides, ACLED's
 * actor1/actor2 and their associated actors), which don't say who attacked whom.
 */
export type ActorRole = 'carried out' | 'claimed' | 'took part' | 'spoke' | 'party' | 'associated';

export interface ActorRef {
  /** Id of an entry in the collection's `actors`. */
  actor: string;
  role: ActorRole;
  /** Who exactly, in the digest's words ("forces loyal to Syrian president Bashar al-Assad"). */
  as?: string;
}

export interface TargetRef {
  /** Id of an entry in `actors`. */
  actor: string;
  /** What was targeted, in the digest's words ("Syrian army positions"). */
  what?: string;
}

export interface CasualtyFigure {
  /** The figure exactly as reported: "at least 23 killed and injured". */
  text: string;
  kind: 'killed' | 'injured' | 'killed and injured';
  /** Lower bound when the report gives a number; absent for "several". */
  min?: number;
  /** Best estimate, when the source gives one (UCDP's `best`). */
  best?: number;
  /** Upper bound, when the source gives one (UCDP's `high`). */
  max?: number;
  /** Who was hit, when the report says ("ISIS fighters", "a woman"). */
  who?: string;
  /** Id of the source that reports this figure. */
  source: string;
  status: ClaimStatus;
}

/** Which part of the map an incident belongs to: the conflict itself, or diplomacy abroad. */
export type IncidentLayer = 'conflict' | 'diplomacy';

export interface IncidentProperties {
  title: string;
  /** Absent only when the data gives no usable date (plain GeoJSON). */
  date?: IncidentDate;
  place: IncidentPlace;
  /** Id of an entry in `eventTypes`. */
  eventType: string;
  layer: IncidentLayer;
  /** Parties that acted (carried out, claimed, took part, spoke, or a side). Layers are by these. Empty when the data names none. */
  actors: ActorRef[];
  /** Parties the action was aimed at. Shown in the story; they don't put it in their layer. */
  targets: TargetRef[];
  /** Casualties as reported; an empty list means none were reported. */
  casualties: CasualtyFigure[];
  /** The story in the source's own words (the digest's; ACLED's notes; UCDP's headline). May be empty. */
  story: string;
  /** Who reports it. Empty when the data names no source: the reader is told so. */
  sources: SourceCitation[];
  /** Ids of incidents reported together with this one (e.g. two villages in one sentence). */
  related?: string[];
  /** The digest's section heading the incident comes from. */
  section?: string;
  /** Where the incident came from in an imported file, to trace it back (row = line number or feature index). */
  origin?: { format: string; row: number };
  /** Other fields of the source record worth showing as they are (e.g. UCDP's dyad, ACLED's tags). */
  extra?: Record<string, string>;
}

export interface IncidentFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: IncidentProperties;
}

export interface ActorDefinition {
  name: string;
  /** CSS colour (#rrggbb) used for this actor's markers and in the legend. */
  colour: string;
  description?: string;
}

export interface SourceDefinition {
  /** The outlet or body: "Syrian Observatory for Human Rights". */
  name: string;
  /** How the digest characterises it: "UK-based", "pro-government". */
  characterisation?: string;
  url?: string;
}

export interface EventTypeDefinition {
  label: string;
  /** Marker shape, so that colour is not the only channel. */
  shape: MarkerShape;
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'star' | 'hexagon';

export interface RecommendedRead {
  outlet: string;
  title: string;
  url?: string;
}

export interface DatasetMetadata {
  title: string;
  description: string;
  /** The digest's date or period, as precise as it is known (ISO 8601, e.g. "2016-07"). */
  digestDate: string;
  attribution: string;
  licence: string;
  recommendedReads?: RecommendedRead[];
}

export interface IncidentCollection {
  type: 'FeatureCollection';
  dataset: DatasetMetadata;
  actors: Record<string, ActorDefinition>;
  sources: Record<string, SourceDefinition>;
  eventTypes: Record<string, EventTypeDefinition>;
  features: IncidentFeature[];
}
