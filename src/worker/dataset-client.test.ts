import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_FILTER } from '../model/incident-filter';
import { DatasetService, openDataset, prepareDatasetWorker } from './dataset-client';
import type { WorkerReply, WorkerRequest } from './dataset-protocol';

/** A stand-in for the dataset's worker: answers each request with what `answer` says, a moment later. */
function fakeWorker(answer: (request: WorkerRequest) => WorkerReply[]) {
  const sent: WorkerRequest[] = [];
  const worker = {
    onmessage: null as ((event: MessageEvent<WorkerReply>) => void) | null,
    postMessage(request: WorkerRequest) {
      sent.push(request);
      setTimeout(() => { for (const reply of answer(request)) worker.onmessage?.({ data: reply } as MessageEvent<WorkerReply>); }, 1);
    },
    terminate() {},
  };
  return { worker: worker as unknown as Worker, sent };
}

describe('DatasetService when the worker cannot answer', () => {
  it('rejects that request with the worker\'s message, tells the listener, and goes on with the next filter', async () => {
    let filters = 0;
    const { worker, sent } = fakeWorker((request) => {
      if (request.type === 'filter') {
        filters += 1;
        if (filters === 1) return [{ id: request.id, type: 'failed', message: 'no row 12' }];
        return [{ id: request.id, type: 'filtered', outcome: { visible: 7, actorCounts: {} } }];
      }
      if (request.type === 'list') return [{ id: request.id, type: 'failed', message: 'unknown sort' }];
      return [];
    });
    const service = new DatasetService(worker);
    const heard: string[] = [];
    const stop = service.onFailure((message) => heard.push(message));

    await expect(service.list('newest', 0, 50)).rejects.toThrow('unknown sort');
    // The first filter fails; the one asked for meanwhile still goes, and is answered.
    const first = service.filter(NO_FILTER);
    const second = service.filter({ ...NO_FILTER, query: 'Aleppo' });
    expect(await first).toBeNull();
    expect((await second)?.visible).toBe(7);
    expect(sent.filter((r) => r.type === 'filter')).toHaveLength(2);
    expect(heard).toEqual(['unknown sort', 'no row 12']);

    stop();
    await expect(service.list('newest', 0, 50)).rejects.toThrow('unknown sort');
    expect(heard).toHaveLength(2);
  });
});

describe('DatasetService.filter during a scrub', () => {
  it('keeps two filters in flight, queues only the newest after them, and resolves the ones it replaces to null, in order', async () => {
    const { worker, sent } = fakeWorker((request) => (request.type === 'filter'
      ? [{ id: request.id, type: 'filtered', outcome: { visible: Number(request.filter.query), actorCounts: {} } }]
      : []));
    const service = new DatasetService(worker);
    const asked = [1, 2, 3, 4, 5].map((n) => service.filter({ ...NO_FILTER, query: String(n) }));
    // Two go at once; 3 and 4 are replaced while they wait; 5 goes when an answer comes back.
    expect(sent.map((r) => (r.type === 'filter' ? r.filter.query : r.type))).toEqual(['1', '2']);
    const answers = await Promise.all(asked);
    expect(answers.map((a) => a?.visible ?? null)).toEqual([1, 2, null, null, 5]);
    expect(sent.map((r) => (r.type === 'filter' ? r.filter.query : r.type))).toEqual(['1', '2', '5']);
  });
});

