import { describe, expect, it } from 'vitest';
import { NO_ACTOR } from './actor-layers';
import { NO_FILTER, type IncidentFilter } from './incident-filter';
import { mulberry32 } from './index/synthetic-incidents';
import {
  DEFAULT_VIEW_STATE,
  decodeViewState,
  encodeViewState,
  reconcileWithDataset,
  sameDataset,
  sameView,
  withoutDatasetParts,
  type BaseLayer,
  type ListSort,
  type MapView,
  type ViewState,
} from './view-state';

function view(filter: Partial<IncidentFilter> = {}, rest: Partial<Omit<ViewState, 'filter'>> = {}): ViewState {
  return { ...DEFAULT_VIEW_STATE, ...rest, filter: { ...NO_FILTER, ...filter } };
}

function decodeClean(search: string): ViewState {
  const { state, notices } = decodeViewState(search);
  expect(notices).toEqual([]);
  return state;
}

// ---------------------------------------------------------------------------------------------
// Random views

/** Pieces of ids: ordinary slugs, and every character the query string gives a meaning to. */
const ID_PIECES = ['a', 'b', 'sohr', 'syrian-government', '-', '_', '.', ',', '%', '%2C', '%E0%A4%A', '&', '=', '?', '#', '/', ':', '+', ' ', '  ', '(', ')', "'", '*', '~',
  'داعش', 'حلب', '😀', '🇸🇾', 'é', '\u00a0', '\t', '\n'];

function randomId(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 5);
  let id = '';
  for (let i = 0; i < n; i++) id += ID_PIECES[Math.floor(rand() * ID_PIECES.length)]!;
  return id;
}

function randomIds(rand: () => number): string[] {
  return Array.from({ length: Math.floor(rand() * 5) }, () => randomId(rand));
}

const DAY_MS = 86_400_000;
function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function randomView(rand: () => number): ViewState {
  const pick = <T>(options: readonly T[]): T => options[Math.floor(rand() * options.length)]!;
  const maybe = (p: number) => rand() < p;
  const dayA = Math.floor(-20_000 + rand() * 45_000), dayB = dayA + Math.floor(rand() * 3000);
  const map: MapView | null = maybe(0.6)
    ? {
        zoom: pick([0, 20, Math.floor(rand() * 21), rand() * 20]),
        lat: pick([0, 85.06, -85.06, (rand() * 2 - 1) * 85.06]),
        lng: pick([-180, 179.999999, (rand() * 2 - 1) * 540]),
      }
    : null;
  const data = maybe(0.4) ? pick(['https://example.org/data/incidents.geojson?v=2&x=1', '/data/my file.csv', `d${randomId(rand)}`]) : null;
  return {
    data,
    // A file's name as a browser gives one: no folder, no control characters; never beside data.
    file: data === null && maybe(0.4) ? pick(['events.csv', 'Syria events, 2016 (1).csv', 'أحداث حلب.geojson', `${randomId(rand).replace(/[/\\\t\n]/g, '_')}.csv`]) : null,
    filter: {
      hiddenActors: randomIds(rand),
      timeRange: maybe(0.5) ? { start: isoOf(dayA), end: isoOf(dayB) } : null,
      eventTypes: maybe(0.5) ? randomIds(rand) : null,
      sources: maybe(0.5) ? randomIds(rand) : null,
      singleSource: maybe(0.5),
      preciseOnly: maybe(0.5),
      query: maybe(0.5) ? randomId(rand).trim() : '',
    },
    selectedId: maybe(0.5) ? randomId(rand) : null,
    map,
    base: pick<BaseLayer>(['offline', 'osm']),
    sort: pick<ListSort>(['newest', 'oldest', 'casualties']),
  };
}

/** What a view should come back as: lists as sorted sets; the map is compared apart (it is rounded). */
function canonical(state: ViewState): ViewState {
  const set = (ids: readonly string[]) => [...new Set(ids)].sort();
  const { filter } = state;
  return {
    ...state,
    map: null,
    filter: {
      ...filter,
      hiddenActors: set(filter.hiddenActors),
      eventTypes: filter.eventTypes && set(filter.eventTypes),
      sources: filter.sources && set(filter.sources),
    },
  };
}

/** Longitudes are the same meridian when they differ by a multiple of 360°. */
function lngDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return Math.min(d, 360 - d);
}

