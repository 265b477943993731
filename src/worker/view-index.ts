import type { IncidentFeature } from '../data/incident-types';
import type { LoadedDataset } from '../data/validate-dataset';
import { briefOf, PAGE_INCIDENT_LIMIT, type IncidentBrief } from '../model/dataset-summary';
import { NO_FILTER, type IncidentFilter, type TimeRange } from '../model/incident-filter';
import { applyFilter, computeBaseMask, countsOfLayers, filterKeys, keptCodes, rowsPerSet, type FilterCounts } from '../model/index/apply-filter';
import { countsPerActor } from '../model/index/visibility-mask';
import { answersFromPyramid, clusterView, type ClusterIndex } from '../model/index/grid-clusters';
import { windowKey } from '../model/index/grid-geometry';
import { buildGridPyramid, pairsPay, refreshPyramid } from '../model/index/grid-pyramid';
import { warmFilterPasses } from '../model/index/warm-filters';
import type { IncidentColumns } from '../model/index/incident-columns';
import { permuteColumns, pickU8 } from '../model/index/permute-columns';
import { rowsOfIncidents, type IncidentRows, type IncidentStore } from '../model/index/incident-rows';
import { buildSpatialIndex, type SpatialIndex } from '../model/index/spatial-index';
import { forgetProjected } from '../model/index/projected';
import { spatialOrder } from '../model/index/spatial-order';
import { queryTokens } from '../model/search-text';
import { binsOfSpan, chooseBins, dayRangeOf, histogram, type TimeBins } from '../model/timeline';
import type { ListSort } from '../model/view-state';
import { CELL_PX, type FilterOutcome, type ListRow, type TimelineCounts, type ViewMarker, type ViewQuery } from './dataset-protocol';
import { IdLookup } from './id-lookup';
import { ListPages, listRowOf } from './list-pages';
import { SearchHaystacks } from './search-haystacks';
import { viewMarkers } from './view-markers';

const PYRAMID_MAX_ZOOM = 12;
/** Bars on the timeline, at most: enough to see March in a year of data, few enough to read. */
const TIMELINE_BINS = 120;

/**
 * The worker's index of a dataset: columns, a spatial index and a per-zoom grid pyramid
 * (src/model/index), so a filter change is one pass over typed arrays and a pan or zoom reads only
 * the cells in view, whatever the dataset's size. Rows are kept in spatial order (faster refreshes);
 * `fileOrder` maps them back to the store's rows (the file's order), for details and exports.
 * No incident object is needed until one is shown in detail: a list row, a popup, a single marker.
 *
 * Built in two steps, so that a big dataset's first view need not wait for the whole index (~0.7 s
 * at a million on a 2-core machine): the constructor keeps the columns in the file's order and
 * applies no filter, which is enough to answer every request — a view bins every shown row then
 * (~0.1 s at a million) — and build() sorts the rows by place and lays out the pyramid. The worker
 * calls build() once the first view is answered.
 */
