import { isObject } from '../field-checks';

/**
 * The "crs" member of GeoJSON 2008, gone from RFC 7946, which fixes coordinates to longitude and
 * latitude on WGS 84. geojsonhint 3.3.0 no longer looks at it (earlier versions warned, some
 * errored). We must: a file in metres or on another datum would put every point in the wrong
 * place. So a crs naming WGS 84 longitude/latitude (real exports carry one: GDAL writes CRS84) is
 * accepted with a warning, and any other is refused.
 */
export function crsVerdict(crs: unknown): { level: 'error' | 'warning'; message: string } | undefined {
  if (crs === undefined || crs === null) return undefined;
  const cannot = "coordinates in another reference system can't be placed on the map (GeoJSON uses longitude and latitude on WGS 84; re-export the file in WGS 84, EPSG:4326)";
  if (!isObject(crs)) {
    const what = typeof crs === 'string' ? `the text ${JSON.stringify(crs)}` : Array.isArray(crs) ? 'a list' : String(crs);
    return { level: 'error', message: `should name a coordinate reference system as {"type": "name", "properties": {"name": …}}, but is ${what}` };
  }
  if (crs.type === 'link') {
    const href = isObject(crs.properties) ? crs.properties.href : undefined;
    return { level: 'error', message: `points to a coordinate reference system by a link (${typeof href === 'string' ? href : 'no address given'}) that is not followed: ${cannot}` };
  }
  const name = crs.type === 'name' && isObject(crs.properties) ? crs.properties.name : undefined;
  if (typeof name !== 'string') {
    return { level: 'error', message: 'should name a coordinate reference system as {"type": "name", "properties": {"name": …}}, but does not, so where the coordinates are is unknown' };
  }
  const system = referenceSystem(name);
  if (system === 'CRS84') {
    return { level: 'warning', message: `is an old-style member (GeoJSON 2008) naming "${name}": longitude and latitude on WGS 84, which is what GeoJSON uses anyway, so the coordinates are read as they are` };
  }
  if (system === 'EPSG:4326') {
    return { level: 'warning', message: `is an old-style member (GeoJSON 2008) naming "${name}": WGS 84, whose official axis order is latitude first; like GeoJSON and the tools that wrote such files, the coordinates are read as longitude, latitude` };
  }
  return { level: 'error', message: `names the coordinate reference system "${name}": ${cannot}` };
}

/**
 * Names of WGS 84 longitude/latitude as old files spell them. EPSG:4326 is accepted as
 * longitude-first: GDAL, QGIS and others wrote it over lon/lat data in GeoJSON 2008 days, so
 * reading it latitude-first would mirror most real files; a file that really is latitude-first
 * mostly shows up anyway, as points with a latitude beyond ±90 that the importer refuses.
 */
function referenceSystem(name: string): 'CRS84' | 'EPSG:4326' | 'other' {
  const n = name.trim();
  if (/^(?:urn:ogc:def:crs:OGC:[\d.]*:CRS84|https?:\/\/www\.opengis\.net\/def\/crs\/OGC\/[\d.]+\/CRS84|(?:OGC:)?CRS84)$/i.test(n)) return 'CRS84';
  if (/^(?:EPSG:4326|urn:ogc:def:crs:EPSG:[\d.]*:4326|https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[\d.]+\/4326)$/i.test(n)) return 'EPSG:4326';
  return 'other';
}