describe('round trip', () => {
  it('gives back every random view (ids with , % & = spaces, Arabic, emoji; ranges; map views)', () => {
    const rand = mulberry32(20160315);
    for (let i = 0; i < 600; i++) {
      const state = randomView(rand);
      const link = encodeViewState(state);
      const { state: back, notices } = decodeViewState(`?${link}`);
      expect(notices, link).toEqual([]);
      expect({ ...back, map: null }, link).toEqual(canonical(state));
      if (state.map === null) {
        expect(back.map).toBeNull();
      } else {
        const got = back.map!;
        // Lat/lng get ≥ 1 decimal (half a unit of 0.1° off at most), the zoom 2 decimals.
        expect(Math.abs(got.zoom - state.map.zoom), link).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs(got.lat - state.map.lat), link).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(lngDistance(got.lng, state.map.lng), link).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(got.lng).toBeGreaterThanOrEqual(-180);
        expect(got.lng).toBeLessThan(180);
      }
      // Writing what was read gives the same link: the address bar does not churn.
      expect(encodeViewState(back)).toBe(link);
      expect(sameView(back, state)).toBe(true);
    }
  });

  it('writes what URLSearchParams (how data-param.ts reads ?data=) reads back the same', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 200; i++) {
      const state = randomView(rand);
      const params = new URLSearchParams(encodeViewState(state));
      expect(params.get('data')).toBe(state.data);
      expect(params.get('file')).toBe(state.file);
      expect(params.get('q')).toBe(state.filter.query === '' ? null : state.filter.query);
      expect(params.get('id')).toBe(state.selectedId);
    }
  });

  it('keeps the precision the zoom can show', () => {
    const at = (zoom: number) => encodeViewState(view({}, { map: { zoom, lat: 35.123456789, lng: 38.987654321 } }));
    expect(at(0)).toBe('map=0/35.1/39');
    expect(at(3)).toBe('map=3/35.12/38.99');
    expect(at(7)).toBe('map=7/35.1235/38.9877');
    expect(at(12.5)).toBe('map=12.5/35.12346/38.98765');
    expect(at(18)).toBe('map=18/35.12346/38.98765');
    expect(encodeViewState(view({}, { map: { zoom: 7.123456, lat: -0.000001, lng: 0 } }))).toBe('map=7.12/0/0');
  });

  it('normalises longitudes into [-180, 180) and keeps the latitude within what the decoder accepts', () => {
    expect(encodeViewState(view({}, { map: { zoom: 5, lat: 10, lng: 190 } }))).toBe('map=5/10/-170');
    expect(encodeViewState(view({}, { map: { zoom: 5, lat: 10, lng: 180 } }))).toBe('map=5/10/-180');
    expect(encodeViewState(view({}, { map: { zoom: 0, lat: 85.06, lng: 0 } }))).toBe('map=0/85.06/0');
    expect(decodeClean('map=4/20/540').map).toEqual({ zoom: 4, lat: 20, lng: -180 });
    expect(decodeClean('map=4/20/-190.5').map).toEqual({ zoom: 4, lat: 20, lng: 169.5 });
    expect(encodeViewState(view({}, { map: { zoom: NaN, lat: 1, lng: 2 } }))).toBe('');
  });
});

