/* Shared by the comparison pages: reads the same data file the app reads, on the main thread. */

/** "Government of Syria" → "government-of-syria": the importers' actor ids (src/data/event-definitions.ts). */
function slugOf(name) {
  return name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'unnamed';
}

/**
 * Loads ?data=<url> (our GeoJSON format or a UCDP GED-style CSV) into columns: lng, lat and a bit
 * mask of the incident's acting actors (ids in `actorIds`). Marks bench:import-start, bench:parsed.
 */
async function benchLoad() {
  const url = new URLSearchParams(location.search).get('data');
  if (!url) return null;
  performance.mark('bench:import-start');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const text = await response.text();
  performance.mark('bench:fetched');
  const data = /\.csv$/i.test(url) ? fromCsv(text) : fromGeojson(text);
  performance.mark('bench:parsed');
  return data;
}

function makeColumns(capacity) {
  const actorIds = [];
  const actorIndex = new Map();
  const bit = (id) => {
    let i = actorIndex.get(id);
    if (i === undefined) {
      i = actorIds.length;
      if (i >= 32) throw new Error('more than 32 actors: the bench pages keep actors as a 32-bit mask');
      actorIds.push(id);
      actorIndex.set(id, i);
    }
    return 1 << i;
  };
  return { n: 0, lng: new Float64Array(capacity), lat: new Float64Array(capacity), mask: new Int32Array(capacity), actorIds, bit };
}

function fromGeojson(text) {
  const json = JSON.parse(text);
  const features = json.features;
  const data = makeColumns(features.length);
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    const c = f.geometry.coordinates;
    let mask = 0;
    for (const a of f.properties.actors) mask |= data.bit(a.actor);
    data.lng[i] = c[0];
    data.lat[i] = c[1];
    data.mask[i] = mask;
  }
  data.n = features.length;
  return data;
}

function fromCsv(text) {
  // A row per callback, kept as columns only: a page that kept 1M row objects would not survive.
  const lines = text.length / 200;
  let data = makeColumns(Math.ceil(lines) + 16);
  let header = null;
  const col = {};
  const grow = () => {
    const bigger = makeColumns(data.lng.length * 2);
    bigger.lng.set(data.lng); bigger.lat.set(data.lat); bigger.mask.set(data.mask);
    bigger.n = data.n; bigger.actorIds = data.actorIds; bigger.bit = data.bit;
    data = bigger;
  };
  Papa.parse(text, {
    skipEmptyLines: true,
    step(result) {
      const row = result.data;
      if (!header) {
        header = row;
        row.forEach((name, i) => { col[name] = i; });
        return;
      }
      if (data.n === data.lng.length) grow();
      const i = data.n++;
      data.lng[i] = Number(row[col.longitude]);
      data.lat[i] = Number(row[col.latitude]);
      let mask = 0;
      const sideA = row[col.side_a];
      const sideB = row[col.side_b];
      if (sideA) mask |= data.bit(slugOf(sideA));
      // One-sided violence: side B is the target, not an actor (src/data/ucdp/README.md).
      if (sideB && row[col.type_of_violence] !== '3') mask |= data.bit(slugOf(sideB));
      data.mask[i] = mask;
    },
  });
  return data;
}

/** Visible unless every one of its actors is hidden (the app's rule). */
function visibleIndices(data, hiddenIds) {
  let hidden = 0;
  for (const id of hiddenIds) {
    const i = data.actorIds.indexOf(id);
    if (i >= 0) hidden |= 1 << i;
  }
  const out = [];
  for (let i = 0; i < data.n; i++) {
    const m = data.mask[i];
    if (m === 0 || (m & ~hidden) !== 0) out.push(i);
  }
  return out;
}

function dataBounds(data) {
  let w = 180, s = 90, e = -180, n = -90;
  for (let i = 0; i < data.n; i++) {
    const x = data.lng[i], y = data.lat[i];
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return L.latLngBounds([s, w], [n, e]);
}

window.benchCommon = { benchLoad, visibleIndices, dataBounds, slugOf };