describe('DatasetService.askAhead', () => {
  const answering = () => fakeWorker((request) => (request.type === 'filter'
    ? [{ id: request.id, type: 'filtered', outcome: { visible: request.filter.query.length, actorCounts: {} } }]
    : []));

  it('sends the starting filter at once, and gives its answer to the first filter() asking the same, without asking again', async () => {
    const { worker, sent } = answering();
    const service = new DatasetService(worker);
    service.askAhead({ ...NO_FILTER, query: 'Deir' }, null);
    expect(sent.map((r) => r.type)).toEqual(['filter']);
    // Asked for as the view mounts: the same filter (another object) takes the answer already on its way.
    expect((await service.filter({ ...NO_FILTER, query: 'Deir' }))?.visible).toBe(4);
    expect(sent).toHaveLength(1);
    // Taken once: the next ask goes to the worker.
    expect((await service.filter({ ...NO_FILTER, query: 'Deir' }))?.visible).toBe(4);
    expect(sent).toHaveLength(2);
  });

  it('sends the opening view first when the filter shows everything (as the worker starts), after it when the filter narrows, and not at all without one', () => {
    const view = { west: 30, south: 30, east: 45, north: 40, zoom: 6, cellPx: 64 };
    const orderOf = (filter: typeof NO_FILTER, opening: typeof view | null) => {
      const { worker, sent } = answering();
      new DatasetService(worker).askAhead(filter, opening);
      return sent.map((r) => (r.type === 'prefetch-view' ? `${r.type} ${r.view.zoom}` : r.type));
    };
    expect(orderOf(NO_FILTER, view)).toEqual(['prefetch-view 6', 'filter']);
    expect(orderOf({ ...NO_FILTER, query: '  ' }, view)).toEqual(['prefetch-view 6', 'filter']);
    expect(orderOf({ ...NO_FILTER, hiddenActors: ['isis'] }, view)).toEqual(['filter', 'prefetch-view 6']);
    expect(orderOf({ ...NO_FILTER, timeRange: { start: '2016-07-01', end: '2016-07-31' } }, view)).toEqual(['filter', 'prefetch-view 6']);
    expect(orderOf(NO_FILTER, null)).toEqual(['filter']);
  });

  it('asks anew when the filter the view starts with is not the one asked early, or comes with a timeline span', async () => {
    const { worker, sent } = answering();
    const service = new DatasetService(worker);
    service.askAhead(NO_FILTER, null);
    expect((await service.filter({ ...NO_FILTER, query: 'Barad' }))?.visible).toBe(5);
    expect(sent.map((r) => (r.type === 'filter' ? r.filter.query : r.type))).toEqual(['', 'Barad']);
    // The early answer is dropped once another filter has been asked: a later same filter asks again.
    expect((await service.filter(NO_FILTER))?.visible).toBe(0);
    expect(sent).toHaveLength(3);
    service.askAhead(NO_FILTER, null);
    await service.filter(NO_FILTER, { start: '2016-07-01', end: '2016-07-31' });
    expect(sent).toHaveLength(5);
  });
});

describe('the worker prepared ahead of the first dataset', () => {
  /** A stand-in Worker: records what it is sent and whether it was ended. */
  class FakeWorker {
    static made: FakeWorker[] = [];
    onmessage: unknown = null;
    onerror: ((event: unknown) => void) | null = null;
    readonly sent: unknown[] = [];
    ended = false;
    constructor() { FakeWorker.made.push(this); }
    postMessage(message: unknown) { this.sent.push(message); }
    terminate() { this.ended = true; }
  }
  const source = { kind: 'url', url: 'https://example.org/a.csv', fileName: 'a.csv' } as const;
  afterEach(() => {
    // A test that stopped between preparing and opening leaves no prepared worker to the next.
    openDataset(source, () => {}).cancel();
    vi.unstubAllGlobals();
    FakeWorker.made = [];
  });

  it('opens the first dataset in it, and the next in a new one', () => {
    vi.stubGlobal('Worker', FakeWorker);
    prepareDatasetWorker();
    prepareDatasetWorker(); // one is enough
    expect(FakeWorker.made.length).toBe(1);
    openDataset(source, () => {});
    expect(FakeWorker.made.length).toBe(1);
    expect(FakeWorker.made[0]!.sent).toEqual([expect.objectContaining({ type: 'import', source })]);
    openDataset(source, () => {});
    expect(FakeWorker.made.length).toBe(2);
    expect(FakeWorker.made[1]!.sent).toHaveLength(1);
  });

  it('ends one that failed to start, and opens the dataset in a new one', () => {
    vi.stubGlobal('Worker', FakeWorker);
    prepareDatasetWorker();
    const failed = FakeWorker.made[0]!;
    // Its script could not be loaded, before any dataset was asked of it.
    failed.onerror?.(new Event('error'));
    openDataset(source, () => {});
    expect(failed.ended).toBe(true);
    expect(failed.sent).toHaveLength(0);
    expect(FakeWorker.made.length).toBe(2);
    expect(FakeWorker.made[1]!.sent).toHaveLength(1);
  });

  it('ends the import, and the worker, when the worker it took fails afterwards', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    prepareDatasetWorker();
    const job = openDataset(source, () => {});
    const taken = FakeWorker.made[0]!;
    taken.onerror?.({ message: '' });
    expect(await job.result).toEqual({ ok: false, error: 'The file could not be read: the import stopped unexpectedly.' });
    expect(taken.ended).toBe(true);
  });

  it('ends the worker it took when the import is cancelled', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    prepareDatasetWorker();
    const job = openDataset(source, () => {});
    job.cancel();
    expect(await job.result).toBeNull();
    expect(FakeWorker.made[0]!.ended).toBe(true);
  });
});

