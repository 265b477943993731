import type { IncidentColumns } from './incident-columns';

/**
 * The same rows in another order: row r of the result is row order[r] of `columns` (e.g. spatialOrder,
 * so that the incidents of a map cell sit together). Codes and the actor-set table stay as they are.
 */
export function permuteColumns(columns: IncidentColumns, order: Uint32Array): IncidentColumns {
  return {
    ...columns,
    lng: pickF32(columns.lng, order), lat: pickF32(columns.lat, order),
    start: pickI32(columns.start, order), end: pickI32(columns.end, order),
    type: pickU16(columns.type, order), flags: pickU8(columns.flags, order),
    actorSet: pickU32(columns.actorSet, order), sourceSet: pickU32(columns.sourceSet, order),
    casualties: pickF32(columns.casualties, order),
  };
}

// One function per array type, so that each loop's element access stays monomorphic (a shared
// generic one was ~10× slower in V8).
function pickF32(from: Float32Array, order: Uint32Array): Float32Array<ArrayBuffer> {
  const to = new Float32Array(order.length);
  for (let r = 0; r < order.length; r++) to[r] = from[order[r]!]!;
  return to;
}
function pickI32(from: Int32Array, order: Uint32Array): Int32Array<ArrayBuffer> {
  const to = new Int32Array(order.length);
  for (let r = 0; r < order.length; r++) to[r] = from[order[r]!]!;
  return to;
}
/** Row r of the result is from[order[r]] (also for an id-hash column). */
export function pickU32(from: Uint32Array, order: Uint32Array): Uint32Array<ArrayBuffer> {
  const to = new Uint32Array(order.length);
  for (let r = 0; r < order.length; r++) to[r] = from[order[r]!]!;
  return to;
}
function pickU16(from: Uint16Array, order: Uint32Array): Uint16Array<ArrayBuffer> {
  const to = new Uint16Array(order.length);
  for (let r = 0; r < order.length; r++) to[r] = from[order[r]!]!;
  return to;
}
/** Row r of the result is from[order[r]] (also for a mask). */
export function pickU8(from: Uint8Array, order: Uint32Array): Uint8Array<ArrayBuffer> {
  const to = new Uint8Array(order.length);
  for (let r = 0; r < order.length; r++) to[r] = from[order[r]!]!;
  return to;
}
