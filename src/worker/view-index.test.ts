import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDatasetText } from '../data/import/import-dataset';
import type { IncidentFeature } from '../data/incident-types';
import type { LoadedDataset } from '../data/validate-dataset';
import { NO_ACTOR } from '../model/actor-layers';
import { NO_FILTER, type IncidentFilter } from '../model/incident-filter';
import type { ListSort } from '../model/view-state';
import { CELL_PX, type FilterOutcome, type ViewQuery } from './dataset-protocol';
import { RowCollector, rowsOfIncidents } from '../model/index/incident-rows';
import { ViewIndex } from './view-index';
import { toIncidentCollection } from '../data/export/to-geojson';

/*
 * The worker's ViewIndex over real files: the built-in dataset and UCDP GED's Syria events. Every
 * expectation is counted here from the incident objects (or, for UCDP, from the CSV as parsed by
 * papaparse), never through the code under test.
 */

const BUILT_IN = new URL('../../data/incidents.geojson', import.meta.url);
const UCDP_CSV = new URL('../../../shared/datasets/ucdp-ged-syria-2016-2019.csv', import.meta.url);

function load(url: URL): LoadedDataset {
  const fileName = url.pathname.split('/').pop()!;
  const result = importDatasetText(readFileSync(url, 'utf8'), fileName);
  if (!result.ok) throw new Error(result.error);
  return result.dataset;
}

const filter = (part: Partial<IncidentFilter>): IncidentFilter => ({ ...NO_FILTER, ...part });
const sorted = (ids: Iterable<string>) => [...ids].sort();

/** A span overlapping [start, end] (ISO days compare as strings); undated incidents overlap nothing. */
function overlaps(incident: IncidentFeature, start: string, end: string): boolean {
  const date = incident.properties.date;
  return date !== undefined && date.start <= end && date.end >= start;
}

/**
 * A simple fold for checking searches, written apart from search-text: lower case, accents off,
 * only letters and digits kept.
 */
