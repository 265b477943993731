import { isObject, type JsonObject } from '../field-checks';
import { crsVerdict } from './check-crs';
import type { DuplicateKey } from './find-duplicate-keys';

/**
 * A structural check of GeoJSON: RFC 7946 plus the policy of geojsonhint (Mapbox's linter), whose
 * fixtures are our conformance suite (../shared/conformance/geojsonhint). Where geojsonhint and this
 * file differ, it is said below and in check-geojson.test.ts. Never throws: every problem found is
 * returned, each with the path of the member it is about, in the words of field-checks.ts.
 */

export type GeoJsonIssueLevel = 'error' | 'warning';

export interface GeoJsonIssue {
  level: GeoJsonIssueLevel;
  /** Member path from the top of the file, e.g. "features[3].geometry.coordinates[0]"; "" for the top level itself. */
  path: string;
  /** Which entry of a FeatureCollection's `features` the issue is inside, when it is inside one. */
  featureIndex?: number;
  /** What is wrong, to follow the path: 'should be a number, but is the text "39.3"'. */
  message: string;
}

export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'] as const;
export type GeometryType = (typeof GEOMETRY_TYPES)[number];
const GEOJSON_TYPES: readonly string[] = ['FeatureCollection', 'Feature', ...GEOMETRY_TYPES];

/** Beyond this many problems in one geometry's coordinates, the rest are counted, not listed. */
const COORDINATE_PROBLEMS_LISTED = 5;

/** The path and message as one line people can read: '"features[3].id" should be a text or a number…'. */
export function formatIssue(issue: GeoJsonIssue): string {
  return `${issue.path ? `"${issue.path}"` : 'The top level'} ${issue.message}`;
}

export function checkGeoJson(value: unknown): GeoJsonIssue[] {
  const checker = new Checker();
  if (isObject(value)) checker.object(value, '', 'any');
  else checker.error('', `should be a GeoJSON object, but is ${describe(value)}`);
  return checker.issues;
}

/** The issues checkGeoJson finds in entry `index` of a top-level FeatureCollection's features, for a feature read on its own. */
export function checkFeature(feature: unknown, index: number): GeoJsonIssue[] {
  const checker = new Checker();
  checker.entry(feature, index, 'features', true);
  return checker.issues;
}

/** Repeated members, found in the text by findDuplicateKeys, as issues: geojsonhint counts them as errors. */
export function duplicateKeyIssues(duplicates: readonly DuplicateKey[]): GeoJsonIssue[] {
  return duplicates.map(({ path, key, line }) => {
    const feature = /^features\[(\d+)\]/.exec(path);
    return {
      level: 'error',
      path: `${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `${path ? '.' : ''}${key}` : `[${JSON.stringify(key)}]`}`,
      ...(feature ? { featureIndex: Number(feature[1]) } : {}),
      message: `is given twice in the same object (again on line ${line}); JSON readers keep only the last value, so which one is meant is unclear`,
    };
  });
}

type Expected = 'any' | 'feature' | 'geometry';

class Checker {
  readonly issues: GeoJsonIssue[] = [];
  private featureIndex: number | undefined;
  /** Problems in the current geometry's coordinates, to cap what one broken polygon can list. */
  private coordinateProblems = { error: 0, warning: 0 };

  error(path: string, message: string): void {
    this.add('error', path, message);
  }

  warning(path: string, message: string): void {
    this.add('warning', path, message);
  }

  private add(level: GeoJsonIssueLevel, path: string, message: string): void {
    this.issues.push({ level, path, ...(this.featureIndex !== undefined ? { featureIndex: this.featureIndex } : {}), message });
  }

  object(obj: JsonObject, path: string, expected: Expected): void {
    const type = this.type(obj, path, expected);
    // A feature in a collection is checked as a feature even with a wrong "type", so that every
    // reason it is not loaded is listed at once (geojsonhint does the same).
    if (type === undefined && expected !== 'feature') return;
    this.crs(obj, path);
    this.bbox(obj, path);
    if (type === 'FeatureCollection') this.featureCollection(obj, path);
    else if (type === 'Feature' || type === undefined) this.feature(obj, path);
    else this.geometry(obj, path, type as GeometryType);
  }

