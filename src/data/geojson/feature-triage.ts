import { isObject, type FieldProblem, type JsonObject } from '../field-checks';
import { featureWhere, type Rejection, type StructuralProblems, type Warning } from '../validate-dataset';
import { GEOMETRY_TYPES, type GeometryType } from './check-geojson';
import type { PlainPoint } from './plain-feature';

/**
 * Sorting one feature of someone else's GeoJSON (plain or UCDP's): rejected here, with every
 * reason, or to be read, with its point. Used on features read whole and as they stream in.
 */

type Placement = { ok: true; point?: PlainPoint } | { ok: false; reasons: FieldProblem[] };

/**
 * Where a feature is, if it can be an incident. A null geometry gives `point` undefined; a
 * MultiPoint of exactly one point is taken as that point (it is one place, whatever the exporter
 * called it); lines, areas and collections are not incidents. Called on structurally sound
 * features only.
 */
function placement(feature: JsonObject, bare: boolean): Placement {
  const at = bare ? '' : 'geometry.';
  const geometry = feature.geometry;
  if (!isObject(geometry)) return { ok: true };
  const notAPoint = notAPointReason(geometry, at);
  if (notAPoint) return { ok: false, reasons: [notAPoint] };
  const single = geometry.type === 'MultiPoint';
  const position = (single ? (geometry.coordinates as number[][])[0] : geometry.coordinates) as number[];
  const field = `${at}coordinates${single ? '[0]' : ''}`;
  const [lng, lat] = position as [number, number];
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) {
    const hint = Math.abs(lng) > 1000 || Math.abs(lat) > 1000 ? ': these look like metres in a projected system (such as Web Mercator), not degrees'
      : Math.abs(lng) <= 90 && Math.abs(lat) <= 180 ? ': are longitude and latitude swapped?' : '';
    return { ok: false, reasons: [{ field, message: `is ${JSON.stringify(position)}, which is not a place in longitude (-180 to 180) and latitude (-90 to 90)${hint}` }] };
  }
  return { ok: true, point: { coordinates: [lng, lat], rest: position.slice(2) } };
}

/** Why a geometry of a known type cannot be an incident, or undefined for a Point (or a one-point MultiPoint). */
function notAPointReason(geometry: JsonObject, at: string): FieldProblem | undefined {
  const type = geometry.type;
  if (type === 'Point' || typeof type !== 'string') return undefined;
  if (type === 'MultiPoint') {
    const n = Array.isArray(geometry.coordinates) ? geometry.coordinates.length : 1;
    if (n === 1) return undefined;
    return { field: `${at}type`, message: n ? `is a MultiPoint of ${n} points; only single points can be shown as incidents (one Point feature per place would load)` : 'is an empty MultiPoint: it has no location to show' };
  }
  return { field: `${at}type`, message: `is ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}; only Point features can be shown as incidents` };
}

export interface ToRead {
  feature: JsonObject;
  /** Absent when the geometry is null. */
  point?: PlainPoint;
  where: string;
  id?: string;
}

/** triage, for one feature and its structural `problems`; `bare`: it is the file, a bare geometry. */
export function triageFeature(raw: unknown, index: number, problems: StructuralProblems | undefined, bare = false): ToRead | Rejection {
  const feature = isObject(raw) ? raw : undefined;
  const id = feature && (typeof feature.id === 'string' || typeof feature.id === 'number') && feature.id !== '' ? String(feature.id) : undefined;
  const where = bare ? `feature 1 (the file is a single ${String((feature?.geometry as JsonObject).type)} geometry, not a Feature)`
    : featureWhere(index, id);
  const reject = (reasons: FieldProblem[]): Rejection => ({ where, index, ...(id !== undefined ? { id } : {}), reasons });
  const errors = problems?.errors ?? [];
  if (!feature) return reject(errors);
  if (errors.length) {
    // Every reason: a broken polygon would still not load once mended, and should say so too.
    const geometry = isObject(feature.geometry) ? feature.geometry : undefined;
    const notAPoint = geometry && GEOMETRY_TYPES.includes(geometry.type as GeometryType) ? notAPointReason(geometry, bare ? '' : 'geometry.') : undefined;
    return reject(notAPoint ? [...errors, notAPoint] : errors);
  }
  const place = placement(feature, bare);
  return place.ok ? { feature, where, ...(id !== undefined ? { id } : {}), ...(place.point ? { point: place.point } : {}) } : reject(place.reasons);
}

export function featureWarning(index: number, id: string | undefined, problem: FieldProblem): Warning {
  return { where: featureWhere(index, id), message: `${problem.field} ${problem.message}` };
}