export class ViewIndex {
  /** File row → the incident (objects, or read again from the file's text). */
  private readonly store: IncidentStore;
  /** Finds an id's row. */
  private ids: IdLookup;
  /** Row → file row, once build() has sorted the rows by place; before, rows are in the file's order. */
  private fileOrder: Uint32Array | null = null;
  private columns: IncidentColumns;
  /** Empty until build(): views bin every row meanwhile. */
  private index: ClusterIndex = {};
  /** Each row's placeCode (file order), if the import computed them: for views before build(), and for its sort. */
  private placeCodes: Uint32Array | undefined;
  private readonly bins: TimeBins | null;
  /** Read through shownMask() / untimedMask(): an actor toggle may leave them to be written (maskDue). */
  private mask: Uint8Array;
  private untimed: Uint8Array;
  /**
   * The hidden actor codes of the last filter, when it was the actor layers' alone and its pass over
   * the rows (mask, untimed) has not run yet: the pyramid folds its pairs without it, so the map's
   * answer does not wait for it (~10–20 ms at a million); whatever reads the rows runs it first.
   */
  private maskDue: Uint8Array | null = null;
  /** Rows per actor set code (rowsPerSet), counted once, when first needed. */
  private perSet: Uint32Array | null = null;
  private baseMask: Uint8Array | null = null;
  private baseKey = '';
  /** The filter the mask is for (filterKeys; its pass may still be due: maskDue), and its counts. */
  private maskKey: string;
  private counts: FilterCounts;
  /** The actor sets shown, when they alone decide the mask (refreshPyramid's `shownSets`). */
  private byLayersAlone: Uint8Array | undefined;
  private untimedKey = '';
  /** The bars the last applyFilter left for dueHistogram to count. */
  private histogramDue: TimeBins | null = null;
  /** Each row's folded search text: filled by prepareSearch, a slice at a time, or at the first search. */
  private haystacks: SearchHaystacks;
  private pages = new ListPages();
  private version = 0;
  visibleCount: number;

  /**
   * `rows`: the incidents as an import collected them (RowCollector); by default, the dataset's own.
   * `build`: build the whole index now (false: the caller calls build() when it suits).
   */
  constructor(dataset: LoadedDataset, rows: IncidentRows = rowsOfIncidents(dataset.incidents, Object.keys(dataset.actors), Object.keys(dataset.sources)), { build = true } = {}) {
    this.store = rows.store;
    this.haystacks = new SearchHaystacks((row) => this.store.read(this.fileRow(row)), dataset.sources);
    this.columns = rows.columns;
    this.ids = new IdLookup(rows.idHash);
    this.placeCodes = rows.placeCodes;
    const range = dayRangeOf(this.columns, null);
    this.bins = range ? chooseBins(range.first, range.last, TIMELINE_BINS) : null;
    this.mask = new Uint8Array(this.columns.length);
    this.untimed = new Uint8Array(this.columns.length);
    // Everything shown: what the first filter (none) would compute, so it finds nothing to redo.
    this.counts = applyFilter(this.columns, null, new Uint8Array(this.columns.actorIds.length), null, { mask: this.mask, untimed: this.untimed });
    this.byLayersAlone = this.counts.setShown;
    this.maskKey = filterKeys(NO_FILTER).maskKey;
    this.visibleCount = this.counts.visible;
    if (build) this.build();
  }

  /** Whether build() has run. */
  get built(): boolean {
    return this.index.pyramid !== undefined;
  }

  /**
   * Sorts the rows by place and builds the grid pyramid (kdbush comes later: warmUp). The rows'
   * masks and search text move with them; what the page holds (ids, cell keys) does not change.
   */
  build(): void {
    if (this.built) return;
    // Everything is made first and swapped in at the end: if anything fails on the way (memory, at
    // a million rows), the index is as it was, unsorted and still answering, not half sorted.
    const unsorted = this.columns;
    // The pyramid's cells come from the Z-order codes; kdbush projects the points again when built.
    const codes = new Uint32Array(unsorted.length);
    const order = spatialOrder(unsorted, codes, this.placeCodes);
    forgetProjected(unsorted);
    const columns = permuteColumns(unsorted, order);
    const mask = pickU8(this.shownMask(), order);
    const pyramid = buildGridPyramid(columns, { cellPx: CELL_PX, maxZoom: PYRAMID_MAX_ZOOM, codes });
    refreshPyramid(pyramid, columns, mask);
    const ids = this.ids.movedBy(order);
    // The search text folded so far and the list orders made name rows by their old places.
    const haystacks = this.haystacks.movedBy(order);
    const pages = this.pages.movedBy(order);
    const untimed = pickU8(this.untimedMask(), order);
    const baseMask = this.baseMask && pickU8(this.baseMask, order);

    this.columns = columns;
    this.fileOrder = order;
    this.placeCodes = undefined;
    this.mask = mask;
    this.untimed = untimed;
    this.baseMask = baseMask;
    this.ids = ids;
    this.haystacks = haystacks;
    this.pages = pages;
    this.version++;
    // kdbush answers views past the pyramid's deepest zoom and stacks' members: built when first
    // needed or by warmUp(), not before the first view (~0.3–0.7 s at a million).
    let points: SpatialIndex | undefined;
    this.index = {
      pyramid,
      get points() {
        if (!points) {
          points = buildSpatialIndex(columns);
          forgetProjected(columns);
        }
        return points;
      },
    };
  }