  private type(obj: JsonObject, path: string, expected: Expected): string | undefined {
    const type = obj.type;
    const at = join(path, 'type');
    const allowed: readonly string[] = expected === 'any' ? GEOJSON_TYPES : expected === 'feature' ? ['Feature'] : GEOMETRY_TYPES;
    if (typeof type === 'string' && allowed.includes(type)) return type;
    const wanted = expected === 'any' ? '"FeatureCollection", "Feature" or a geometry such as "Point"'
      : expected === 'feature' ? '"Feature"' : `a geometry type (${GEOMETRY_TYPES.join(', ')})`;
    if (type === undefined) {
      this.error(at, `is missing: every GeoJSON object needs a "type", here ${wanted}`);
      return undefined;
    }
    if (typeof type !== 'string') {
      this.error(at, `should be ${wanted}, but is ${describe(type)}`);
      return undefined;
    }
    const meant = allowed.find((t) => t.toLowerCase() === type.toLowerCase());
    if (meant) this.error(at, `is "${type}", but GeoJSON types are case-sensitive: it should be "${meant}"`);
    else if (expected === 'any') this.error(at, `is "${type}", which is not a GeoJSON type (${GEOJSON_TYPES.join(', ')})`);
    else this.error(at, `should be ${wanted}, but is "${type}"`);
    return undefined;
  }

  private featureCollection(obj: JsonObject, path: string): void {
    this.forbid(obj, path, 'a FeatureCollection', ['coordinates', 'geometry', 'properties']);
    const at = join(path, 'features');
    const features = obj.features;
    if (features === undefined) return this.error(at, 'is missing: a FeatureCollection needs a "features" list');
    if (!Array.isArray(features)) return this.error(at, `should be a list of features, but is ${describe(features)}`);
    // Only the top level's features are numbered: those are what the importer loads or lists.
    features.forEach((feature, i) => this.entry(feature, i, at, path === ''));
  }

  /** Entry `i` of a features list at `at`. */
  entry(feature: unknown, i: number, at: string, numbered: boolean): void {
    if (numbered) this.featureIndex = i;
    if (isObject(feature)) this.object(feature, `${at}[${i}]`, 'feature');
    else this.error(`${at}[${i}]`, `should be a Feature object, but is ${describe(feature)}`);
    if (numbered) this.featureIndex = undefined;
  }

  private feature(obj: JsonObject, path: string): void {
    this.forbid(obj, path, 'a Feature', ['coordinates', 'features']);
    const id = obj.id;
    if (id !== undefined && typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) {
      this.error(join(path, 'id'), `should be a text or a number, but is ${describe(id)}`);
    }
    for (const member of ['properties', 'geometry'] as const) {
      const value = obj[member];
      const at = join(path, member);
      if (value === undefined) this.error(at, `is missing: a Feature needs a "${member}" member (it may be null)`);
      else if (value !== null && !isObject(value)) this.error(at, `should be an object (or null), but is ${describe(value)}`);
      else if (member === 'geometry' && value !== null) this.object(value, at, 'geometry');
    }
  }

  private geometry(obj: JsonObject, path: string, type: GeometryType): void {
    this.forbid(obj, path, 'a geometry', ['properties', 'features', 'geometry']);
    if (type === 'GeometryCollection') return this.geometryCollection(obj, path);
    const at = join(path, 'coordinates');
    const coordinates = obj.coordinates;
    if (coordinates === undefined) return this.error(at, `is missing: a ${type} needs "coordinates"`);
    if (!Array.isArray(coordinates)) return this.error(at, `should be a list, but is ${describe(coordinates)}`);
    this.coordinateProblems = { error: 0, warning: 0 };
    const ok = this.coordinates(type, coordinates, at);
    if (ok && (type === 'Polygon' || type === 'MultiPolygon')) this.winding(type, coordinates, at);
    for (const level of ['error', 'warning'] as const) {
      const more = this.coordinateProblems[level] - COORDINATE_PROBLEMS_LISTED;
      if (more > 0) this.add(level, at, `has ${more} more ${level === 'error' ? 'problems' : 'warnings'} like the ones above`);
    }
  }