describe('the link', () => {
  it('is empty for the default view, and an empty link is the default view', () => {
    expect(encodeViewState(DEFAULT_VIEW_STATE)).toBe('');
    expect(encodeViewState(view({ query: '   ', hiddenActors: [] }, { selectedId: '' }))).toBe('');
    expect(decodeClean('')).toEqual(DEFAULT_VIEW_STATE);
    expect(decodeClean('?')).toEqual(DEFAULT_VIEW_STATE);
    expect(decodeClean('?&&')).toEqual(DEFAULT_VIEW_STATE);
  });

  const full = view(
    {
      hiddenActors: ['syrian-government', 'isis', NO_ACTOR, 'isis'],
      timeRange: { start: '2016-03-01', end: '2016-03-31' },
      eventTypes: ['shelling', 'airstrike'],
      sources: ['sohr'],
      singleSource: true,
      preciseOnly: true,
      query: '  barrel bomb ',
    },
    { data: 'https://example.org/data/aleppo.geojson', selectedId: 'inc-42', map: { zoom: 7, lat: 35.2, lng: 38.9 }, base: 'osm', sort: 'casualties' },
  );
  const fullLink = 'data=https://example.org/data/aleppo.geojson&hide=(no+actor+named),isis,syrian-government&type=airstrike,shelling'
    + '&source=sohr&from=2016-03-01&to=2016-03-31&single=1&precise=1&q=barrel+bomb&id=inc-42&map=7/35.2/38.9&base=osm&sort=casualties';

  it('writes the parameters in a fixed order, lists sorted and once, readable', () => {
    expect(encodeViewState(full)).toBe(fullLink);
  });

  it('reads the parameters in any order', () => {
    const shuffled = fullLink.split('&').reverse().join('&');
    const state = decodeClean(`?${shuffled}`);
    expect(state).toEqual(decodeClean(fullLink));
    expect(encodeViewState(state)).toBe(fullLink);
    expect(state.filter.query).toBe('barrel bomb');
    expect(state.filter.hiddenActors).toEqual([NO_ACTOR, 'isis', 'syrian-government']);
  });

  it('writes equal views as equal links, whatever the order of their lists', () => {
    const a = view({ eventTypes: ['b', 'a', 'c'], sources: ['y', 'x'] });
    const b = view({ eventTypes: ['c', 'a', 'b', 'a'], sources: ['x', 'y'] });
    expect(encodeViewState(a)).toBe(encodeViewState(b));
    expect(encodeViewState(a)).toBe('type=a,b,c&source=x,y');
  });

  it('encodes each id on its own, so commas and percents inside ids survive', () => {
    const state = view({ eventTypes: ['a,b', '100%', 'x&y=z'] });
    expect(encodeViewState(state)).toBe('type=100%25,a%2Cb,x%26y%3Dz');
    expect(decodeClean('type=a%2Cb,c').filter.eventTypes).toEqual(['a,b', 'c']);
  });

  it('tells an empty type or source list (nothing) from an absent one (everything)', () => {
    expect(decodeClean('type=').filter.eventTypes).toEqual([]);
    expect(decodeClean('source=').filter.sources).toEqual([]);
    expect(decodeClean('').filter.eventTypes).toBeNull();
    expect(encodeViewState(view({ eventTypes: [] }))).toBe('type=');
    expect(encodeViewState(view({ sources: [] }))).toBe('source=');
    expect(sameView(view({ eventTypes: [] }), view({ eventTypes: null }))).toBe(false);
  });

  it("reads '+' as a space, as browsers encode forms, and %2B as a plus", () => {
    expect(decodeClean('q=barrel+bomb').filter.query).toBe('barrel bomb');
    expect(decodeClean('hide=free+syrian+army').filter.hiddenActors).toEqual(['free syrian army']);
    expect(decodeClean('q=c%2B%2B').filter.query).toBe('c++');
    expect(encodeViewState(view({ query: 'a+b c' }))).toBe('q=a%2Bb+c');
  });

  it('reads booleans as 1/true/yes and 0/false/no', () => {
    for (const yes of ['1', 'true', 'yes', 'YES']) expect(decodeClean(`single=${yes}&precise=${yes}`).filter).toMatchObject({ singleSource: true, preciseOnly: true });
    for (const no of ['0', 'false', 'no']) expect(decodeClean(`single=${no}&precise=${no}`).filter).toMatchObject({ singleSource: false, preciseOnly: false });
  });

  it('ignores the benchmark hook silently and never writes it', () => {
    expect(decodeClean('bench=1&sort=oldest&bench=2')).toEqual(view({}, { sort: 'oldest' }));
  });

  it('keeps data as given; data-param.ts decides whether it may be opened', () => {
    expect(decodeClean('data=javascript:alert(1)').data).toBe('javascript:alert(1)');
    // Blank is no dataset, as data-param.ts reads it (else the app, opening the built-in one, would rewrite the address and trap Back).
    expect(decodeClean('data=').data).toBeNull();
    expect(decodeClean('data=%20%0A').data).toBeNull();
  });
});