  /** Builds what the first view did not need (the point index), so that the first deep zoom does not wait for it. */
  warmUp(): void {
    this.build();
    void this.index.points;
  }

  /** Readies the first actor toggles (warmFilterPasses), answers unchanged. */
  warmFilters(): void {
    this.build();
    warmFilterPasses(this.columns, this.index.pyramid, () => this.shownMask(), this.byLayersAlone, this.bins);
  }

  /** Whether the last filter's pass over the rows is still to run (maskDue): an actor toggle answered from the pyramid alone. */
  get passDue(): boolean {
    return this.maskDue !== null;
  }

  /** Incidents per actor layer among all loaded incidents (NO_ACTOR included when some name none), from the columns. */
  actorTotals(): Record<string, number> {
    const perCode = countsPerActor(this.columns, this.rowsPerSet());
    return Object.fromEntries(this.columns.actorIds.flatMap((id, code) => (perCode[code]! > 0 ? [[id, perCode[code]!]] : [])));
  }

  /**
   * Applies a filter: the shown rows, the actor counts (every filter but the actors), and — unless
   * only the time range changed — the timeline's histogram (every filter but time).
   */
  setFilter(filter: IncidentFilter, timeline: TimeRange | null = null): FilterOutcome {
    const outcome = this.applyFilter(filter, timeline);
    delete outcome.histogramFollows;
    const histogram = this.dueHistogram();
    return histogram ? { ...outcome, histogram } : outcome;
  }

  /**
   * setFilter without the histogram: when the filter changed what the timeline's bars count, they
   * are left for dueHistogram(), so that the map's answer need not wait for them (~20 ms at a million).
   */
  applyFilter(filter: IncidentFilter, timeline: TimeRange | null = null): FilterOutcome {
    const { columns } = this;
    const { baseKey, maskKey, hidden, timeRange } = filterKeys(filter);
    if (baseKey !== this.baseKey) {
      this.baseKey = baseKey;
      this.baseMask = computeBaseMask(columns, {
        typeKept: keptCodes(columns.typeIds, filter.eventTypes),
        sourceKept: keptCodes(columns.sourceIds, filter.sources),
        singleSource: filter.singleSource,
        preciseOnly: filter.preciseOnly,
        searchMatch: this.haystacks.match(filter.query, columns.length),
      }, this.baseMask ?? undefined);
    }
    // The same shown rows as now (the first filter after loading, a histogram zoom): nothing to redo.
    if (maskKey !== this.maskKey) {
      this.maskKey = maskKey;
      const hiddenCodes = Uint8Array.from(columns.actorIds, (id) => (hidden.has(id) ? 1 : 0));
      const layersAlone = this.baseMask === null && timeRange === null;
      const { pyramid } = this.index;
      // The layers alone decide which rows show (no other filter, no time range): the pyramid folds
      // its pairs, not its rows, where they pay — and then the counts come from the actor sets and
      // the rows' pass waits until something reads the rows (shownMask).
      if (layersAlone && pyramid && pairsPay(pyramid, columns)) {
        this.counts = countsOfLayers(columns, this.rowsPerSet(), hiddenCodes);
        this.maskDue = hiddenCodes;
      } else {
        this.maskDue = null;
        this.counts = applyFilter(columns, this.baseMask, hiddenCodes, timeRange, { mask: this.mask, untimed: this.untimed });
      }
      this.visibleCount = this.counts.visible;
      this.version++;
      this.byLayersAlone = layersAlone ? this.counts.setShown : undefined;
      if (pyramid) refreshPyramid(pyramid, columns, this.mask, this.byLayersAlone);
    }
    const { visible, actorCounts } = this.counts;

    const bins = binsOfSpan(timeline, this.bins, TIMELINE_BINS);
    const untimedKey = `${baseKey}|${[...hidden].sort().join('\n')}|${bins?.starts[0]}:${bins?.starts.length}:${bins?.unit}`;
    const outcome: FilterOutcome = {
      visible,
      actorCounts: Object.fromEntries(columns.actorIds.map((id, code) => [id, actorCounts[code] ?? 0])),
    };
    if (untimedKey !== this.untimedKey && bins) {
      this.untimedKey = untimedKey;
      this.histogramDue = bins;
      outcome.histogramFollows = true;
    }
    if (columns.length <= PAGE_INCIDENT_LIMIT) outcome.shownIds = this.shownRows().map((row) => this.incidentAt(row).id);
    return outcome;
  }