describe('DatasetService.exportView', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('makes the file of the worker\'s parts, in order, between its head and tail, telling how far it is', async () => {
    const { worker } = fakeWorker((request) => (request.type === 'export' ? [
      { id: request.id, type: 'export-part', bytes: bytes('1,a\r\n'), fraction: 0.5 },
      { id: request.id, type: 'export-part', bytes: bytes('2,ب\r\n'), fraction: 1 },
      { id: request.id, type: 'exported', head: bytes('id,name\r\n'), tail: bytes('') },
    ] : []));
    const service = new DatasetService(worker);
    const fractions: number[] = [];
    const blob = await service.exportView('csv', '2026-11-29', (fraction) => fractions.push(fraction));
    expect(await blob.text()).toBe('id,name\r\n1,a\r\n2,ب\r\n');
    expect(blob.type).toBe('text/csv');
    expect(fractions).toEqual([0.5, 1]);
  });

  it('rejects with the worker\'s message when the export fails', async () => {
    const { worker } = fakeWorker((request) => (request.type === 'export' ? [
      { id: request.id, type: 'export-part', bytes: bytes('{'), fraction: 0.1 },
      { id: request.id, type: 'failed', message: 'row 12 is gone' },
    ] : []));
    const service = new DatasetService(worker);
    // The panel says so; the map's "something went wrong" banner is for what the map shows.
    const heard: string[] = [];
    service.onFailure((message) => heard.push(message));
    await expect(service.exportView('geojson', '2026-11-29')).rejects.toThrow('row 12 is gone');
    expect(heard).toEqual([]);
  });

  it('writes an export to its end when the dataset is closed meanwhile, and only then ends the worker', async () => {
    let finish: () => void = () => {};
    const { worker } = fakeWorker((request) => {
      if (request.type !== 'export') return [];
      finish = () => worker.onmessage?.({ data: { id: request.id, type: 'exported', head: bytes('id\r\n'), tail: bytes('') } } as MessageEvent<WorkerReply>);
      return [{ id: request.id, type: 'export-part', bytes: bytes('7\r\n'), fraction: 0.5 }];
    });
    let ended = false;
    worker.terminate = () => { ended = true; };
    const service = new DatasetService(worker);
    const fractions: number[] = [];
    const blob = service.exportView('csv', '2026-11-29', (fraction) => fractions.push(fraction));
    await vi.waitFor(() => expect(fractions).toEqual([0.5]));
    service.dispose();
    expect(ended).toBe(false);
    finish();
    expect(await (await blob).text()).toBe('id\r\n7\r\n');
    expect(ended).toBe(true);
    // With nothing being written, disposing ends the worker at once.
    const { worker: idle } = fakeWorker(() => []);
    let idleEnded = false;
    idle.terminate = () => { idleEnded = true; };
    new DatasetService(idle).dispose();
    expect(idleEnded).toBe(true);
  });
});

describe('DatasetService.onSearchProgress', () => {
  it('hands the worker\'s search progress to the listener until it stops listening', async () => {
    const { worker } = fakeWorker((request) => (request.type === 'prepare-search' ? [
      { id: 0, type: 'search-progress', fraction: 0.25 },
      { id: 0, type: 'search-progress', fraction: 1 },
    ] : []));
    const service = new DatasetService(worker);
    const heard: number[] = [];
    const stop = service.onSearchProgress((fraction) => heard.push(fraction));
    service.prepareSearch();
    await vi.waitFor(() => expect(heard).toEqual([0.25, 1]));
    stop();
    service.prepareSearch();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toEqual([0.25, 1]);
  });
});