describe('file: a view of a file from the reader\'s computer', () => {
  it('writes the file\'s name readably, after data\'s place and before the filters, and reads it back', () => {
    const state = view({ hiddenActors: ['isis'] }, { file: 'Syria events, 2016 (1).csv', selectedId: 'inc-1' });
    const link = encodeViewState(state);
    expect(link).toBe('file=Syria+events,+2016+(1).csv&hide=isis&id=inc-1');
    expect(decodeClean(link)).toEqual(state);
    expect(decodeClean('file=%D8%A3%D8%AD%D8%AF%D8%A7%D8%AB.csv').file).toBe('أحداث.csv');
    expect(decodeClean('file=100%25+%2B+a%26b%3D.csv').file).toBe('100% + a&b=.csv');
  });

  it('reads a blank file= as no file, silently, as a blank data=', () => {
    expect(decodeClean('file=').file).toBeNull();
    expect(decodeClean('file=+%20').file).toBeNull();
    expect(encodeViewState(view({}, { file: '' }))).toBe('');
  });

  it('opens data= when a link names both, and says file= was ignored', () => {
    const { state, notices } = decodeViewState('file=events.csv&data=/shared/events.csv&sort=oldest');
    expect(state).toEqual(view({}, { data: '/shared/events.csv', sort: 'oldest' }));
    expect(notices).toEqual(['Ignored the file "events.csv" in the link: it also names a dataset to open ("data"), which is opened instead.']);
  });

  it('never writes a name that would not read back: a folder, control characters, too long, or beside data', () => {
    for (const file of ['a/b.csv', 'a\\b.csv', 'a\nb.csv', 'a\u0000.csv', 'x'.repeat(256), '   ']) {
      expect(encodeViewState(view({}, { file })), file).toBe('');
    }
    expect(encodeViewState(view({}, { file: 'x'.repeat(255) }))).toBe(`file=${'x'.repeat(255)}`);
    expect(encodeViewState(view({}, { data: '/d.csv', file: 'events.csv' }))).toBe('data=/d.csv');
  });

  it('says which view belongs to which dataset', () => {
    const builtIn = { data: null, file: null };
    expect(sameDataset(view(), builtIn)).toBe(true);
    expect(sameDataset(view({}, { file: 'events.csv' }), builtIn)).toBe(false);
    expect(sameDataset(view({}, { file: 'events.csv' }), { data: null, file: 'events.csv' })).toBe(true);
    expect(sameDataset(view({}, { file: 'events.csv' }), { data: null, file: 'Events.csv' })).toBe(false);
    expect(sameDataset(view({}, { data: '/events.csv' }), { data: null, file: 'events.csv' })).toBe(false);
    expect(sameView(view({}, { file: 'a.csv' }), view({}, { file: 'b.csv' }))).toBe(false);
  });

  it('leaves out the parts that belong to the view\'s dataset, and keeps the reader\'s base layer and list order', () => {
    const state = view(
      { hiddenActors: ['isis'], eventTypes: ['shelling'], sources: ['sohr'], timeRange: { start: '2016-03-01', end: '2016-03-31' }, singleSource: true, preciseOnly: true, query: 'Barad' },
      { file: 'events.csv', selectedId: 'inc-1', map: { zoom: 7, lat: 35, lng: 38 }, base: 'osm', sort: 'casualties' },
    );
    expect(withoutDatasetParts(state)).toEqual(view({}, { file: 'events.csv', base: 'osm', sort: 'casualties' }));
  });
});

describe('lenient dates', () => {
  const range = (search: string) => decodeClean(search).filter.timeRange;

  it('expands months to their first and last day, leap years right', () => {
    expect(range('from=2016-03&to=2016-03')).toEqual({ start: '2016-03-01', end: '2016-03-31' });
    expect(range('from=2016-02&to=2016-02')).toEqual({ start: '2016-02-01', end: '2016-02-29' });
    expect(range('from=2015-02&to=2015-02')).toEqual({ start: '2015-02-01', end: '2015-02-28' });
    expect(range('from=2000-02&to=2000-02')).toEqual({ start: '2000-02-01', end: '2000-02-29' });
    expect(range('from=1900-02&to=1900-02')).toEqual({ start: '1900-02-01', end: '1900-02-28' });
    expect(range('from=2016-04&to=2016-04')).toEqual({ start: '2016-04-01', end: '2016-04-30' });
  });

  it('expands years to their first and last day', () => {
    expect(range('from=2016&to=2016')).toEqual({ start: '2016-01-01', end: '2016-12-31' });
    expect(range('from=2014&to=2016-06-15')).toEqual({ start: '2014-01-01', end: '2016-06-15' });
  });

  it('accepts 29 February in a leap year only', () => {
    expect(range('from=2016-02-29&to=2016-02-29')).toEqual({ start: '2016-02-29', end: '2016-02-29' });
    expect(decodeViewState('from=2015-02-29&to=2015-03-01').state.filter.timeRange).toBeNull();
  });
});