  /** The timeline's bars when the last applyFilter changed what they count (once), else undefined. */
  dueHistogram(): TimelineCounts | undefined {
    const bins = this.histogramDue;
    if (!bins) return undefined;
    this.histogramDue = null;
    const counts = histogram(this.columns, this.untimedMask(), bins);
    return {
      unit: bins.unit, starts: Array.from(bins.starts), exact: Array.from(counts.exact), spread: Array.from(counts.spread), undated: counts.undated,
      zoomed: bins !== this.bins,
    };
  }

  /**
   * Folds the search text of up to `count` more rows; true once every row's is ready. The worker
   * calls it in slices while it is idle, so that the first search finds the text ready (reading a
   * row again and folding it costs ~30 µs: seconds at 100,000 rows).
   */
  prepareSearch(count: number): boolean {
    return this.haystacks.prepare(count, this.columns.length);
  }

  /** The fraction of the rows whose search text is folded. */
  get searchPrepared(): number {
    return this.columns.length === 0 ? 1 : this.haystacks.folded / this.columns.length;
  }

  /** Whether applying this filter would have to fold search text not folded yet (a search, before prepareSearch is done). */
  needsSearchText(filter: IncidentFilter): boolean {
    return this.haystacks.folded < this.columns.length && queryTokens(filter.query).length > 0;
  }

  get size(): number {
    return this.columns.length;
  }

  private incidentAt(row: number): IncidentFeature {
    return this.store.get(this.fileRow(row));
  }

  private fileRow(row: number): number {
    return this.fileOrder ? this.fileOrder[row]! : row;
  }

  private shownRows(): number[] {
    const rows: number[] = [], mask = this.shownMask();
    for (let row = 0; row < mask.length; row++) if (mask[row] === 1) rows.push(row);
    return rows;
  }

  /** 1 per shown row: the last filter's pass over the rows, run now if an actor toggle left it (maskDue). */
  private shownMask(): Uint8Array {
    if (this.maskDue) {
      applyFilter(this.columns, null, this.maskDue, null, { mask: this.mask, untimed: this.untimed });
      this.maskDue = null;
    }
    return this.mask;
  }

  /** 1 per row passing every filter but time (the histogram's rows), as shownMask. */
  private untimedMask(): Uint8Array {
    this.shownMask();
    return this.untimed;
  }

  private rowsPerSet(): Uint32Array {
    return (this.perSet ??= rowsPerSet(this.columns));
  }

  /** The shown rows' places in the file, in order: an export reads them a batch at a time (readFileRow). */
  shownFileRows(): Uint32Array {
    const mask = this.shownMask();
    let count = 0;
    for (let row = 0; row < mask.length; row++) count += mask[row]!;
    const rows = new Uint32Array(count);
    for (let row = 0, k = 0; row < mask.length; row++) if (mask[row] === 1) rows[k++] = this.fileRow(row);
    // A typed array sorts numbers without a comparator: ~60 ms for a million, against ~280.
    return rows.sort();
  }