  private geometryCollection(obj: JsonObject, path: string): void {
    const at = join(path, 'geometries');
    const geometries = obj.geometries;
    if (geometries === undefined) return this.error(at, 'is missing: a GeometryCollection needs a "geometries" list');
    if (!Array.isArray(geometries)) return this.error(at, `should be a list of geometries, but is ${describe(geometries)}`);
    // geojsonhint (3.x) makes these two errors although RFC 7946 only says SHOULD: we follow the
    // fixtures. It costs nothing on the map: a GeometryCollection is never a point incident.
    if (geometries.length === 1) this.error(at, 'holds a single geometry: use that geometry itself (or a Multi… type) instead of a GeometryCollection');
    geometries.forEach((geometry, i) => {
      const itemPath = `${at}[${i}]`;
      if (!isObject(geometry)) return this.error(itemPath, `should be a geometry object, but is ${describe(geometry)}`);
      if (geometry.type === 'GeometryCollection') this.error(itemPath, 'is a GeometryCollection inside a GeometryCollection: nested collections should be flattened');
      this.object(geometry, itemPath, 'geometry');
    });
  }

  /** Checks the nesting for each geometry type; true when every position is sound. */
  private coordinates(type: Exclude<GeometryType, 'GeometryCollection'>, c: unknown[], at: string): boolean {
    switch (type) {
      case 'Point': return this.position(c, at);
      case 'MultiPoint': return this.positions(c, at, 'points');
      case 'LineString': return this.positions(c, at, 'line');
      case 'MultiLineString': return this.listOf(c, at, 'lines', (line, p, i) => this.positions(line, `${p}[${i}]`, 'line'));
      case 'Polygon': return this.listOf(c, at, 'rings', (ring, p, i) => this.positions(ring, `${p}[${i}]`, 'ring'));
      case 'MultiPolygon': return this.listOf(c, at, 'polygons', (polygon, p, i) => this.listOf(polygon, `${p}[${i}]`, 'rings', (ring, q, j) => this.positions(ring, `${q}[${j}]`, 'ring')));
    }
  }

  private coordinateIssue(level: GeoJsonIssueLevel, path: string, message: string): void {
    if (++this.coordinateProblems[level] <= COORDINATE_PROBLEMS_LISTED) this.add(level, path, message);
  }

  /**
   * Checks each item of a coordinate list. Items get the list's path and their index, and make
   * "coordinates[3][7]" only to report or to go deeper: a big polygon has millions of positions.
   */
  private listOf(list: unknown, at: string, what: string, each: (item: unknown, listPath: string, i: number) => boolean): boolean {
    if (!Array.isArray(list)) {
      this.coordinateIssue('error', at, `should be a list of ${what}, but is ${describe(list)}${nestingHint(list)}`);
      return false;
    }
    let ok = true;
    for (let i = 0; i < list.length; i++) ok = each(list[i], at, i) && ok;
    return ok;
  }

  private positions(list: unknown, at: string, kind: 'points' | 'line' | 'ring'): boolean {
    if (!this.listOf(list, at, kind === 'ring' ? 'positions (a ring)' : 'positions', (p, listPath, i) => this.position(p, listPath, i))) return false;
    const positions = list as number[][];
    const n = positions.length;
    if (kind === 'line' && n < 2) {
      this.coordinateIssue('error', at, `should have at least 2 positions (a line needs two ends), but has ${n}`);
      return false;
    }
    if (kind === 'ring' && n < 4) {
      this.coordinateIssue('error', at, `should have at least 4 positions (a closed ring: three corners and the first one again), but has ${n}`);
      return false;
    }
    if (kind === 'ring' && !samePosition(positions[0]!, positions[n - 1]!)) {
      this.coordinateIssue('error', at, `should end where it starts (a closed ring), but starts at ${JSON.stringify(positions[0])} and ends at ${JSON.stringify(positions[n - 1])}`);
      return false;
    }
    return true;
  }