describe('a bad part of the link costs only that part, with a notice', () => {
  // Each case: why, and the bad part. id=inc-1 rides along in every case to show that the rest of
  // the link is still applied.
  const cases: [string, string][] = [
    ['invalid day', 'from=2016-02-30&to=2016-03-31'],
    ['not a date', 'from=yesterday&to=2016-03-31'],
    ['bad month', 'from=2016-13&to=2016-12'],
    ['only from', 'from=2016-03-01'],
    ['only to', 'to=2016-03-01'],
    ['from after to', 'from=2016-05&to=2016-03'],
    ['zoom 99', 'map=99/35/38'],
    ['lat 91', 'map=7/91/38'],
    ['lat just past the limit', 'map=7/85.07/38'],
    ['NaN', 'map=7/NaN/38'],
    ['missing part', 'map=7/35'],
    ['hex', 'map=0x7/35/38'],
    ['empty', 'map='],
    ['too large', `map=7/35/${'9'.repeat(400)}`],
    ['unknown base', 'base=satellite'],
    ['unknown sort', 'sort=random'],
    ['bad boolean', 'single=maybe'],
    ['empty boolean', 'precise'],
    ['unknown param', 'foo=bar'],
    ['unknown param without value', 'utm_source'],
    ['malformed percent in q', 'q=%E0%A4%A'],
    ['malformed percent in a list', 'type=shelling,%E0%A4%A'],
    ['malformed percent in data', 'data=%'],
    ['malformed percent in a name', '%E0%A4%A=1'],
    ['file in a folder', 'file=reports/events.csv'],
    ['file with a backslash', 'file=C:%5Cevents.csv'],
    ['file with a line break', 'file=events%0A.csv'],
    ['file with a NUL', 'file=events%00.csv'],
    ['file name too long', `file=${'x'.repeat(256)}.csv`],
    ['malformed percent in file', 'file=%E0%A4%A.csv'],
  ];

  it.each(cases)('%s: %s', (_why, bad) => {
    const { state, notices } = decodeViewState(`?${bad}&id=inc-1`);
    expect(state).toEqual(view({}, { selectedId: 'inc-1' }));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^[A-Z].*\.$/);
  });

  it('names the unknown parameter in the notice', () => {
    expect(decodeViewState('foo=bar&foo=baz').notices).toEqual(['Ignored "foo" in the link: not something a view can hold.']);
  });

  it('uses the first of a repeated parameter, with one notice', () => {
    const { state, notices } = decodeViewState('q=first&sort=oldest&q=second&q=third');
    expect(state.filter.query).toBe('first');
    expect(state.sort).toBe('oldest');
    expect(notices).toEqual(['The link gives "q" more than once; the first one is used.']);
  });

  it('keeps a repeated parameter whose first value is bad at its default', () => {
    const { state, notices } = decodeViewState('base=satellite&base=osm');
    expect(state.base).toBe('offline');
    expect(notices).toHaveLength(2);
  });

  it('says what is wrong with the time range', () => {
    expect(decodeViewState('from=2016-05&to=2016-03').notices[0]).toContain('starts on 2016-05-01, after it ends on 2016-03-31');
    expect(decodeViewState('from=2016-03').notices[0]).toContain('no end');
    expect(decodeViewState('from=2016-02-30&to=2016-03').notices[0]).toContain('"2016-02-30" is not a date');
  });

  it('cuts a long value short in its notice', () => {
    const notice = decodeViewState(`base=${'x'.repeat(5000)}`).notices[0]!;
    expect(notice.length).toBeLessThan(200);
  });

  it('never throws, whatever the link', () => {
    const rand = mulberry32(99);
    const pieces = ['%', '%E0', '%A4%A', '%2', '&', '=', '+', ',', '/', '?', 'from', 'to', 'map', 'type', 'hide', 'q', 'data', 'file', '2016', '-02', '7', '.', 'NaN', '😀', '\uD800', 'x'];
    for (let i = 0; i < 2000; i++) {
      let search = '';
      for (let n = Math.floor(rand() * 12); n > 0; n--) search += pieces[Math.floor(rand() * pieces.length)]!;
      const { state, notices } = decodeViewState(search);
      for (const notice of notices) expect(typeof notice).toBe('string');
      // Whatever was read writes a link that reads back cleanly.
      expect(decodeViewState(encodeViewState(state)).notices, search).toEqual([]);
    }
  });

  it('writes a link even for an id the link cannot carry (a lone surrogate)', () => {
    expect(encodeViewState(view({}, { selectedId: 'a\uD800b' }))).toBe('id=a%EF%BF%BDb');
  });

  it('leaves out a malformed time range when writing', () => {
    expect(encodeViewState(view({ timeRange: { start: '2016-05-01', end: '2016-03-01' } }))).toBe('');
    expect(encodeViewState(view({ timeRange: { start: '2016-02-30', end: '2016-03-01' } }))).toBe('');
  });
});