  /** The incident at a place in the file (shownFileRows), read without being kept. */
  readFileRow(fileRow: number): IncidentFeature {
    return this.store.read(fileRow);
  }

  private rowOf(id: string): number | undefined {
    return this.ids.rowOf(id, (row) => this.incidentAt(row).id);
  }

  incident(id: string): IncidentFeature | null {
    const row = this.rowOf(id);
    return row === undefined ? null : this.incidentAt(row);
  }

  isShown(id: string): boolean {
    const row = this.rowOf(id);
    return row !== undefined && this.shownMask()[row] === 1;
  }

  /** A window of the shown incidents in list order (for a virtualised list), and how many there are. */
  list(sort: ListSort, offset: number, limit: number): { rows: ListRow[]; total: number } {
    const end = Math.min(this.visibleCount, Math.max(0, offset) + Math.max(0, limit));
    const rows = this.listedRows(sort, end);
    const out: ListRow[] = [];
    for (let k = Math.max(0, offset); k < end; k++) out.push(listRowOf(this.incidentAt(rows[k]!), this.columns.casualties[rows[k]!]!));
    return { rows: out, total: this.visibleCount };
  }

  /** Where incident `id` is in the list, or -1 when it isn't shown. */
  position(sort: ListSort, id: string): number {
    if (!this.isShown(id)) return -1;
    const row = this.rowOf(id)!;
    // Near the top (a row just selected in the list, most often), without listing the rest.
    const head = Math.min(this.visibleCount, 1000);
    const found = this.listedRows(sort, head).subarray(0, head).indexOf(row);
    return found >= 0 ? found : this.listedRows(sort, this.visibleCount).indexOf(row);
  }

  private listedRows(sort: ListSort, count: number): Uint32Array {
    return this.pages.rows(sort, count, { columns: this.columns, fileOrder: this.fileOrder, mask: () => this.shownMask(), visible: this.visibleCount, version: this.version });
  }

  /**
   * The clusters and single incidents of a view. The last answer is kept, for the view's cells: the
   * page asks ahead for the view a dataset opens in (prefetch-view), which costs ~0.1 s at a million
   * before build(), and the map asks again once it is there, at bounds that may differ by a pixel;
   * a short pan within the same cells is answered from it too.
   */
  markers(view: ViewQuery): ViewMarker[] {
    const key = `${this.version}|${this.built}|${windowKey(view)}`;
    if (this.lastMarkers?.key !== key) this.lastMarkers = { key, markers: this.computeMarkers(view) };
    return this.lastMarkers.markers;
  }

  private lastMarkers: { key: string; markers: ViewMarker[] } | null = null;

  private computeMarkers(view: ViewQuery): ViewMarker[] {
    // A view the pyramid answers reads its cells, not the rows: it need not wait for an actor toggle's pass.
    const mask = answersFromPyramid(this.index, view) ? this.mask : this.shownMask();
    const { clusters, zoom } = clusterView(this.index, this.columns, mask, view, this.placeCodes);
    return viewMarkers(clusters, zoom, this.columns.actorIds, (row) => this.incidentAt(row));
  }

  /** The shown incidents stacked at exactly one point, as a list (from the cluster that holds them). */
  stack(view: ViewQuery, lng: number, lat: number): { briefs: IncidentBrief[]; total: number } {
    const cluster = clusterView(this.index, this.columns, this.shownMask(), view, this.placeCodes).clusters
      .find((c) => c.stack && Math.abs(c.lng - lng) < 1e-9 && Math.abs(c.lat - lat) < 1e-9);
    if (!cluster) return { briefs: [], total: 0 };
    return { briefs: cluster.stackRows().map((row) => briefOf(this.incidentAt(row))), total: cluster.count };
  }
}