  /** A position, at `listPath[i]` (or at `listPath` itself for a Point). */
  private position(value: unknown, listPath: string, i?: number): boolean {
    if (!Array.isArray(value)) {
      this.coordinateIssue('error', pathAt(listPath, i), `should be a position [longitude, latitude], but is ${describe(value)}${nestingHint(value)}`);
      return false;
    }
    let ok = true;
    for (let k = 0; k < value.length; k++) {
      const n: unknown = value[k];
      if (typeof n !== 'number' || !Number.isFinite(n)) {
        this.coordinateIssue('error', `${pathAt(listPath, i)}[${k}]`, `should be a number, but is ${describe(n)}`);
        ok = false;
      }
    }
    if (value.length < 2) {
      this.coordinateIssue('error', pathAt(listPath, i), `should be a position [longitude, latitude], but has ${value.length === 0 ? 'no numbers' : 'only 1 number'}`);
      return false;
    }
    // RFC 7946 says SHOULD NOT, and geojsonhint only warns: the first two are still a place.
    if (ok && value.length > 3) this.coordinateIssue('warning', pathAt(listPath, i), `has ${value.length} numbers; a position has at most 3 (longitude, latitude, altitude), so only the first two place it on the map`);
    return ok;
  }

  /**
   * RFC 7946's right-hand rule: outer rings counterclockwise, holes clockwise. Only a warning (the
   * RFC says parsers should not reject for it), once per geometry. The sum is geojsonhint's, so
   * the fixtures' verdicts are matched exactly.
   */
  private winding(type: 'Polygon' | 'MultiPolygon', coordinates: unknown[], at: string): void {
    const polygons = (type === 'Polygon' ? [coordinates] : coordinates) as number[][][][];
    for (const [p, rings] of polygons.entries()) {
      for (const [r, ring] of rings.entries()) {
        const outer = r === 0;
        const clockwise = ringArea(ring) >= 0;
        if (outer === !clockwise) continue;
        const ringPath = type === 'Polygon' ? `${at}[${r}]` : `${at}[${p}][${r}]`;
        this.warning(ringPath, `winds ${clockwise ? 'clockwise' : 'counterclockwise'}, but RFC 7946 asks ${outer ? 'outer rings to wind counterclockwise' : 'holes to wind clockwise'} (the right-hand rule); the shape is still read as drawn`);
        return;
      }
    }
  }

  private forbid(obj: JsonObject, path: string, what: string, members: readonly string[]): void {
    for (const member of members) {
      if (obj[member] !== undefined) {
        this.error(join(path, member), `should not be in ${what}: RFC 7946 (section 7.1) forbids it, because it would change what ${what} means`);
      }
    }
  }

  private bbox(obj: JsonObject, path: string): void {
    const bbox = obj.bbox;
    if (bbox === undefined || bbox === null) return;
    const at = join(path, 'bbox');
    if (!Array.isArray(bbox)) return this.error(at, `should be a list of 4 or 6 numbers, but is ${describe(bbox)}`);
    bbox.forEach((n, i) => {
      if (typeof n !== 'number' || !Number.isFinite(n)) this.error(`${at}[${i}]`, `should be a number, but is ${describe(n)}`);
    });
    if (bbox.length !== 4 && bbox.length !== 6) this.error(at, `should have 4 numbers (west, south, east, north) or 6 (with heights), but has ${bbox.length}`);
  }

  /** The legacy "crs" member, wherever it is: see check-crs.ts for what is accepted and why. */
  private crs(obj: JsonObject, path: string): void {
    const verdict = crsVerdict(obj.crs);
    if (verdict) this.add(verdict.level, join(path, 'crs'), verdict.message);
  }
}

/**
 * Twice the signed planar area, as geojsonhint 3.3.0 computes it (the shoelace sum over edges):
 * >= 0 is clockwise in longitude/latitude. Planar, not spherical: for the ring sizes where the two
 * could disagree, only the warning's wording is at stake.
 */
function ringArea(ring: readonly number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i] as [number, number];
    const [x2, y2] = ring[i + 1] as [number, number];
    sum += (x2 - x1) * (y2 + y1);
  }
  return sum;
}

function samePosition(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

function pathAt(listPath: string, i: number | undefined): string {
  return i === undefined ? listPath : `${listPath}[${i}]`;
}

function join(path: string, member: string): string {
  return path ? `${path}.${member}` : member;
}

function nestingHint(value: unknown): string {
  return typeof value === 'number' ? ': the coordinates need one more level of brackets' : '';
}

/** What a value is, for messages, in the words of field-checks.ts. */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'string') return value === '' ? 'an empty text' : `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return 'an object';
}