function simpleFold(text: string): string {
  return text.normalize('NFKD').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function histogramTotal(outcome: FilterOutcome): number {
  const h = outcome.histogram!;
  return h.exact.reduce((a, b) => a + b, 0) + h.spread.reduce((a, b) => a + b, 0) + h.undated;
}

const WORLD: ViewQuery = { west: -180, south: -85, east: 180, north: 85, zoom: 2, cellPx: CELL_PX };

/** Incidents in the markers of a view, and the ids of the single-incident markers. */
function markerTotals(index: ViewIndex, view: ViewQuery) {
  const markers = index.markers(view);
  return { count: markers.reduce((sum, m) => sum + m.count, 0), singles: markers.flatMap((m) => (m.single ? [m.single.id] : [])) };
}

function listAll(index: ViewIndex, sort: ListSort) {
  return index.list(sort, 0, 1_000_000);
}

describe('ViewIndex over the built-in dataset', () => {
  const dataset = load(BUILT_IN);
  const incidents = dataset.incidents;
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  const idsWhere = (keep: (incident: IncidentFeature) => boolean) => sorted(incidents.filter(keep).map((incident) => incident.id));

  /** Whether any field the search covers (title, story, place names, source names and words) contains the token. */
  function searchableFieldsContain(incident: IncidentFeature, token: string): boolean {
    const p = incident.properties;
    const fields = [p.title, p.story, p.place.name, p.place.nameAr ?? ''];
    for (const citation of p.sources) {
      const definition = dataset.sources[citation.source];
      fields.push(definition?.name ?? citation.source, definition?.characterisation ?? '', citation.says ?? '');
    }
    return fields.some((field) => simpleFold(field).includes(simpleFold(token)));
  }

  it('counts each actor layer from its columns as the summary did from the objects', () => {
    const expected: Record<string, number> = {};
    for (const incident of incidents) {
      const ids = incident.properties.actors.length ? new Set(incident.properties.actors.map((a) => a.actor)) : new Set([NO_ACTOR]);
      for (const id of ids) expected[id] = (expected[id] ?? 0) + 1;
    }
    expect(new ViewIndex(dataset).actorTotals()).toEqual(expected);
  });

  it('loads all ten incidents', () => {
    expect(incidents).toHaveLength(10);
    expect(dataset.rejected).toEqual([]);
  });

  it('shows everything with NO_FILTER, lists every id, and counts every actor', () => {
    const index = new ViewIndex(dataset);
    const outcome = index.setFilter(NO_FILTER);
    expect(outcome.visible).toBe(10);
    expect(index.visibleCount).toBe(10);
    expect(sorted(outcome.shownIds!)).toEqual(sorted(byId.keys()));
    const counts: Record<string, number> = {};
    for (const id of Object.keys(dataset.actors)) counts[id] = 0;
    for (const incident of incidents) {
      for (const actor of new Set(incident.properties.actors.map((a) => a.actor))) counts[actor] = (counts[actor] ?? 0) + 1;
    }
    for (const [id, count] of Object.entries(counts)) expect(outcome.actorCounts[id], id).toBe(count);
    expect(outcome.actorCounts[NO_ACTOR] ?? 0).toBe(0); // every built-in incident names an actor
  });

  describe('search', () => {
    const index = new ViewIndex(dataset);
    const mijimirPlace = idsWhere((incident) => incident.properties.place.name === 'al-Mijimir');

    it('has an al-Mijimir incident, and one that mentions al-Mijimir only in a note the search does not cover', () => {
      expect(mijimirPlace).toHaveLength(1);
      const onlyInNote = incidents.filter((incident) => (incident.properties.place.note ?? '').includes('al-Mijimir')
        && !searchableFieldsContain(incident, 'mijimir'));
      expect(onlyInNote.length).toBeGreaterThan(0);
    });

    for (const query of ['Mijimir', 'al-Mijimir', 'al Mijimir', 'ALMIJIMIR']) {
      it(`"${query}" shows exactly the incidents naming al-Mijimir in a searched field`, () => {
        const outcome = index.setFilter(filter({ query }));
        const expected = idsWhere((incident) => searchableFieldsContain(incident, 'almijimir'));
        expect(expected).toEqual(expect.arrayContaining(mijimirPlace));
        // The place itself, Barad's shelling (title and story) and the unnamed neighbouring town (place name).
        expect(expected).toHaveLength(3);
        expect(sorted(outcome.shownIds!)).toEqual(expected);
        expect(outcome.visible).toBe(expected.length);
      });
    }

    it('finds the same whether the search text was prepared in slices beforehand, in part, or not at all', () => {
      const partly = new ViewIndex(dataset);
      const fully = new ViewIndex(dataset);
      expect(partly.searchPrepared).toBe(0);
      expect(partly.prepareSearch(3)).toBe(false);
      expect(partly.searchPrepared).toBe(3 / partly.size);
      let slices = 0;
      while (!fully.prepareSearch(2)) slices++;
      expect(fully.searchPrepared).toBe(1);
      expect(slices).toBe(Math.ceil(fully.size / 2) - 1);
      for (const query of ['Mijimir', 'Deir', 'SOHR', 'airport Deir', 'nothing-like-this']) {
        const expected = index.setFilter(filter({ query })).shownIds;
        expect(partly.setFilter(filter({ query })).shownIds, query).toEqual(expected);
        expect(fully.setFilter(filter({ query })).shownIds, query).toEqual(expected);
      }
      expect(partly.prepareSearch(1)).toBe(true);
    });

    it('"المجيمر" (with or without vowel marks) shows exactly the incident whose Arabic place name it is', () => {
      const expected = idsWhere((incident) => incident.properties.place.nameAr === 'المجيمر');
      expect(expected).toEqual(mijimirPlace);
      expect(sorted(index.setFilter(filter({ query: 'المجيمر' })).shownIds!)).toEqual(expected);
      expect(sorted(index.setFilter(filter({ query: 'المُجَيْمِر' })).shownIds!)).toEqual(expected);
    });

    it('needs every word of the query (AND), and an empty query is no search', () => {
      const expected = idsWhere((incident) => searchableFieldsContain(incident, 'barad') && searchableFieldsContain(incident, 'mijimir'));
      expect(expected.length).toBeGreaterThan(0);
      expect(sorted(index.setFilter(filter({ query: 'Barad Mijimir' })).shownIds!)).toEqual(expected);
      expect(index.setFilter(filter({ query: '   ' })).visible).toBe(10);
      expect(index.setFilter(filter({ query: 'no-such-place-anywhere' })).visible).toBe(0);
    });
  });

  it('sources: shows exactly the incidents citing the source', () => {
    expect(Object.keys(dataset.sources)).toContain('sohr');
    const index = new ViewIndex(dataset);
    const expected = idsWhere((incident) => incident.properties.sources.some((s) => s.source === 'sohr'));
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.length).toBeLessThan(10);
    const outcome = index.setFilter(filter({ sources: ['sohr'] }));
    expect(sorted(outcome.shownIds!)).toEqual(expected);
    expect(outcome.visible).toBe(expected.length);
    expect(index.setFilter(filter({ sources: ['sohr', 'ap'] })).visible)
      .toBe(idsWhere((incident) => incident.properties.sources.some((s) => s.source === 'sohr' || s.source === 'ap')).length);
    expect(index.setFilter(filter({ sources: [] })).visible).toBe(0);
  });

  it('singleSource and preciseOnly: as counted from the objects', () => {
    const index = new ViewIndex(dataset);
    const single = idsWhere((incident) => new Set(incident.properties.sources.map((s) => s.source)).size === 1);
    // The IED factory airstrike cites SOHR twice: still one source.
    expect(single).toContain('deir-ezzor-ied-factory-airstrike-2016-07-14-15');
    expect(sorted(index.setFilter(filter({ singleSource: true })).shownIds!)).toEqual(single);
    const precise = idsWhere(({ properties: { place } }) => ['site', 'village', 'district'].includes(place.precision));
    expect(sorted(index.setFilter(filter({ preciseOnly: true })).shownIds!)).toEqual(precise);
    expect(sorted(index.setFilter(filter({ eventTypes: ['shelling', 'airstrike'] })).shownIds!))
      .toEqual(idsWhere((incident) => ['shelling', 'airstrike'].includes(incident.properties.eventType)));
    expect(index.setFilter(filter({ eventTypes: [] })).visible).toBe(0);
  });

  it('a one-day time range shows the incidents whose span includes that day', () => {
    const index = new ViewIndex(dataset);
    for (const day of ['2016-07-14', '2016-07-15', '2016-07-16']) {
      const outcome = index.setFilter(filter({ timeRange: { start: day, end: day } }));
      const expected = idsWhere((incident) => overlaps(incident, day, day));
      expect(sorted(outcome.shownIds!), day).toEqual(expected);
      expect(outcome.visible, day).toBe(expected.length);
    }
    // The IED airstrike (14–15 July) is on both days.
    expect(index.setFilter(filter({ timeRange: { start: '2016-07-14', end: '2016-07-14' } })).shownIds).toContain('deir-ezzor-ied-factory-airstrike-2016-07-14-15');
    expect(index.setFilter(filter({ timeRange: { start: '2016-07-16', end: '2016-07-16' } })).visible).toBe(0);
  });

  it('hides an actor layer, and still counts it', () => {
    const index = new ViewIndex(dataset);
    const outcome = index.setFilter(filter({ hiddenActors: ['isis'] }));
    const expected = idsWhere((incident) => incident.properties.actors.some((a) => a.actor !== 'isis'));
    expect(sorted(outcome.shownIds!)).toEqual(expected);
    expect(outcome.actorCounts.isis).toBe(incidents.filter((incident) => incident.properties.actors.some((a) => a.actor === 'isis')).length);
    expect(outcome.actorCounts.isis).toBeGreaterThan(0);
  });

  it('markers hold exactly the shown incidents, from the pyramid and from the points', () => {
    const index = new ViewIndex(dataset);
    const syria: ViewQuery = { west: 35, south: 32, east: 41, north: 36, zoom: 14, cellPx: CELL_PX }; // past the pyramid's zooms
    for (const part of [{}, { sources: ['sohr'] }, { hiddenActors: ['opposition'], timeRange: { start: '2016-07-15', end: '2016-07-15' } }, { eventTypes: [] }]) {
      const outcome = index.setFilter(filter(part));
      const world = markerTotals(index, WORLD);
      expect(world.count, JSON.stringify(part)).toBe(outcome.visible);
      for (const id of world.singles) expect(outcome.shownIds, id).toContain(id);
      const close = markerTotals(index, syria);
      const inSyria = outcome.shownIds!.filter((id) => {
        const [lng, lat] = byId.get(id)!.geometry.coordinates;
        return lng >= 35 && lng <= 41 && lat >= 32 && lat <= 36;
      });
      expect(close.count, JSON.stringify(part)).toBe(inSyria.length);
      for (const id of close.singles) expect(inSyria, id).toContain(id);
    }
  });

  describe('histogram', () => {
    it('comes with the first filter, not when only the time range changes, and again when anything else does', () => {
      const index = new ViewIndex(dataset);
      expect(index.setFilter(NO_FILTER).histogram).toBeDefined();
      const day = { start: '2016-07-14', end: '2016-07-14' };
      expect(index.setFilter(filter({ timeRange: day })).histogram).toBeUndefined();
      expect(index.setFilter(filter({ timeRange: { start: '2016-07-15', end: '2016-07-15' } })).histogram).toBeUndefined();
      expect(index.setFilter(filter({ timeRange: null })).histogram).toBeUndefined();
      expect(index.setFilter(filter({ timeRange: day, query: 'Deir' })).histogram).toBeDefined();
      expect(index.setFilter(filter({ timeRange: null, query: 'Deir' })).histogram).toBeUndefined();
      expect(index.setFilter(filter({ query: 'Deir', hiddenActors: ['isis'] })).histogram).toBeDefined();
      expect(index.setFilter(filter({ query: 'Deir', hiddenActors: ['isis'], sources: ['sohr'] })).histogram).toBeDefined();
      expect(index.setFilter(filter({ query: 'Deir', hiddenActors: ['isis'], sources: ['sohr'], timeRange: day })).histogram).toBeUndefined();
    });

    it('is left for dueHistogram by applyFilter (the worker answers the map first), once, and the same as setFilter gives', () => {
      const deferred = new ViewIndex(dataset);
      const inline = new ViewIndex(dataset);
      for (const part of [{}, { hiddenActors: ['isis'] }, { hiddenActors: ['isis'], timeRange: { start: '2016-07-14', end: '2016-07-14' } }]) {
        const outcome = deferred.applyFilter(filter(part));
        const expected = inline.setFilter(filter(part));
        expect(outcome.histogram).toBeUndefined();
        expect(outcome.histogramFollows === true).toBe(expected.histogram !== undefined);
        expect(expected.histogramFollows).toBeUndefined();
        expect(deferred.dueHistogram()).toEqual(expected.histogram);
        expect(deferred.dueHistogram()).toBeUndefined();
      }
    });

    it('counts every incident passing every filter but time: exact + spread + undated', () => {
      const cases: Array<[Partial<IncidentFilter>, (incident: IncidentFeature) => boolean]> = [
        [{}, () => true],
        [{ hiddenActors: ['isis'] }, (x) => x.properties.actors.some((a) => a.actor !== 'isis')],
        [{ sources: ['sohr'] }, (x) => x.properties.sources.some((s) => s.source === 'sohr')],
        [{ eventTypes: ['airstrike', 'offensive'] }, (x) => ['airstrike', 'offensive'].includes(x.properties.eventType)],
      ];
      for (const [part, keep] of cases) {
        const index = new ViewIndex(dataset);
        // Set with a time range too: the bars ignore it.
        const outcome = index.setFilter(filter({ ...part, timeRange: { start: '2016-07-14', end: '2016-07-14' } }));
        const expected = incidents.filter(keep);
        expect(histogramTotal(outcome), JSON.stringify(part)).toBeCloseTo(expected.length, 9);
        expect(outcome.histogram!.undated).toBe(expected.filter((x) => !x.properties.date).length);
      }
    });

    it('shares an incident spanning two day bars between them', () => {
      const index = new ViewIndex(dataset);
      const h = index.setFilter(NO_FILTER).histogram!;
      expect(h.unit).toBe('day'); // the data covers two days
      const multiDay = incidents.filter((x) => x.properties.date && x.properties.date.start !== x.properties.date.end);
      expect(multiDay.length).toBeGreaterThan(0);
      expect(h.spread.reduce((a, b) => a + b, 0)).toBeCloseTo(multiDay.length, 9);
      expect(h.exact.reduce((a, b) => a + b, 0)).toBe(incidents.length - multiDay.length);
      expect(h.starts).toHaveLength(h.exact.length + 1);
    });
  });

  describe('list, position and isShown', () => {
    const index = new ViewIndex(dataset);
    const casualtyOf = (incident: IncidentFeature) => {
      let most = -Infinity;
      for (const figure of incident.properties.casualties) {
        const value = figure.best ?? figure.min;
        if (value !== undefined && value > most) most = value;
      }
      return most; // -Infinity: no number given
    };

    function checkOrder(sort: ListSort, ids: string[]) {
      const objects = ids.map((id) => byId.get(id)!);
      for (let k = 1; k < objects.length; k++) {
        const [a, b] = [objects[k - 1]!, objects[k]!];
        const where = `${sort}: ${a.id} before ${b.id}`;
        if (sort === 'casualties') {
          expect(casualtyOf(a), where).toBeGreaterThanOrEqual(casualtyOf(b));
        } else {
          const [da, db] = [a.properties.date, b.properties.date];
          if (!da) expect(db, `${where}: undated last`).toBeUndefined();
          else if (db) {
            if (sort === 'newest') expect(da.start >= db.start, where).toBe(true);
            else expect(da.start <= db.start, where).toBe(true);
          }
        }
      }
    }

    const filters: Array<[string, Partial<IncidentFilter>]> = [
      ['no filter', {}],
      ['sohr', { sources: ['sohr'] }],
      ['15 July', { timeRange: { start: '2016-07-15', end: '2016-07-15' } }],
      ['nothing', { eventTypes: [] }],
    ];
    for (const [name, part] of filters) {
      for (const sort of ['newest', 'oldest', 'casualties'] as const) {
        it(`${name}, ${sort}: lists exactly the shown incidents, in order, in windows that add up`, () => {
          const outcome = index.setFilter(filter(part));
          const { rows, total } = listAll(index, sort);
          const ids = rows.map((row) => row.id);
          expect(total).toBe(outcome.visible);
          expect(sorted(ids)).toEqual(sorted(outcome.shownIds!));
          checkOrder(sort, ids);
          // Windows of 3 (the last one short) concatenate to the whole list.
          const windows: string[] = [];
          for (let offset = 0; offset < total + 3; offset += 3) {
            const page = index.list(sort, offset, 3);
            expect(page.total).toBe(total);
            expect(page.rows.length).toBe(Math.max(0, Math.min(3, total - offset)));
            windows.push(...page.rows.map((row) => row.id));
          }
          expect(windows).toEqual(ids);
          expect(index.list(sort, 2, 0).rows).toEqual([]);
          for (const [k, id] of ids.entries()) expect(index.position(sort, id), id).toBe(k);
          for (const incident of incidents) {
            const shown = ids.includes(incident.id);
            expect(index.isShown(incident.id), incident.id).toBe(shown);
            if (!shown) expect(index.position(sort, incident.id), incident.id).toBe(-1);
          }
        });
      }
    }

    it('puts the incident with the highest figure first when sorting by casualties', () => {
      index.setFilter(NO_FILTER);
      const best = Math.max(...incidents.map(casualtyOf));
      expect(best).toBeGreaterThan(0);
      const first = index.list('casualties', 0, 1).rows[0]!;
      expect(casualtyOf(byId.get(first.id)!)).toBe(best);
      expect(first.casualties).toBeDefined();
    });

    it('gives list rows the incident\'s own fields', () => {
      index.setFilter(NO_FILTER);
      for (const row of listAll(index, 'newest').rows) {
        const incident = byId.get(row.id)!;
        expect(row.title).toBe(incident.properties.title);
        expect(row.placeName).toBe(incident.properties.place.name);
        expect(row.eventType).toBe(incident.properties.eventType);
        expect(sorted(row.actorIds)).toEqual(sorted(new Set(incident.properties.actors.map((a) => a.actor))));
      }
    });

    it('answers -1 and false for an unknown id, and finds incidents by id whether shown or not', () => {
      index.setFilter(filter({ sources: ['sohr'] }));
      expect(index.position('newest', 'no-such-id')).toBe(-1);
      expect(index.isShown('no-such-id')).toBe(false);
      expect(index.incident('no-such-id')).toBeNull();
      for (const incident of incidents) expect(index.incident(incident.id)).toBe(incident);
    });
  });
});

