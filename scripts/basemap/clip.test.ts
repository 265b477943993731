import { describe, expect, it } from 'vitest';
import type { Box } from './boxes';
import { clipLines, clipPolygon, ringArea, type PolygonCoords, type Position } from './clip';
import { rightWayRound } from './land-and-borders';

const WORLD: Box = { west: -180, south: -85.0511, east: 180, north: 85.0511 };
const lngs = (polygon: PolygonCoords) => polygon[0]!.map((p) => p[0]);

// Input rings are wound as world-atlas (and d3-geo) wind them: outer rings clockwise on a north-up map.
describe('clipPolygon', () => {
  it('cuts a polygon stitched across the antimeridian into one piece on each side', () => {
    const fiji: PolygonCoords = [[[170, -10], [170, 10], [-170, 10], [-170, -10], [170, -10]]];
    const pieces = clipPolygon(fiji, WORLD).sort((a, b) => a[0]![0]![0] - b[0]![0]![0]);
    expect(pieces).toHaveLength(2);
    expect([Math.min(...lngs(pieces[0]!)), Math.max(...lngs(pieces[0]!))]).toEqual([-180, -170]);
    expect([Math.min(...lngs(pieces[1]!)), Math.max(...lngs(pieces[1]!))]).toEqual([170, 180]);
    for (const piece of pieces) expect(ringArea(piece[0]!)).toBeGreaterThan(0); // RFC 7946: counter-clockwise
  });

  it('closes a ring round the South Pole along the bottom of the map, not inside-out', () => {
    const antarctica: PolygonCoords = [[[-180, -70], [-90, -70], [0, -70], [90, -70], [180, -70]]];
    const [piece, ...rest] = clipPolygon(antarctica, WORLD);
    expect(rest).toHaveLength(0);
    const lats = piece![0]!.map((p) => p[1]);
    expect([Math.min(...lats), Math.max(...lats)]).toEqual([-85.051, -70]);
    expect([Math.min(...lngs(piece!)), Math.max(...lngs(piece!))]).toEqual([-180, 180]);
  });

  it('cuts at the box edge exactly, re-joining the ring along it', () => {
    const square: PolygonCoords = [[[20, 30], [20, 40], [30, 40], [30, 30], [20, 30]]];
    const [piece] = clipPolygon(square, { west: 24, south: 25, east: 46.5, north: 45 });
    expect(new Set(piece![0]!.map((p) => p.join()))).toEqual(new Set(['24,30', '24,40', '30,40', '30,30']));
    expect(ringArea(piece![0]!)).toBe(60);
  });

  it('keeps holes, wound clockwise', () => {
    const withLake: PolygonCoords = [
      [[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]],
      [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
    ];
    const [piece] = clipPolygon(withLake, WORLD);
    expect(piece).toHaveLength(2);
    expect(ringArea(piece![1]!)).toBe(-4);
  });

  it('drops what rounding to 3 decimals leaves without area', () => {
    const speck: PolygonCoords = [[[10, 10], [10, 10.0001], [10.0001, 10.0001], [10, 10]]];
    expect(clipPolygon(speck, WORLD)).toEqual([]);
  });
});

describe('rightWayRound', () => {
  it('turns back an islet wound the wrong way for d3, which would otherwise fill every box', () => {
    const islet: PolygonCoords = [[[73.7017, 4.4533], [73.6981, 4.4500], [73.7017, 4.4517], [73.7017, 4.4533]]];
    expect(clipPolygon(islet, { west: 24, south: 25, east: 46.5, north: 45 })).toHaveLength(1); // the whole box
    expect(clipPolygon(rightWayRound(islet), { west: 24, south: 25, east: 46.5, north: 45 })).toEqual([]);
  });
});

describe('clipLines', () => {
  it('splits a line at the box edges and at the antimeridian', () => {
    const line: Position[] = [[20, 35], [30, 35], [50, 35]];
    expect(clipLines([line], { west: 24, south: 25, east: 46.5, north: 45 })).toEqual([[[24, 35], [30, 35], [46.5, 35]]]);
    const across: Position[] = [[179, 60], [-179, 60]];
    expect(clipLines([across], WORLD).map((l) => l.map((p) => p[0]))).toEqual([[179, 180], [-180, -179]]);
  });
});