describe('reconcileWithDataset', () => {
  const known = { actors: ['isis', 'syrian-government'], eventTypes: ['airstrike', 'shelling'], sources: ['sohr', 'sana'] };

  it('drops ids the dataset does not have, naming them, and keeps the known ones', () => {
    const state = view({
      hiddenActors: ['isis', 'x', NO_ACTOR],
      eventTypes: ['airstrike', 'air-strike', 'ied'],
      sources: ['sohr', 'unknown-outlet'],
    }, { sort: 'oldest', selectedId: 'inc-1' });
    const { state: reconciled, notices } = reconcileWithDataset(state, known);
    expect(reconciled).toEqual(view({ hiddenActors: ['isis', NO_ACTOR], eventTypes: ['airstrike'], sources: ['sohr'] }, { sort: 'oldest', selectedId: 'inc-1' }));
    expect(notices).toEqual([
      'The link hides an actor this dataset doesn\'t have: "x".',
      'The link asks for event types this dataset doesn\'t have: "air-strike", "ied".',
      'The link asks for a source this dataset doesn\'t have: "unknown-outlet".',
    ]);
  });

  it('changes nothing and says nothing when every id is known', () => {
    const state = view({ hiddenActors: ['isis', NO_ACTOR], eventTypes: ['shelling'], sources: null });
    expect(reconcileWithDataset(state, known)).toEqual({ state, notices: [] });
  });

  it('keeps a list that loses every id as an empty list: the link asked for only those', () => {
    const { state, notices } = reconcileWithDataset(view({ eventTypes: ['ied'] }), known);
    expect(state.filter.eventTypes).toEqual([]);
    expect(notices).toHaveLength(1);
  });

  it('drops an actor the dataset names but never as acting (no layer to hide), saying so', () => {
    // UCDP: civilians are only ever the target of one-sided violence.
    const withTargets = { ...known, actors: [...known.actors, 'civilians'], neverActing: ['civilians'] };
    const { state, notices } = reconcileWithDataset(view({ hiddenActors: ['civilians', 'isis', 'x'] }), withTargets);
    expect(state.filter.hiddenActors).toEqual(['isis']);
    expect(notices).toEqual([
      'The link hides an actor that never acts in this dataset, so has no layer to hide: "civilians".',
      'The link hides an actor this dataset doesn\'t have: "x".',
    ]);
    expect(reconcileWithDataset(view({ hiddenActors: ['isis'] }), withTargets)).toEqual({ state: view({ hiddenActors: ['isis'] }), notices: [] });
  });

  it('names at most five ids in a notice', () => {
    const { notices } = reconcileWithDataset(view({ hiddenActors: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }), known);
    expect(notices).toEqual(['The link hides actors this dataset doesn\'t have: "a", "b", "c", "d", "e" and 2 more.']);
  });
});

describe('sameView', () => {
  it('treats lists as sets and ignores surrounding spaces in the search', () => {
    expect(sameView(view({ hiddenActors: ['b', 'a'], query: ' q ' }), view({ hiddenActors: ['a', 'b', 'a'], query: 'q' }))).toBe(true);
  });

  it('ignores a move smaller than the link can show, but not a real one', () => {
    const at = (lat: number) => view({}, { map: { zoom: 10, lat, lng: 38 } });
    expect(sameView(at(35.200001), at(35.2))).toBe(true);
    expect(sameView(at(35.21), at(35.2))).toBe(false);
  });

  it('tells different views apart', () => {
    expect(sameView(view(), view({ singleSource: true }))).toBe(false);
    expect(sameView(view(), view({}, { base: 'osm' }))).toBe(false);
    expect(sameView(view(), view({}, { data: '' }))).toBe(true); // blank data is no dataset
    expect(sameView(view(), view({}, { data: '/x.csv' }))).toBe(false);
    expect(sameView(view({ sources: ['a'] }), view({ eventTypes: ['a'] }))).toBe(false);
  });
});