/*
 * The built-in file's points written as plain GeoJSON (id, title, a date on some): no actors, no
 * precision, and undated incidents, which the built-in dataset does not have.
 */
describe('ViewIndex over plain GeoJSON with undated incidents', () => {
  const source = JSON.parse(readFileSync(BUILT_IN, 'utf8')) as { features: IncidentFeature[] };
  const plain = {
    type: 'FeatureCollection',
    features: source.features.map((feature, k) => ({
      type: 'Feature', geometry: feature.geometry,
      properties: { id: feature.id, title: feature.properties.title, ...(k % 3 === 1 ? {} : { date: feature.properties.date!.start }) },
    })),
  };
  const result = importDatasetText(JSON.stringify(plain), 'plain.geojson');
  if (!result.ok) throw new Error(result.error);
  const dataset = result.dataset;
  const index = new ViewIndex(dataset);
  const undatedIds = plain.features.filter((f) => !('date' in f.properties)).map((f) => f.properties.id);

  it('reads every feature, some undated', () => {
    expect(dataset.incidents).toHaveLength(plain.features.length);
    expect(undatedIds.length).toBeGreaterThan(1);
    expect(sorted(dataset.incidents.filter((x) => !x.properties.date).map((x) => x.id))).toEqual(sorted(undatedIds));
  });

  it('lists undated incidents last, newest and oldest first alike', () => {
    const outcome = index.setFilter(NO_FILTER);
    expect(outcome.visible).toBe(plain.features.length);
    for (const sort of ['newest', 'oldest'] as const) {
      const ids = listAll(index, sort).rows.map((row) => row.id);
      expect(sorted(ids.slice(ids.length - undatedIds.length)), sort).toEqual(sorted(undatedIds));
    }
  });

  it('counts undated incidents apart in the bars, and hides them while a range is set', () => {
    const outcome = new ViewIndex(dataset).setFilter(NO_FILTER);
    expect(outcome.histogram?.undated).toBe(undatedIds.length);
    expect(histogramTotal(outcome)).toBeCloseTo(plain.features.length, 9);
    const all = { start: '0001-01-01', end: '9999-12-31' };
    const ranged = index.setFilter(filter({ timeRange: all }));
    expect(ranged.visible).toBe(plain.features.length - undatedIds.length);
    for (const id of undatedIds) expect(index.isShown(id), id).toBe(false);
  });

  it('puts every incident in the NO_ACTOR layer, and none in "precise only" (precision unknown)', () => {
    const outcome = index.setFilter(filter({ preciseOnly: true }));
    expect(outcome.visible).toBe(0);
    expect(outcome.actorCounts[NO_ACTOR]).toBe(0); // the actor counts follow the other filters
    expect(index.setFilter(NO_FILTER).actorCounts[NO_ACTOR]).toBe(plain.features.length);
    expect(index.setFilter(filter({ hiddenActors: [NO_ACTOR] })).visible).toBe(0);
  });
});

/*
 * UCDP GED Syria 2016–2019, 16,566 events. Counts come from the CSV as papaparse reads it.
 */
describe.each([
  ['incident objects', false],
  // As the worker holds a CSV: columns and row spans, each incident read again from the text when asked for.
  ['rows read again from the text', true],
])('ViewIndex over the UCDP GED Syria CSV, from %s', (_, fromText) => {
  const TYPE_ID: Record<string, string> = { 1: 'state-based', 2: 'non-state', 3: 'one-sided' };
  const MARCH = { start: '2017-03-01', end: '2017-03-31' };
  type Row = Record<string, string>;
  let rows: Row[];
  let dataset: LoadedDataset;
  let index: ViewIndex;

  beforeAll(() => {
    const text = readFileSync(UCDP_CSV, 'utf8');
    const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    rows = parsed.data;
    const result = importDatasetText(text, 'ucdp-ged-syria-2016-2019.csv');
    if (!result.ok) throw new Error(result.error);
    dataset = result.dataset;
    if (!fromText) {
      index = new ViewIndex(dataset);
      return;
    }
    const collector = new RowCollector();
    const compact = importDatasetText(text, 'ucdp-ged-syria-2016-2019.csv', undefined, collector);
    if (!compact.ok || !compact.reread) throw new Error('no rows to read again');
    expect(compact.dataset.incidents).toEqual([]);
    index = new ViewIndex(compact.dataset, collector.finish(compact.reread));
  }, 60_000);

  it('gives each incident as the import read it, found by its id', () => {
    for (const incident of dataset.incidents.filter((_, i) => i % 97 === 0)) expect(index.incident(incident.id)).toEqual(incident);
    expect(index.incident('no-such-id')).toBeNull();
  });

  const inMarch = (row: Row) => row.date_start! <= MARCH.end && row.date_end! >= MARCH.start;
  const stateOrOneSided = (row: Row) => row.type_of_violence === '1' || row.type_of_violence === '3';
  /**
   * The row's text the search covers: the title (violence type, dyad, place), the headlines
   * (story and what each outlet says) and the outlets' names. adm_1 ("Deir ez Zor Governorate") is
   * only a note, not searched, unless it names the place for want of anything finer.
   */
  const searchedFields = (row: Row) => [
    row.dyad_name!, row.side_a!, row.side_b!,
    row.where_coordinates || row.adm_2 || row.adm_1 || row.country!,
    row.source_headline!, row.source_article!, row.source_office!,
  ];
  const mentionsDeir = (row: Row) => searchedFields(row).some((field) => simpleFold(field).includes('deir'));

  it('imports every row', () => {
    const perActor: Record<string, number> = {};
    for (const incident of dataset.incidents) for (const id of new Set(incident.properties.actors.map((a) => a.actor))) perActor[id] = (perActor[id] ?? 0) + 1;
    expect(index.actorTotals()).toEqual(perActor);
    expect(rows).toHaveLength(16_566);
    expect(dataset.incidents).toHaveLength(rows.length);
    expect(index.setFilter(NO_FILTER).visible).toBe(rows.length);
  });

  it('March 2017 shows exactly the events whose [date_start, date_end] overlaps March 2017', () => {
    const expected = rows.filter(inMarch);
    // Some events only partly overlap March (known to a range, week or month).
    expect(expected.some((row) => row.date_start! < MARCH.start || row.date_end! > MARCH.end)).toBe(true);
    const outcome = index.setFilter(filter({ timeRange: MARCH }));
    expect(outcome.visible).toBe(expected.length);
    expect(outcome.shownIds).toBeUndefined(); // too many for the page to draw one by one
    const listed = listAll(index, 'oldest');
    expect(listed.total).toBe(expected.length);
    expect(sorted(listed.rows.map((row) => row.id))).toEqual(sorted(expected.map((row) => row.id!)));
    expect(markerTotals(index, WORLD).count).toBe(expected.length);
  });

  it('the bars count every event of the kept types, whatever the range', () => {
    const outcome = index.setFilter(filter({ timeRange: MARCH, eventTypes: ['state-based', 'one-sided'] }));
    expect(outcome.histogram).toBeDefined();
    expect(histogramTotal(outcome)).toBeCloseTo(rows.filter(stateOrOneSided).length, 6);
    // Events known only to a month or a year are spread over several bars.
    expect(outcome.histogram!.spread.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('zoomed into March 2017, the bars are days, and they count the events dated within each', () => {
    const outcome = index.setFilter(filter({ eventTypes: ['state-based'] }), MARCH);
    const h = outcome.histogram!;
    expect(h.zoomed).toBe(true);
    expect(h.unit).toBe('day');
    const dayIndex = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${MARCH.start}T00:00:00Z`)) / 86_400_000;
    expect(h.starts).toHaveLength(32);
    const onTheDay = new Array<number>(31).fill(0);
    for (const row of rows) {
      if (row.type_of_violence === '1' && row.date_start === row.date_end && inMarch(row)) onTheDay[dayIndex(row.date_start!.slice(0, 10))]!++;
    }
    expect(h.exact).toEqual(onTheDay);
    // Unzoomed again: the whole dataset's bars, not zoomed.
    expect(index.setFilter(filter({ eventTypes: ['state-based'] })).histogram!.zoomed).toBe(false);
  });

  it('March 2017 and state-based or one-sided violence', () => {
    const expected = rows.filter((row) => inMarch(row) && stateOrOneSided(row));
    const outcome = index.setFilter(filter({ timeRange: MARCH, eventTypes: [TYPE_ID[1]!, TYPE_ID[3]!] }));
    expect(outcome.visible).toBe(expected.length);
    expect(expected.length).toBeLessThan(rows.filter(inMarch).length);
    expect(sorted(listAll(index, 'newest').rows.map((row) => row.id))).toEqual(sorted(expected.map((row) => row.id!)));
  });

  it('March 2017, state-based or one-sided, and "Deir"', () => {
    const timeAndType = new Set(rows.filter((row) => inMarch(row) && stateOrOneSided(row)).map((row) => row.id!));
    const expected = rows.filter((row) => timeAndType.has(row.id!) && mentionsDeir(row));
    expect(expected.length).toBeGreaterThan(5);
    const outcome = index.setFilter(filter({ timeRange: MARCH, eventTypes: ['state-based', 'one-sided'], query: 'Deir' }));
    const listed = listAll(index, 'casualties');
    expect(listed.total).toBe(outcome.visible);
    // Each one found is of March and of the types, and its searched text says "deir".
    for (const { id } of listed.rows) {
      expect(timeAndType.has(id), id).toBe(true);
      const p = index.incident(id)!.properties;
      const texts = [p.title, p.story, p.place.name, ...p.sources.flatMap((s) => [dataset.sources[s.source]?.name ?? s.source, s.says ?? ''])];
      expect(texts.some((text) => simpleFold(text).includes('deir')), id).toBe(true);
    }
    expect(sorted(listed.rows.map((row) => row.id))).toEqual(sorted(expected.map((row) => row.id!)));
    expect(outcome.visible).toBe(expected.length);
  });

  it('the events of a Deir ez-Zor governorate place not named "Deir" are not found by "Deir" unless their text says so', () => {
    const notNamed = rows.filter((row) => inMarch(row) && stateOrOneSided(row) && simpleFold(row.adm_1!).includes('deir') && !mentionsDeir(row));
    expect(notNamed.length).toBeGreaterThan(0);
    index.setFilter(filter({ timeRange: MARCH, eventTypes: ['state-based', 'one-sided'], query: 'Deir' }));
    for (const row of notNamed) expect(index.isShown(row.id!), row.id).toBe(false);
  });
});

/*
 * A big dataset's first view is answered before its index is built (the worker builds it after):
 * every answer must be the same before build() as after it, and a filter or search text from
 * before must carry over. UCDP GED Syria, read as the worker reads a CSV.
 */
describe('ViewIndex answers the same before its index is built as after', () => {
  const text = readFileSync(UCDP_CSV, 'utf8');
  function fresh(build: boolean): ViewIndex {
    const collector = new RowCollector();
    const result = importDatasetText(text, 'ucdp-ged-syria-2016-2019.csv', undefined, collector);
    if (!result.ok || !result.reread) throw new Error('no rows to read again');
    return new ViewIndex(result.dataset, collector.finish(result.reread), { build });
  }
  const views: ViewQuery[] = [
    { west: 34, south: 31, east: 43, north: 38, zoom: 6, cellPx: CELL_PX },
    { west: 36.9, south: 36, east: 37.4, north: 36.4, zoom: 10, cellPx: CELL_PX },
    { west: 37.1, south: 36.18, east: 37.2, north: 36.24, zoom: 14, cellPx: CELL_PX },
    { ...WORLD, zoom: 2.6 },
  ];
  /** What the page is told, with positions rounded (the pyramid sums its members in another order). */
  const markersOf = (index: ViewIndex, view: ViewQuery) => index.markers(view).map((m) => ({ ...m, lng: m.lng.toFixed(9), lat: m.lat.toFixed(9) })).sort((a, b) => a.key.localeCompare(b.key));
  const answers = (index: ViewIndex, query = '') => ({
    markers: views.map((v) => markersOf(index, v)),
    list: index.list('newest', 0, 50).rows.map((r) => r.id),
    total: index.list('casualties', 0, 0).total,
    visible: index.visibleCount,
    query,
  });
  /** The timeline's spread counts are sums of fractions, added in another order once rows are sorted by place. */
  const rounded = (outcome: FilterOutcome) => JSON.parse(JSON.stringify(outcome, (_, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(9)) : v))) as unknown;
  const steps: Array<[string, Partial<IncidentFilter>]> = [
    ['no filter', {}],
    ['March 2017', { timeRange: { start: '2017-03-01', end: '2017-03-31' } }],
    ['a hidden actor', { hiddenActors: ['is'] }],
    ['a search', { query: 'aleppo' }],
  ];

  it('gives the same markers, lists and counts for each filter', () => {
    const built = fresh(true), before = fresh(false);
    expect(before.built).toBe(false);
    for (const [name, part] of steps) {
      const f = filter(part);
      expect(rounded(before.setFilter(f)), name).toEqual(rounded(built.setFilter(f)));
      expect(answers(before, name)).toEqual(answers(built, name));
    }
    expect(before.built).toBe(false);
    expect(answers(built).markers.flat().length).toBeGreaterThan(20);
  });

  it('answers a view in the cells of the last answer from it (the map asking for the view asked ahead), and another view or filter afresh', () => {
    const index = fresh(false), other = fresh(false);
    const view = views[0]!;
    const first = index.markers(view);
    // Less than a pixel off: the same cells, the same answer, which a fresh index agrees with.
    const nudged = { ...view, west: view.west + 1e-9, north: view.north - 1e-9 };
    expect(index.markers(nudged)).toBe(first);
    expect(markersOf(index, nudged)).toEqual(markersOf(other, nudged));
    // Three degrees east (two cells at zoom 6), or with a layer hidden: worked out again.
    const east = { ...view, west: view.west + 3, east: view.east + 3 };
    expect(index.markers(east)).not.toBe(first);
    expect(markersOf(index, east)).toEqual(markersOf(other, east));
    const hidden = filter({ hiddenActors: ['is'] });
    index.setFilter(hidden);
    other.setFilter(hidden);
    expect(index.markers(view)).not.toBe(first);
    expect(markersOf(index, view)).toEqual(markersOf(other, view));
    expect(markersOf(index, view)).not.toEqual(markersOf(fresh(false), view));
  });

  it('keeps the filter, the search text and the answers across build()', () => {
    const built = fresh(true), before = fresh(false);
    const f = filter({ query: 'deir', timeRange: { start: '2016-06-01', end: '2017-12-31' } });
    before.setFilter(f);
    built.setFilter(f);
    const answer = answers(before);
    before.build();
    expect(before.built).toBe(true);
    expect(answers(before)).toEqual(answer);
    expect(answers(before)).toEqual(answers(built));
    // The search text folded before build() is used after it (and agrees with a fresh fold).
    const g = filter({ query: 'raqqa' });
    expect(rounded(before.setFilter(g))).toEqual(rounded(built.setFilter(g)));
    expect(answers(before)).toEqual(answers(built));
  });

  it('answers the same after warming up for filters, through a run of actor toggles (the pyramid folding its pairs)', () => {
    const warmed = fresh(true), before = fresh(false);
    const hide = filter({ hiddenActors: ['government-of-syria'] });
    warmed.setFilter(hide);
    before.setFilter(hide);
    warmed.warmUp();
    warmed.warmFilters();
    expect(answers(warmed)).toEqual(answers(before));
    for (const hidden of [[], ['is'], ['is', 'sdf'], ['government-of-syria'], []]) {
      const f = filter({ hiddenActors: hidden });
      expect(rounded(warmed.setFilter(f)), hidden.join()).toEqual(rounded(before.setFilter(f)));
      expect(answers(warmed, hidden.join())).toEqual(answers(before, hidden.join()));
    }
    expect(before.visibleCount).toBe(16_566);
  });

  it('after an actor toggle answered without its pass over the rows, whatever reads the rows first reads the toggle\'s', () => {
    const built = fresh(true), before = fresh(false);
    built.warmUp();
    built.warmFilters();
    const deep = views[2]!;
    const stackAt = built.markers(deep).find((m) => m.stack)!;
    const someIds = built.list('oldest', 0, 2000).rows.filter((_, i) => i % 41 === 0).map((r) => r.id);
    // Each reader is the first thing asked after a toggle; each toggle changes what it answers.
    const readers: Array<[string, (index: ViewIndex) => unknown]> = [
      ['deep markers (the points, not the pyramid)', (index) => markersOf(index, deep)],
      ['a list page', (index) => index.list('newest', 0, 50).rows.map((r) => r.id)],
      ['positions', (index) => someIds.map((id) => index.position('newest', id))],
      ['isShown', (index) => someIds.map((id) => index.isShown(id))],
      ['a stack', (index) => index.stack(deep, stackAt.lng, stackAt.lat)],
      ['the histogram', (index) => index.dueHistogram()],
      ['an export\'s incidents', (index) => Array.from(index.shownFileRows(), (row) => index.readFileRow(row).id)],
    ];
    const hiddenSets = [['government-of-syria'], ['is'], ['government-of-syria', 'syrian-insurgents'], ['sdf'], [], ['is', 'government-of-syria'], ['syrian-insurgents']];
    // The histogram is due once per filter: before a toggle, the one the last toggle left.
    let lastHistogram: unknown;
    hiddenSets.forEach((hidden, k) => {
      const [name, read] = readers[k % readers.length]!;
      const previous = name === 'the histogram' ? lastHistogram : read(before);
      const f = filter({ hiddenActors: hidden });
      const outcome = built.applyFilter(f);
      expect(rounded(outcome), hidden.join()).toEqual(rounded(before.applyFilter(f)));
      // The map's answer came from the pyramid's pairs; the rows' pass is still to run.
      expect(built.passDue, hidden.join()).toBe(true);
      expect(markersOf(built, views[0]!), hidden.join()).toEqual(markersOf(before, views[0]!));
      expect(built.passDue, hidden.join()).toBe(true);
      const expected = read(before);
      expect(rounded(read(built) as FilterOutcome), `${name} after hiding ${hidden.join()}`).toEqual(rounded(expected as FilterOutcome));
      expect(built.passDue).toBe(false);
      // The toggle changed this reader's answer: one that read the rows before it would have failed.
      expect(expected, `${name} after hiding ${hidden.join()}`).not.toEqual(previous);
      if (name === 'the histogram') expect(previous, 'the histogram before the toggle').toBeDefined();
      built.dueHistogram();
      lastHistogram = before.dueHistogram() ?? expected;
    });
  });

  it('lists pages asked in any order, and finds positions deep in the list, as one full listing does', { timeout: 20_000 }, () => {
    // The list is filled only as far as a page needs: a late page first, then the first, then the
    // middle, and positions past the first thousand must all agree with one listing of everything.
    const reference = fresh(false), paged = fresh(false);
    const lengths: number[] = [];
    for (const [name, part] of steps.slice(0, 3)) {
      const f = filter(part);
      reference.setFilter(f);
      paged.setFilter(f);
      const all = reference.list('oldest', 0, 1_000_000);
      const ids = all.rows.map((r) => r.id);
      expect(ids.length, name).toBe(all.total);
      for (const offset of [Math.max(0, all.total - 40), 0, Math.floor(all.total / 2), 100]) {
        const page = paged.list('oldest', offset, 50);
        expect(page.total, `${name} @${offset}`).toBe(all.total);
        expect(page.rows.map((r) => r.id), `${name} @${offset}`).toEqual(ids.slice(offset, offset + 50));
      }
      // Positions: near the top, past the first thousand, and at the end, in a list not yet filled that far.
      paged.setFilter(filter({ ...part, hiddenActors: [] }));
      paged.setFilter(f);
      for (const k of [0, 999, 1000, 1001, Math.floor(ids.length / 2), ids.length - 1].filter((k) => k < ids.length)) {
        expect(paged.position('oldest', ids[k]!), `${name} position ${k}`).toBe(k);
      }
      lengths.push(ids.length);
    }
    // Lists long enough to have positions past the first thousand (all 16,566; all but one actor's).
    expect(lengths.filter((n) => n > 1000).length).toBe(2);
  });

  it('finds incidents by id and lists a stack the same way', () => {
    const built = fresh(true), before = fresh(false);
    const ids = built.list('oldest', 0, 2000).rows.filter((_, i) => i % 101 === 0).map((r) => r.id);
    for (const id of ids) {
      expect(before.incident(id)).toEqual(built.incident(id));
      expect(before.position('oldest', id)).toBe(built.position('oldest', id));
    }
    const deep = views[2]!;
    const stack = built.markers(deep).find((m) => m.stack);
    expect(stack, 'a stack at one point in the deep view').toBeDefined();
    expect(before.stack(deep, stack!.lng, stack!.lat)).toEqual(built.stack(deep, stack!.lng, stack!.lat));
    expect(before.stack(deep, stack!.lng, stack!.lat).briefs.length).toBeGreaterThan(1);
  });
});

describe('our GeoJSON format handed to a sink as it is validated', () => {
  // The UCDP Syria events written in our own format (as the app exports them): 16,566 features.
  const csv = importDatasetText(readFileSync(UCDP_CSV, 'utf8'), 'ucdp-ged-syria-2016-2019.csv');
  if (!csv.ok) throw new Error(csv.error);
  const text = JSON.stringify(toIncidentCollection(csv.dataset, csv.dataset.incidents));
  const views: ViewQuery[] = [WORLD, { west: 34, south: 31, east: 43, north: 38, zoom: 6, cellPx: CELL_PX }, { west: 36.9, south: 36, east: 37.4, north: 36.4, zoom: 10, cellPx: CELL_PX }];
  const answers = (index: ViewIndex) => ({
    totals: index.actorTotals(),
    markers: views.map((v) => index.markers(v).map((m) => ({ ...m, lng: m.lng.toFixed(9), lat: m.lat.toFixed(9) })).sort((a, b) => a.key.localeCompare(b.key))),
    list: index.list('newest', 0, 300).rows.map((r) => r.id),
    hidden: index.setFilter(filter({ hiddenActors: ['government-of-syria'], timeRange: { start: '2017-01-01', end: '2017-06-30' } })).visible,
  });

  it('gives the index the same incidents and answers as the dataset\'s list of them', () => {
    const listed = importDatasetText(text, 'syria.geojson');
    const collector = new RowCollector();
    const sunk = importDatasetText(text, 'syria.geojson', undefined, collector);
    if (!listed.ok || !sunk.ok) throw new Error('did not import');
    expect(listed.dataset.incidents).toHaveLength(16_566);
    expect(sunk.dataset.incidents).toEqual([]);
    expect(collector.length).toBe(16_566);
    expect({ ...sunk.dataset, incidents: listed.dataset.incidents }).toEqual(listed.dataset);
    const fromList = new ViewIndex(listed.dataset);
    // Read again from the text when asked for: no incident object is kept.
    expect(sunk.reread).toBeDefined();
    const fromSink = new ViewIndex(sunk.dataset, collector.finish(sunk.reread, Object.keys(sunk.dataset.actors)));
    expect(answers(fromSink)).toEqual(answers(fromList));
    for (const incident of listed.dataset.incidents.filter((_, i) => i % 501 === 0)) expect(fromSink.incident(incident.id)).toEqual(incident);
  }, 60_000);

  it('gives it the others when a feature fails the structural check, which rejects it only after validation', () => {
    const json = JSON.parse(text) as { features: Array<{ geometry: { coordinates: number[] } }> };
    json.features[3]!.geometry.coordinates = [36.2];
    const collector = new RowCollector();
    const result = importDatasetText(JSON.stringify(json), 'syria.geojson', undefined, collector);
    if (!result.ok) throw new Error(result.error);
    expect(collector.length).toBe(16_565);
    expect(result.dataset.incidents).toEqual([]);
    expect(result.dataset.rejected.map((r) => r.index)).toEqual([3]);
    expect(result.dataset.rejected[0]!.reasons.map((r) => r.field)).toEqual(['geometry.coordinates']);
  }, 60_000);
});

describe('ViewIndex passes over many rows without the recent-rows cache', () => {
  it('reads rows for the search text and an export with read, and a popup\'s with get', () => {
    const dataset = load(UCDP_CSV);
    const rows = rowsOfIncidents(dataset.incidents, Object.keys(dataset.actors), Object.keys(dataset.sources));
    const asked = { get: 0, read: 0 };
    const store = { length: rows.store.length, get: (row: number) => (asked.get++, rows.store.get(row)), read: (row: number) => (asked.read++, rows.store.read(row)) };
    const index = new ViewIndex(dataset, { ...rows, store });
    const shown = index.setFilter(filter({ query: 'Aleppo', hiddenActors: ['government-of-syria'] })).visible;
    expect(asked).toEqual({ get: 0, read: dataset.incidents.length });
    const exported = Array.from(index.shownFileRows(), (row) => index.readFileRow(row));
    expect(exported).toHaveLength(shown);
    expect(exported.map((incident) => incident.id)).toEqual(dataset.incidents.filter((incident) => exported.includes(incident)).map((incident) => incident.id));
    expect(asked).toEqual({ get: 0, read: dataset.incidents.length + shown });
    expect(index.incident(exported[0]!.id)).toEqual(exported[0]);
    expect(asked.get).toBeGreaterThan(0);
  });
});
